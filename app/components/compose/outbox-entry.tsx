'use client';
import { useTranslations } from 'next-intl';
import { useOpenComposer } from './use-open-composer';

/** The value of the inbox URL's `folder` that shows the Outbox instead of a mail folder. */
export const OUTBOX_FOLDER = 'outbox';

/** "New message" and the Outbox entry, at the top of the folder pane. */
export function OutboxEntry({ current, onOpen }: { current: boolean; onOpen: () => void }) {
  const t = useTranslations('outbox');
  const compose = useOpenComposer();
  return (
    <div className="outbox-entry">
      <button type="button" className="button primary" onClick={() => compose({ mode: 'new' })}>
        {t('newMessage')}
      </button>
      <button type="button" className="button" aria-current={current ? 'page' : undefined} onClick={onOpen}>
        {t('title')}
      </button>
    </div>
  );
}
