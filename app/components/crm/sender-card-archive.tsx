'use client';
import { skipToken, useQuery, useSubscription } from '@apollo/client/react';
import Link from 'next/link';
import { useFormatter, useTranslations } from 'next-intl';
import { crmHref } from '../search/archive-search-queries';
import { CARD_ARCHIVE_CHANGED, cardArchive, cardArchiveQuery, MAX_CARD_TARGETS } from './sender-card-archive-queries';

/**
 * The sender card's "recent archived mail" (issue 12, "Sender card"): the five e-mails archived
 * most recently to these persons and companies, each with its date and a link to the person or
 * company page it is archived to. Live: an archive change in the tenant (archiveChanged, which
 * already leaves out colleagues' private documents) refetches the list.
 */
export function SenderCardArchive({ personIds, companyIds }: { personIds: string[]; companyIds: string[] }) {
  const t = useTranslations('senderCardArchive');
  const format = useFormatter();
  const targets = [
    ...personIds.map((id) => ({ kind: 'PERSON' as const, id })),
    ...companyIds.map((id) => ({ kind: 'COMPANY' as const, id })),
  ].slice(0, MAX_CARD_TARGETS);
  const query = cardArchiveQuery(targets);
  const variables = Object.fromEntries(targets.map((target, i) => [`t${i}`, target.id]));
  const { data, refetch } = useQuery(query, targets.length ? { variables, fetchPolicy: 'cache-and-network' } : skipToken);
  useSubscription(CARD_ARCHIVE_CHANGED, {
    skip: !targets.length,
    onData: () => void refetch().catch(() => {}),
  });
  if (!targets.length || !data) return null;
  const mails = cardArchive(data);
  const ours = new Set(targets.map((x) => x.id));
  return (
    <section className="sender-card-archive" aria-label={t('title')}>
      <h3>{t('title')}</h3>
      {mails.length ? (
        <ul>
          {mails.map((mail) => {
            const target = mail.targets.find((x) => ours.has(x.id)) ?? mail.targets[0];
            return (
              <li key={mail.id}>
                <span className="subject">{mail.subject || t('noSubject')}</span>{' '}
                <time dateTime={mail.date}>{format.dateTime(new Date(mail.date), { dateStyle: 'medium' })}</time>
                {target ? (
                  <>
                    {' '}
                    <Link href={crmHref(target)}>{t('openTarget', { name: target.name })}</Link>
                  </>
                ) : null}
              </li>
            );
          })}
        </ul>
      ) : (
        <p className="muted">{t('none')}</p>
      )}
    </section>
  );
}
