'use client';
import { useEffect, useState } from 'react';
import type { MessageDetail } from '../../components/mailbox/message-detail-query';
import { MessageReader } from '../../components/mailbox/message-reader';

/** The event a test dispatches on `window` with a MessageDetail to show. */
export const SHOW_MESSAGE_EVENT = 'test:show-message';

export function ReaderHarness() {
  const [message, setMessage] = useState<MessageDetail | null>(null);
  useEffect(() => {
    const show = (event: Event) => setMessage((event as CustomEvent<MessageDetail>).detail);
    window.addEventListener(SHOW_MESSAGE_EVENT, show);
    document.body.dataset.readerHarness = 'ready';
    return () => window.removeEventListener(SHOW_MESSAGE_EVENT, show);
  }, []);
  return (
    <main className="reader-pane" style={{ margin: '1rem auto', maxWidth: 960 }}>
      {message ? <MessageReader key={message.id} message={message} /> : null}
    </main>
  );
}
