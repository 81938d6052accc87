'use client';
import { useMutation, useQuery } from '@apollo/client/react';
import { useTranslations } from 'next-intl';
import Link from 'next/link';
import { useEffect, useId, useRef, useState } from 'react';
import { errorInfo, type ErrorInfo } from '../../client/error-message';
import { useErrorText } from '../../client/use-error-text';
import { EmailAddressLink } from '../compose/email-address-link';
import type { MailAddressView } from '../mailbox/message-detail-query';
import { CRM_DOCUMENTS } from './crm-queries';
import { SenderCardArchive } from './sender-card-archive';
import { SENDER_CARD } from './sender-card-queries';
import { companyNameFromDomain, domainOf, personNameFromSender } from './sender-names';

/**
 * What the CRM knows about one address of a message (issue 12, "Sender card"): the person(s)
 * having it (several: choose one) with their company, or "Add to CRM" for an unknown sender,
 * linked to the company the address's domain finds, or creating that company on request. Writing
 * to the address is an action of its own here: clicking the address opened this card instead.
 */
export function SenderCard({ address, onClose }: { address: MailAddressView; onClose: () => void }) {
  const t = useTranslations('senderCard');
  const errorText = useErrorText();
  const ids = useId();
  const { data, refetch } = useQuery(SENDER_CARD, { variables: { address: address.address }, fetchPolicy: 'network-only' });
  const [createPerson] = useMutation(CRM_DOCUMENTS.persons.create);
  const [createCompany] = useMutation(CRM_DOCUMENTS.companies.create);
  const [chosen, setChosen] = useState<string | null>(null);
  const [withCompany, setWithCompany] = useState(false);
  const [adding, setAdding] = useState(false);
  const [added, setAdded] = useState<string | null>(null);
  const [error, setError] = useState<ErrorInfo | null>(null);
  const personLink = useRef<HTMLAnchorElement>(null);
  const domain = domainOf(address.address);
  const persons = data?.personsByAddress ?? [];
  const person = persons.find((p) => p.id === chosen) ?? persons[0];
  const matchedCompany = data?.companiesByDomain[0];

  useEffect(() => {
    if (added && person) personLink.current?.focus();
  }, [added, person]);

  async function addToCrm() {
    setError(null);
    setAdding(true);
    try {
      let companyId = matchedCompany?.id ?? null;
      if (!companyId && withCompany && domain) {
        const company = await createCompany({ variables: { input: { name: companyNameFromDomain(domain), domains: [domain] } } });
        companyId = company.data?.createCompany?.id ?? null;
      }
      const name = personNameFromSender(address.name, address.address);
      await createPerson({ variables: { input: { name, emails: [address.address], companyId } } });
      await refetch();
      setAdded(name);
    } catch (caught) {
      setError(errorInfo(caught));
    } finally {
      setAdding(false);
    }
  }

  return (
    <div className="sender-card">
      <div className="sender-card-head">
        <div>
          <h2 id={`${ids}-title`}>{address.name || address.address}</h2>
          {address.name ? <p className="muted">{address.address}</p> : null}
        </div>
        <button type="button" className="button" onClick={onClose}>
          {t('close')}
        </button>
      </div>
      {!data ? (
        <p className="muted" aria-busy="true">
          {t('loading', { address: address.address })}
        </p>
      ) : person ? (
        <div className="stack">
          {added ? (
            <p role="status" className="success">
              {t('added', { name: added })}
            </p>
          ) : null}
          {persons.length > 1 ? (
            <div className="field">
              <p className="muted">{t('matches', { count: persons.length })}</p>
              <label htmlFor={`${ids}-choose`}>{t('person')}</label>
              <select id={`${ids}-choose`} value={person.id} onChange={(e) => setChosen(e.target.value)}>
                {persons.map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.company ? `${p.name} (${p.company.name})` : p.name}
                  </option>
                ))}
              </select>
            </div>
          ) : null}
          <dl className="crm-facts">
            <div>
              <dt>{t('person')}</dt>
              <dd>
                <Link ref={personLink} href={`/crm/persons/${person.id}`} aria-label={t('openPerson', { name: person.name })}>
                  {person.name}
                </Link>
                {person.title ? <span className="muted"> · {person.title}</span> : null}
              </dd>
            </div>
            {person.company ? (
              <div>
                <dt>{t('company')}</dt>
                <dd>
                  <Link href={`/crm/companies/${person.company.id}`}>{person.company.name}</Link>
                </dd>
              </div>
            ) : null}
          </dl>
        </div>
      ) : (
        <div className="stack">
          <p>{t('unknown', { address: address.address })}</p>
          {matchedCompany ? (
            <p className="muted">{t('companyMatched', { company: matchedCompany.name, domain })}</p>
          ) : domain ? (
            <label className="checkbox">
              <input type="checkbox" checked={withCompany} onChange={(e) => setWithCompany(e.target.checked)} />
              {t('createCompany', { domain })}
            </label>
          ) : null}
          {error ? (
            <p role="alert" className="alert">
              {errorText(error)}
            </p>
          ) : null}
          <div>
            <button type="button" className="button primary" onClick={addToCrm} disabled={adding}>
              {adding ? t('adding') : t('addToCrm')}
            </button>
          </div>
        </div>
      )}
      <SenderCardArchive
        personIds={persons.map((p) => p.id)}
        companyIds={[
          ...new Set([
            ...persons.flatMap((p) => (p.company ? [p.company.id] : [])),
            ...(matchedCompany ? [matchedCompany.id] : []),
          ]),
        ]}
      />
      <div className="actions sender-card-actions">
        <EmailAddressLink address={address} className="button" onClick={onClose}>
          {t('writeEmail')}
        </EmailAddressLink>
      </div>
    </div>
  );
}
