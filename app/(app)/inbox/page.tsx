export const metadata = { title: 'Inbox · CRM Inbox' };

// The mailbox setup and the live inbox arrive with the connect-a-mailbox and sync issues.
export default function InboxPage() {
  return (
    <section aria-labelledby="inbox-title">
      <h1 id="inbox-title">Inbox</h1>
      <p className="muted">No mailbox is connected yet.</p>
    </section>
  );
}
