import 'server-only';
import type { Db } from '../../db/client.ts';
import {
  hasMessageSource,
  readMessageSource,
  storeMessageSources,
  type MessageSourceRow,
  type PutMessageSources,
} from '../../db/queries/message-sources.ts';

export type { MessageSourceRow };

/**
 * Where every message's original source lives (issue 9): the exact bytes the IMAP server sent,
 * for "download .eml", archiving to the CRM, forwarding as attachment, re-parsing after a parser
 * fix and reading without the mail server.
 *
 * `put` runs inside the sync's batch transaction (`tx`), the one that marks the bodies 'done':
 * a message is fully imported only with its source stored, and a batch that fails stores none.
 *
 * The default keeps sources in the database (`message_sources`: binary COPY on PostgreSQL,
 * INSERT on PGlite). S3-compatible object storage plugs in here for large deployments: its `put`
 * uploads each source (key: account and message id, or the SHA-256 already computed as
 * content_hash) before the batch commits and records the key in the transaction; `get` and `has`
 * read the object. An object left by a batch that then failed is overwritten by its retry, and
 * a sweep removes keys no row refers to.
 */
export interface SourceStore {
  put: PutMessageSources;
  /** The source, or null when none is stored (messages imported before sources were kept). */
  get(db: Db, messageId: string): Promise<Buffer | null>;
  has(db: Db, messageId: string): Promise<boolean>;
}

export const databaseSourceStore: SourceStore = {
  put: storeMessageSources,
  get: readMessageSource,
  has: hasMessageSource,
};
