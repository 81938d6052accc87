import 'server-only';
import type { Db } from '../../db/client.ts';
import type { EventBus } from '../events/event-bus.ts';
import type { SourceStore } from '../message-store/source-store.ts';

/** What the archive's core needs: the database, the bus for archiveChanged, and where sources live. */
export interface ArchiveDeps {
  db: Db;
  bus: EventBus;
  /** @default the database source store */
  sources?: SourceStore;
}
