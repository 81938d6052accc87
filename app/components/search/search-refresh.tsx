'use client';
import { useSubscription } from '@apollo/client/react';
import { MAILBOX_CHANGED, SYNC_PROGRESS } from '../mailbox/message-queries';

/**
 * Renders nothing; calls `onChange` whenever what a search over every folder finds may have
 * changed: a mailbox of any of the viewer's accounts changed (new mail, flags, moves, deletes —
 * here or in another client), or the indexer made more messages searchable (INDEXING progress,
 * and LIVE when it is done). One watcher per account, since the subscriptions are per account.
 */
export function SearchRefresh({ accountIds, onChange }: { accountIds: string[]; onChange: () => void }) {
  return accountIds.map((id) => <AccountWatch key={id} accountId={id} onChange={onChange} />);
}

function AccountWatch({ accountId, onChange }: { accountId: string; onChange: () => void }) {
  useSubscription(MAILBOX_CHANGED, { variables: { accountId }, onData: () => onChange() });
  useSubscription(SYNC_PROGRESS, {
    variables: { accountId },
    onData: ({ data: event }) => {
      const phase = event.data?.syncProgress.phase;
      if (phase === 'INDEXING' || phase === 'LIVE') onChange();
    },
  });
  return null;
}
