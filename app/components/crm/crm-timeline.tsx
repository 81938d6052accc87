'use client';
import type { CrmKind } from './crm-queries';

/**
 * The slot for a record's timeline of archived e-mail (issue 12, "Archive"): newest first,
 * paginated, each opening in the reader. The archive work fills it; until then it renders nothing,
 * so the detail pages already have their place for it (below the record's facts).
 */
export function CrmTimeline(props: { kind: CrmKind; id: string }) {
  void props;
  return null;
}
