import type { CrmKind, CrmRecord } from './crm-queries';

/** How a form field is edited and shown. */
export type CrmFieldType = 'text' | 'textarea' | 'list' | 'company' | 'status' | 'amount' | 'currency';

/** `name` is the GraphQL input field, and the `crm.fields.<label>` catalog key. */
export interface CrmField {
  name: string;
  label: 'name' | 'title' | 'phone' | 'emails' | 'domains' | 'address' | 'company' | 'status' | 'amount' | 'currency';
  type: CrmFieldType;
  required?: boolean;
  /** For `status`: the GraphQL enum values. */
  options?: readonly string[];
  /** The input's `type` and `autoComplete` for text fields. */
  inputType?: 'tel' | 'text';
}

export const PROJECT_STATUSES = ['PLANNED', 'ACTIVE', 'COMPLETED', 'CANCELLED'] as const;
export const SALE_STATUSES = ['OPEN', 'WON', 'LOST'] as const;

export const CRM_FIELDS: Record<CrmKind, readonly CrmField[]> = {
  persons: [
    { name: 'name', label: 'name', type: 'text', required: true },
    { name: 'emails', label: 'emails', type: 'list' },
    { name: 'companyId', label: 'company', type: 'company' },
    { name: 'title', label: 'title', type: 'text' },
    { name: 'phone', label: 'phone', type: 'text', inputType: 'tel' },
  ],
  companies: [
    { name: 'name', label: 'name', type: 'text', required: true },
    { name: 'domains', label: 'domains', type: 'list' },
    { name: 'phone', label: 'phone', type: 'text', inputType: 'tel' },
    { name: 'address', label: 'address', type: 'textarea' },
  ],
  projects: [
    { name: 'name', label: 'name', type: 'text', required: true },
    { name: 'companyId', label: 'company', type: 'company' },
    { name: 'status', label: 'status', type: 'status', options: PROJECT_STATUSES },
  ],
  sales: [
    { name: 'name', label: 'name', type: 'text', required: true },
    { name: 'companyId', label: 'company', type: 'company' },
    { name: 'status', label: 'status', type: 'status', options: SALE_STATUSES },
    { name: 'amountMinor', label: 'amount', type: 'amount' },
    { name: 'currency', label: 'currency', type: 'currency' },
  ],
};

export type CrmFormValues = Record<string, string>;

/** What a form shows for a record (or, without one, for a new record). */
export function formValuesOf(fields: readonly CrmField[], record?: CrmRecord): CrmFormValues {
  const values: CrmFormValues = {};
  for (const field of fields) {
    const raw = record ? (record as unknown as Record<string, unknown>)[field.name] : undefined;
    switch (field.type) {
      case 'list':
        values[field.name] = ((raw as string[] | undefined) ?? []).join(', ');
        break;
      case 'company':
        values[field.name] = record?.company?.id ?? '';
        break;
      case 'status':
        values[field.name] =
          (raw as string | undefined) ?? (field.options?.includes('ACTIVE') ? 'ACTIVE' : (field.options?.[0] ?? ''));
        break;
      case 'amount':
        // Minor units to the decimal a person types (2 decimals: ISO 4217 currencies with other exponents are rare in sales).
        values[field.name] = raw == null ? '' : ((raw as number) / 100).toFixed(2);
        break;
      case 'currency':
        values[field.name] = (raw as string | null | undefined) ?? (record ? '' : 'EUR');
        break;
      default:
        values[field.name] = (raw as string | null | undefined) ?? '';
    }
  }
  return values;
}

/** A typed list: commas, semicolons, spaces and newlines separate entries (addresses and domains hold none). */
export function splitList(text: string): string[] {
  return text.split(/[\s,;]+/).filter(Boolean);
}

/**
 * The GraphQL input for what the form holds: lists split, an empty company null, the amount in
 * minor units (the browser's number input already refused what is not a number). Empty text is
 * sent as null, which clears the field in an update.
 */
export function inputOf(fields: readonly CrmField[], values: CrmFormValues): Record<string, unknown> {
  const input: Record<string, unknown> = {};
  for (const field of fields) {
    const value = (values[field.name] ?? '').trim();
    switch (field.type) {
      case 'list':
        input[field.name] = splitList(value);
        break;
      case 'amount':
        input[field.name] = value === '' ? null : Math.round(Number(value.replace(',', '.')) * 100);
        break;
      case 'status':
        input[field.name] = value || undefined;
        break;
      default:
        input[field.name] = field.required ? value : value || null;
    }
  }
  return input;
}
