'use client';
import Link from 'next/link';
import { PaperclipIcon } from './paperclip-icon';
import type { MessageRow } from './message-queries';

const today = () => new Date().toDateString();

function when(iso: string): string {
  const date = new Date(iso);
  return date.toDateString() === today()
    ? date.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })
    : date.toLocaleDateString();
}

/**
 * The folder's messages, newest first; unread in bold. Each row is a link to the message's URL
 * (so it opens with a click or Enter, in a new tab with a middle click, and back/forward work).
 */
export function MessageList({
  messages,
  folderName,
  selectedId,
  hrefFor,
}: {
  messages: MessageRow[];
  folderName: string;
  selectedId: string | null;
  hrefFor: (messageId: string) => string;
}) {
  if (!messages.length) return <p className="muted">No messages in {folderName} yet.</p>;
  return (
    <ul className="messages" aria-label={`Messages in ${folderName}`}>
      {messages.map((m) => {
        const sender = m.from[0]?.name || m.from[0]?.address || '(no sender)';
        return (
          <li key={m.id} className={m.seen ? 'message' : 'message unread'}>
            <Link
              href={hrefFor(m.id)}
              scroll={false}
              aria-current={m.id === selectedId ? 'true' : undefined}
              aria-label={`${m.seen ? '' : 'Unread, '}${sender}: ${m.subject || '(no subject)'}`}
            >
              <span className="sender">{sender}</span>
              <span className="subject">
                {m.subject || '(no subject)'}
                {m.hasAttachments ? <PaperclipIcon className="attachment-mark" label="has attachments" /> : null}
                {m.parseError ? (
                  <span className="badge warn" title={m.parseError}>
                    {' '}
                    partly unreadable
                  </span>
                ) : null}
              </span>
              <span className="snippet">{m.snippet}</span>
              <time dateTime={m.receivedAt}>{when(m.receivedAt)}</time>
            </Link>
          </li>
        );
      })}
    </ul>
  );
}
