export const metadata = { title: 'E-mail options · CRM Inbox' };

export default function EmailOptionsPage() {
  return (
    <section aria-labelledby="email-options-title">
      <h1 id="email-options-title">E-mail options</h1>
      <p className="muted">Your connected e-mail accounts appear here.</p>
    </section>
  );
}
