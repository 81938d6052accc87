import { AppError } from '../errors.ts';

export type ArchiveTargetKind = 'person' | 'company' | 'project' | 'sale';

/** A CRM row a document is linked to, by kind and id (the CRM's own types live in lib/crm). */
export interface ArchiveTarget {
  kind: ArchiveTargetKind;
  id: string;
}

/** A target with the name the CRM row has now (read from its table). */
export interface NamedArchiveTarget extends ArchiveTarget {
  name: string;
}

export type ArchiveVisibility = 'tenant' | 'private';

/** Who archives: the signed-in user and their tenant. */
export interface ArchiveViewer {
  userId: string;
  tenantId: string;
}

export interface ArchiveOptions {
  /** Free text, trimmed; empty: none. At most {@link MAX_CATEGORY_LENGTH} characters. */
  category?: string | null;
  /** @default 'tenant' */
  visibility?: ArchiveVisibility;
}

/** The most CRM rows one archiving links to (a person, a company, a project, a sale, and a few more). @default 10 */
export const MAX_ARCHIVE_TARGETS = 10;
/** The most messages one bulk archive takes (the UI sends a larger selection in several calls). @default 200 */
export const MAX_ARCHIVE_MESSAGES = 200;
/** The most attachments of one message archived in one call. @default 100 */
export const MAX_ARCHIVE_ATTACHMENTS = 100;
/** @default 100 */
export const MAX_CATEGORY_LENGTH = 100;

/**
 * The targets without duplicates, at least one and at most {@link MAX_ARCHIVE_TARGETS}; the
 * category trimmed (empty → null). Pure: the tenant check is a query (findArchiveTargets).
 */
export function normalizeArchiveRequest(
  targets: readonly ArchiveTarget[],
  options: ArchiveOptions,
): { targets: ArchiveTarget[]; category: string | null; visibility: ArchiveVisibility } {
  const seen = new Map<string, ArchiveTarget>();
  for (const t of targets) seen.set(t.id, { kind: t.kind, id: t.id });
  if (!seen.size)
    throw new AppError('BAD_USER_INPUT', { field: 'targets', message: 'Choose at least one person, company, project or sale.' });
  if (seen.size > MAX_ARCHIVE_TARGETS)
    throw new AppError('BAD_USER_INPUT', { field: 'targets', message: `Link to at most ${MAX_ARCHIVE_TARGETS} at once.` });
  const category = options.category?.trim() || null;
  if (category && category.length > MAX_CATEGORY_LENGTH)
    throw new AppError('BAD_USER_INPUT', {
      field: 'category',
      message: `A category has at most ${MAX_CATEGORY_LENGTH} characters.`,
    });
  return { targets: [...seen.values()], category, visibility: options.visibility ?? 'tenant' };
}
