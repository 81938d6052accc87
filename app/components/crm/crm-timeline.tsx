'use client';
import { ArchiveTimeline } from '../archive/archive-timeline';
import { archiveKindOf } from '../archive/crm-href';
import type { CrmKind } from './crm-queries';

/** A record's timeline of archived e-mail (issue 12), below its facts on every CRM detail page. */
export function CrmTimeline(props: { kind: CrmKind; id: string }) {
  const kind = archiveKindOf(props.kind);
  return kind ? <ArchiveTimeline target={{ kind, id: props.id }} /> : null;
}
