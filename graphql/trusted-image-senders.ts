import 'server-only';
import type { TrustedImageSender } from '../db/schema/index.ts';
import { MAX_SENDER_ADDRESS_LENGTH } from '../lib/reader/normalize-sender-address.ts';
import { imagesTrusted, trustedImageSenders, trustImageSender, untrustImageSender } from '../lib/reader/trusted-image-senders.ts';
import { authz, builder } from './builder.ts';
import { maxLength } from './input-limits.ts';
import { MessageDetailRef } from './message-detail.ts';

const TrustedImageSenderRef = builder.objectRef<TrustedImageSender>('TrustedImageSender').implement({
  description: 'A sender whose remote images the viewer always wants shown (still fetched through the image proxy).',
  fields: (t) => ({
    address: t.exposeString('address', { description: 'Lower-cased.' }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
  }),
});

const address = { required: true, extensions: maxLength(MAX_SENDER_ADDRESS_LENGTH) } as const;

builder.objectField(MessageDetailRef, 'imagesTrusted', (t) =>
  t.boolean({
    description: 'The viewer trusts the (first) From address: show remote images without asking.',
    resolve: (message, _args, context) =>
      imagesTrusted(context.services.database.db, context.viewer!.user.id, message.from[0]?.address),
  }),
);

builder.queryField('trustedImageSenders', (t) =>
  t.field({
    type: [TrustedImageSenderRef],
    description: 'The senders whose remote images the viewer always shows, alphabetically.',
    extensions: authz('signedIn'),
    resolve: (_root, _args, context) => trustedImageSenders(context.services.database.db, context.viewer!.user.id),
  }),
);

builder.mutationField('trustImageSender', (t) =>
  t.field({
    type: TrustedImageSenderRef,
    description: 'Always show remote images in messages from this address (for the viewer only). Idempotent.',
    extensions: authz('signedIn'),
    args: { address: t.arg.string(address) },
    resolve: (_root, args, context) => trustImageSender(context.services.database.db, context.viewer!.user.id, args.address),
  }),
);

builder.mutationField('untrustImageSender', (t) =>
  t.field({
    type: 'Boolean',
    description: 'Ask again before showing remote images from this address. False when it was not trusted.',
    extensions: authz('signedIn'),
    args: { address: t.arg.string(address) },
    resolve: (_root, args, context) => untrustImageSender(context.services.database.db, context.viewer!.user.id, args.address),
  }),
);
