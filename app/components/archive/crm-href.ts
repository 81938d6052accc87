import type { ArchiveTargetKind } from './archive-targets';

const SEGMENT: Record<ArchiveTargetKind, string> = {
  PERSON: 'persons',
  COMPANY: 'companies',
  PROJECT: 'projects',
  SALE: 'sales',
};

/** The CRM page of an archive target (app/(app)/crm/[kind]/[id]). */
export function crmHref(target: { kind: ArchiveTargetKind; id: string }): string {
  return `/crm/${SEGMENT[target.kind]}/${encodeURIComponent(target.id)}`;
}

/** The archive's kind for a CRM page's kind segment. */
export function archiveKindOf(segment: string): ArchiveTargetKind | null {
  const found = (Object.keys(SEGMENT) as ArchiveTargetKind[]).find((k) => SEGMENT[k] === segment);
  return found ?? null;
}
