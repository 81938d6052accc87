export const metadata = { title: 'Local settings · CRM Inbox' };

export default function LocalSettingsPage() {
  return (
    <section aria-labelledby="local-settings-title">
      <h1 id="local-settings-title">Local settings</h1>
      <p className="muted">Settings kept in this browser, such as your default e-mail client.</p>
    </section>
  );
}
