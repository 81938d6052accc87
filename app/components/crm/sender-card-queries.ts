import { gql, type TypedDocumentNode } from '@apollo/client';
import type { CompanyLink } from './crm-queries';

export interface SenderCardPerson {
  id: string;
  name: string;
  title: string | null;
  emails: string[];
  company: CompanyLink | null;
}

export interface SenderCardData {
  personsByAddress: SenderCardPerson[];
  companiesByDomain: CompanyLink[];
}

/** graphql/crm-persons.ts personsByAddress and crm-companies.ts companiesByDomain: who an address is. */
export const SENDER_CARD: TypedDocumentNode<SenderCardData, { address: string }> = gql`
  query SenderCard($address: String!) {
    personsByAddress(addresses: [$address]) {
      id
      name
      title
      emails
      company {
        id
        name
      }
    }
    companiesByDomain(domains: [$address]) {
      id
      name
    }
  }
`;
