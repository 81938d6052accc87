'use client';
import { useQuery } from '@apollo/client/react';
import { MESSAGE_DETAIL } from './message-detail-query';
import { MessageReader } from './message-reader';
import { readerStrings } from './reader-strings';

/** The reader pane: loads the selected message; a Back button returns to the list (the only pane on a phone). */
export function MessageReaderPane({ messageId, onBack }: { messageId: string; onBack: () => void }) {
  const { data, error, loading } = useQuery(MESSAGE_DETAIL, { variables: { id: messageId } });
  return (
    <section className="reader-pane" aria-label={readerStrings.readerPaneLabel}>
      <button type="button" className="button reader-back" onClick={onBack}>
        <svg aria-hidden="true" width="16" height="16" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2">
          <path d="m15 18-6-6 6-6" />
        </svg>
        {readerStrings.back}
      </button>
      {error ? (
        <p role="alert" className="alert">
          {readerStrings.loadFailed(error.message)}
        </p>
      ) : loading && !data ? (
        <p className="muted" aria-busy="true">
          {readerStrings.loading}
        </p>
      ) : data?.message ? (
        <MessageReader key={data.message.id} message={data.message} />
      ) : (
        <p className="muted">{readerStrings.notFound}</p>
      )}
    </section>
  );
}
