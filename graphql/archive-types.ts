import 'server-only';
import type { ArchivedDocumentSummary } from '../db/queries/archived-documents.ts';
import type { Viewer } from '../lib/auth/viewer.ts';
import type { ArchiveTarget, ArchiveTargetKind, ArchiveViewer, NamedArchiveTarget } from '../lib/archive/archive-target.ts';
import { archiveDownloadUrl } from '../lib/archive/archive-urls.ts';
import { archivedDocumentBody, type ArchivedDocumentBody } from '../lib/archive/archived-document-body.ts';
import { urlSignerFor } from '../lib/crypto/signed-url.ts';
import { AppError } from '../lib/errors.ts';
import { builder } from './builder.ts';
import { MailAddressRef } from './message.ts';

/** The viewer as the archive's core knows it. */
export function archiveViewer(viewer: Viewer): ArchiveViewer {
  return { userId: viewer.user.id, tenantId: viewer.tenant.id };
}

export const ArchiveTargetKindEnum = builder.enumType('ArchiveTargetKind', {
  description: 'The kind of CRM row a document is archived to.',
  values: {
    PERSON: { value: 'person' },
    COMPANY: { value: 'company' },
    PROJECT: { value: 'project' },
    SALE: { value: 'sale' },
  } as const,
});

export const ArchiveVisibilityEnum = builder.enumType('ArchiveVisibility', {
  values: {
    TENANT: { value: 'tenant', description: 'Everyone in the tenant sees it.' },
    PRIVATE: { value: 'private', description: 'Only the user who archived it sees it, in every query and in search.' },
  } as const,
});

const ArchivedDocumentKindEnum = builder.enumType('ArchivedDocumentKind', {
  values: {
    MESSAGE: { value: 'message', description: 'A whole message: its original source (.eml), byte for byte.' },
    ATTACHMENT: { value: 'attachment', description: 'One attachment of a message: its decoded bytes.' },
  } as const,
});

export const ArchiveTargetInput = builder.inputType('ArchiveTargetInput', {
  description: 'A CRM row of the viewer’s tenant, by kind and id.',
  fields: (t) => ({
    kind: t.field({ type: ArchiveTargetKindEnum, required: true }),
    id: t.id({ required: true }),
  }),
});

/** A target input as the core takes it. */
export function toTarget(input: { kind: ArchiveTargetKind; id: string | number }): ArchiveTarget {
  return { kind: input.kind, id: String(input.id) };
}

export const ArchiveTargetRef = builder.objectRef<NamedArchiveTarget>('ArchiveTarget').implement({
  description: 'A CRM row a document is linked to, with its name now.',
  fields: (t) => ({
    kind: t.field({ type: ArchiveTargetKindEnum, resolve: (x) => x.kind }),
    id: t.exposeID('id'),
    name: t.exposeString('name'),
  }),
});

/** A document with the targets it is linked to (read in one query per page). */
export type ArchivedDocumentView = ArchivedDocumentSummary & { targets: NamedArchiveTarget[] };

/** Bodies one request may ask for (the timeline's reader asks for one). */
const MAX_BODIES_PER_REQUEST = 5;
/** Per request (its context object): how many bodies it has asked for so far. */
const bodiesAsked = new WeakMap<object, number>();

const ArchivedDocumentBodyRef = builder.objectRef<ArchivedDocumentBody>('ArchivedDocumentBody').implement({
  description: 'An archived message’s body, parsed from its stored .eml: render the HTML only through the reader’s sanitizer.',
  fields: (t) => ({
    html: t.exposeString('html', { nullable: true }),
    text: t.exposeString('text', { nullable: true }),
  }),
});

export const ArchivedDocumentRef = builder.objectRef<ArchivedDocumentView>('ArchivedDocument').implement({
  description: 'An e-mail or attachment archived to the CRM: stored in the CRM’s own store, independent of any mailbox.',
  fields: (t) => ({
    id: t.exposeID('id'),
    kind: t.field({ type: ArchivedDocumentKindEnum, resolve: (d) => d.kind }),
    category: t.exposeString('category', { nullable: true }),
    visibility: t.field({ type: ArchiveVisibilityEnum, resolve: (d) => d.visibility }),
    archivedBy: t.exposeID('archivedBy', {
      nullable: true,
      description: 'The user who archived it first; null once that user is removed.',
    }),
    archivedAt: t.expose('archivedAt', { type: 'DateTime' }),
    sourceMessageId: t.exposeID('sourceMessageId', {
      nullable: true,
      description: 'The mailbox message it was archived from (last), if that message still exists.',
    }),
    messageIdHeader: t.exposeString('messageIdHeader', { nullable: true, description: 'Message-ID, without angle brackets.' }),
    subject: t.exposeString('subject', { description: 'The message’s subject (of the message an attachment came from).' }),
    from: t.field({ type: [MailAddressRef], resolve: (d) => d.from }),
    to: t.field({ type: [MailAddressRef], resolve: (d) => d.to }),
    cc: t.field({ type: [MailAddressRef], resolve: (d) => d.cc }),
    date: t.expose('datedAt', {
      type: 'DateTime',
      description: 'The Date header, else when it was received: the timeline’s order.',
    }),
    filename: t.exposeString('filename', {
      nullable: true,
      description: 'Attachments: as the sender named it (raw: render as text).',
    }),
    contentType: t.exposeString('contentType'),
    size: t.exposeInt('size', { description: 'Bytes stored.' }),
    snippet: t.exposeString('snippet', { description: 'The start of the message text (empty for attachments).' }),
    targets: t.field({ type: [ArchiveTargetRef], resolve: (d) => d.targets }),
    body: t.field({
      type: ArchivedDocumentBodyRef,
      nullable: true,
      description:
        'Messages: the body from the archived .eml, for the timeline’s reader (parses the source: at most ' +
        `${MAX_BODIES_PER_REQUEST} per request). Null for attachments.`,
      resolve: (d, _args, context) => {
        // Each body reads and parses a whole .eml: a page of 100 (or aliases of pages) asking for
        // bodies would hold hundreds of sources at once. The reader asks for one.
        const asked = (bodiesAsked.get(context) ?? 0) + 1;
        bodiesAsked.set(context, asked);
        if (asked > MAX_BODIES_PER_REQUEST)
          throw new AppError('QUERY_TOO_COMPLEX', {
            field: 'body',
            message: `Ask for at most ${MAX_BODIES_PER_REQUEST} archived documents' bodies in one request.`,
          });
        return archivedDocumentBody(context.services.database.db, archiveViewer(context.viewer!), d.id);
      },
    }),
    downloadUrl: t.string({
      description: 'Signed, short-lived URL of the bytes (the .eml or the attachment); needs no cookie.',
      resolve: (d, _args, context) =>
        archiveDownloadUrl(urlSignerFor(context.services.credentialsKey), context.viewer!.user.id, d.id),
    }),
  }),
});
