/**
 * What an archiving links to (issue 12): at most one person, company, project and sale, each with
 * its name for the UI. The dialog and the composer's "Send and archive" share this value.
 */
export type ArchiveTargetKind = 'PERSON' | 'COMPANY' | 'PROJECT' | 'SALE';

export interface ArchiveChoice {
  id: string;
  name: string;
}

export type ArchiveTargets = Record<ArchiveTargetKind, ArchiveChoice | null>;

export const ARCHIVE_TARGET_KINDS: readonly ArchiveTargetKind[] = ['PERSON', 'COMPANY', 'PROJECT', 'SALE'];

export const NO_ARCHIVE_TARGETS: ArchiveTargets = { PERSON: null, COMPANY: null, PROJECT: null, SALE: null };

export interface ArchiveSuggestion {
  kind: ArchiveTargetKind;
  id: string;
  name: string;
  matched: string;
  reason: 'ADDRESS' | 'DOMAIN' | 'PERSON';
}

/**
 * The pre-selection from archiveSuggestions: the first suggested person and the first suggested
 * company (the server orders them: sender, recipients, then domains). Nothing else is guessed.
 */
export function preselectTargets(suggestions: readonly ArchiveSuggestion[]): ArchiveTargets {
  const first = (kind: ArchiveTargetKind) => {
    const s = suggestions.find((x) => x.kind === kind);
    return s ? { id: s.id, name: s.name } : null;
  };
  return { ...NO_ARCHIVE_TARGETS, PERSON: first('PERSON'), COMPANY: first('COMPANY') };
}

/** The mutation's `targets` argument: the chosen rows, in kind order. */
export function targetInputs(targets: ArchiveTargets): Array<{ kind: ArchiveTargetKind; id: string }> {
  return ARCHIVE_TARGET_KINDS.flatMap((kind) => {
    const choice = targets[kind];
    return choice ? [{ kind, id: choice.id }] : [];
  });
}

/**
 * The name for "archived to …": the company when there is one (what a salesperson thinks in),
 * else the person, project or sale.
 */
export function targetsLabel(targets: ReadonlyArray<{ kind: ArchiveTargetKind; name: string }>): string | null {
  const order: ArchiveTargetKind[] = ['COMPANY', 'PERSON', 'PROJECT', 'SALE'];
  for (const kind of order) {
    const found = targets.find((t) => t.kind === kind);
    if (found) return found.name;
  }
  return null;
}

/**
 * A new company clears a project or sale of another company: both pickers list only the chosen
 * company's rows, so a stale one would be archived to a company the user no longer means.
 */
export function withCompany(targets: ArchiveTargets, company: ArchiveChoice | null): ArchiveTargets {
  if (targets.COMPANY?.id === company?.id) return targets;
  return { ...targets, COMPANY: company, PROJECT: null, SALE: null };
}
