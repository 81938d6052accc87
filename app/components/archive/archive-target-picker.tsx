'use client';
import { ArchiveTargetField } from './archive-target-field';
import { withCompany, type ArchiveSuggestion, type ArchiveTargets } from './archive-targets';
import './archive.css';

/**
 * The archive dialog's "link to" part, on its own so the composer's "Send and archive" embeds the
 * same picker: a person, a company, and optionally a project and a sale of that company.
 * Controlled: `targets` in, `onChange` with the whole new value.
 */
export function ArchiveTargetPicker({
  targets,
  onChange,
  suggestions = [],
  disabled,
}: {
  targets: ArchiveTargets;
  onChange: (targets: ArchiveTargets) => void;
  suggestions?: readonly ArchiveSuggestion[];
  disabled?: boolean;
}) {
  const suggested = (kind: ArchiveSuggestion['kind']) =>
    suggestions.filter((s) => s.kind === kind).map((s) => ({ id: s.id, name: s.name }));
  const companyId = targets.COMPANY?.id ?? null;
  return (
    <div className="archive-target-picker">
      <ArchiveTargetField
        kind="PERSON"
        value={targets.PERSON}
        suggested={suggested('PERSON')}
        onChange={(PERSON) => onChange({ ...targets, PERSON })}
        disabled={disabled}
      />
      <ArchiveTargetField
        kind="COMPANY"
        value={targets.COMPANY}
        suggested={suggested('COMPANY')}
        onChange={(company) => onChange(withCompany(targets, company))}
        disabled={disabled}
      />
      <ArchiveTargetField
        kind="PROJECT"
        value={targets.PROJECT}
        companyId={companyId}
        onChange={(PROJECT) => onChange({ ...targets, PROJECT })}
        disabled={disabled}
      />
      <ArchiveTargetField
        kind="SALE"
        value={targets.SALE}
        companyId={companyId}
        onChange={(SALE) => onChange({ ...targets, SALE })}
        disabled={disabled}
      />
    </div>
  );
}
