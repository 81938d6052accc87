import Link from 'next/link';

export const metadata = { title: 'Forbidden · CRM Inbox' };

export default function ForbiddenPage() {
  return (
    <main className="centered">
      <section className="card" aria-labelledby="forbidden-title">
        <p className="eyebrow">403</p>
        <h1 id="forbidden-title">You do not have access to this page</h1>
        <p>The admin console is for administrators of your organisation. Ask one of them if you need access.</p>
        <Link className="button" href="/inbox">
          Back to the inbox
        </Link>
      </section>
    </main>
  );
}
