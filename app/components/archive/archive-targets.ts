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

/** A CRM row by kind, id and name, as marks, results and suggestions name them. */
export interface NamedTarget {
  kind: ArchiveTargetKind;
  id: string;
  name: string;
}

/**
 * A list of rows as the picker holds them: the first of each kind (the picker links one person,
 * company, project and sale; a document archived to two persons comes back with the first).
 */
export function targetsFromList(list: readonly NamedTarget[]): ArchiveTargets {
  const first = (kind: ArchiveTargetKind) => {
    const found = list.find((x) => x.kind === kind);
    return found ? { id: found.id, name: found.name } : null;
  };
  return { PERSON: first('PERSON'), COMPANY: first('COMPANY'), PROJECT: first('PROJECT'), SALE: first('SALE') };
}

/**
 * The pre-selection from archiveSuggestions: the first suggested person and the first suggested
 * company (the server orders them: sender, recipients, then domains). Nothing else is guessed.
 */
export function preselectTargets(suggestions: readonly ArchiveSuggestion[]): ArchiveTargets {
  const { PERSON, COMPANY } = targetsFromList(suggestions);
  return { ...NO_ARCHIVE_TARGETS, PERSON, COMPANY };
}

/**
 * What the picker shows until the user changes it (the archive dialog and "Send and archive"):
 * the targets of the message being answered (a reply or forward of an archived message), else the
 * pre-selection from the suggestions, else nothing chosen when E-mail options → "Suggest links
 * automatically" is off (the suggestions are then offered, not chosen). null: nothing known yet.
 */
export function untouchedTargets({
  answered,
  suggestions,
  autoSuggest,
}: {
  answered?: readonly NamedTarget[] | null;
  suggestions?: readonly ArchiveSuggestion[] | null;
  autoSuggest?: boolean | null;
}): ArchiveTargets | null {
  if (answered?.length) return targetsFromList(answered);
  if (!suggestions) return null;
  return autoSuggest === false ? NO_ARCHIVE_TARGETS : preselectTargets(suggestions);
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
