import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';

type TitleKey =
  | 'signIn'
  | 'setup'
  | 'inbox'
  | 'admin'
  | 'emailOptions'
  | 'localSettings'
  | 'notFound'
  | 'forbidden'
  | 'crmPersons'
  | 'crmCompanies'
  | 'crmProjects'
  | 'crmSales'
  | 'crmNewPerson'
  | 'crmNewCompany'
  | 'crmNewProject'
  | 'crmNewSale'
  | 'crmPerson'
  | 'crmCompany'
  | 'crmProject'
  | 'crmSale';

/** Every page's title the same way: "Page · CRM Inbox", in the request's language. */
export async function pageTitle(page: TitleKey): Promise<Metadata> {
  const t = await getTranslations('metadata');
  return { title: t('pageTitle', { page: t(`titles.${page}`) }) };
}
