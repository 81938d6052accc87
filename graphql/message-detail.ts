import 'server-only';
import { urlSignerFor } from '../lib/crypto/signed-url.ts';
import { loggerFor } from '../lib/log/logger.ts';
import { countFolderMessages } from '../db/queries/messages.ts';
import { openMessage, type MessageDetail } from '../lib/reader/open-message.ts';
import { publishMailboxEvent } from '../lib/sync/sync-events.ts';
import { authz, builder } from './builder.ts';
import type { GraphQLContext } from './context.ts';
import { MailAddressRef } from './message.ts';

const MessageAttachmentRef = builder.objectRef<MessageDetail['attachments'][number]>('MessageAttachment').implement({
  fields: (t) => ({
    id: t.exposeID('id'),
    filename: t.exposeString('filename', { nullable: true, description: 'As the sender named it: raw, render it as text.' }),
    contentType: t.exposeString('contentType'),
    size: t.exposeInt('size', { description: 'Decoded size in bytes.' }),
    url: t.exposeString('url', { description: '/api/attachments/<id>: a download authenticated by the session cookie.' }),
    previewUrl: t.exposeString('previewUrl', {
      nullable: true,
      description:
        'PNG, JPEG, GIF or WebP up to 5 MiB: a signed, short-lived URL of the image for an inline preview, served only when its bytes are a raster image. Null for anything else.',
    }),
  }),
});

const InlineImageRef = builder.objectRef<MessageDetail['inlineImages'][number]>('InlineImage').implement({
  description: 'A `cid:` image of the HTML body (a raster image part of the message).',
  fields: (t) => ({
    contentId: t.exposeString('contentId', { description: 'As the part’s Content-ID, without angle brackets.' }),
    url: t.exposeString('url', { description: 'Signed, short-lived URL of the image bytes; needs no cookie.' }),
  }),
});

const RemoteImageRef = builder.objectRef<MessageDetail['remoteImages'][number]>('RemoteImage').implement({
  description: 'A remote image or style sheet the HTML refers to; blocked until the user asks.',
  fields: (t) => ({
    original: t.exposeString('original', {
      description: 'The reference as written in the HTML (entities decoded, surrounding whitespace trimmed).',
    }),
    proxied: t.exposeString('proxied', {
      description: 'Signed, short-lived URL of the server’s image proxy for it; raster images only.',
    }),
  }),
});

export const MessageDetailRef = builder.objectRef<MessageDetail>('MessageDetail').implement({
  description: 'One message as the reader shows it.',
  fields: (t) => ({
    id: t.exposeID('id'),
    accountId: t.exposeID('accountId'),
    folderId: t.exposeID('folderId'),
    subject: t.exposeString('subject'),
    from: t.field({ type: [MailAddressRef], resolve: (m) => m.from }),
    to: t.field({ type: [MailAddressRef], resolve: (m) => m.to }),
    cc: t.field({ type: [MailAddressRef], resolve: (m) => m.cc }),
    bcc: t.field({ type: [MailAddressRef], resolve: (m) => m.bcc }),
    replyTo: t.field({ type: [MailAddressRef], resolve: (m) => m.replyTo }),
    sentAt: t.expose('sentAt', { type: 'DateTime', nullable: true, description: 'The Date header.' }),
    receivedAt: t.expose('receivedAt', { type: 'DateTime', description: 'INTERNALDATE: when the server received it.' }),
    seen: t.exposeBoolean('seen'),
    flagged: t.exposeBoolean('flagged'),
    html: t.exposeString('html', {
      nullable: true,
      description:
        'HTML body as the sender wrote it (decoded, NOT sanitized): only ever rendered after DOMPurify in a sandboxed iframe.',
    }),
    text: t.exposeString('text', { nullable: true, description: 'Plain-text body (format=flowed already joined).' }),
    attachments: t.field({
      type: [MessageAttachmentRef],
      description: 'Every part except the inline images below (an inline part the HTML does not show is listed here).',
      resolve: (m) => m.attachments,
    }),
    inlineImages: t.field({
      type: [InlineImageRef],
      description: 'cid: parts of the HTML, as signed URLs the sandboxed iframe may load without cookies.',
      resolve: (m) => m.inlineImages,
    }),
    remoteImages: t.field({
      type: [RemoteImageRef],
      description:
        'Remote images/CSS found in the HTML, each with a signed image-proxy URL (nothing is fetched until the user asks).',
      resolve: (m) => m.remoteImages,
    }),
    sourceUrl: t.exposeString('sourceUrl', {
      nullable: true,
      description: 'Signed, short-lived URL of the original message (.eml); null while the source is not stored yet.',
    }),
    parseError: t.exposeString('parseError', { nullable: true, description: 'Set when the MIME could not be fully read.' }),
  }),
});

builder.queryField('message', (t) =>
  t.field({
    type: MessageDetailRef,
    nullable: true,
    description: 'One of the viewer’s messages, for the reader; null when it is not the viewer’s or is gone.',
    extensions: authz('signedIn'),
    args: { id: t.arg.id({ required: true }) },
    resolve: (_root, { id }, context) =>
      openMessage(
        {
          db: context.services.database.db,
          signer: urlSignerFor(context.services.credentialsKey),
          extracted: (message) => announceExtracted(context, message),
        },
        context.viewer!.user.id,
        String(id),
      ),
  }),
);

/**
 * Opening a message the extraction worker had not reached extracted it: tell open lists (their
 * snippet and attachment mark), as the worker would. After the answer, never delaying it.
 */
function announceExtracted(context: GraphQLContext, message: { id: string; accountId: string; folderId: string }): void {
  const { database, bus } = context.services;
  void countFolderMessages(database.db, message.folderId)
    .then((counts) =>
      publishMailboxEvent(bus, {
        accountId: message.accountId,
        kind: 'MESSAGES_UPDATED',
        folderId: message.folderId,
        messageIds: [message.id],
        counts,
      }),
    )
    .catch((error: unknown) =>
      loggerFor('reader').warn({ err: error, messageId: message.id }, 'announcing an extraction failed'),
    );
}
