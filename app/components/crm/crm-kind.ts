import { CRM_KINDS, type CrmKind } from './crm-queries';

/** The URL segment as a kind, or null (the page answers 404). */
export function crmKindOf(segment: string): CrmKind | null {
  return (CRM_KINDS as readonly string[]).includes(segment) ? (segment as CrmKind) : null;
}

/** The title keys (app/page-title.ts) of a kind's list, new and detail pages. */
export const CRM_TITLES = {
  persons: { list: 'crmPersons', new: 'crmNewPerson', one: 'crmPerson' },
  companies: { list: 'crmCompanies', new: 'crmNewCompany', one: 'crmCompany' },
  projects: { list: 'crmProjects', new: 'crmNewProject', one: 'crmProject' },
  sales: { list: 'crmSales', new: 'crmNewSale', one: 'crmSale' },
} as const;
