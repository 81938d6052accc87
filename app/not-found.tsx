import Link from 'next/link';

export const metadata = { title: 'Not found · CRM Inbox' };

// Our own 404 in the house style: Next's default one carries inline <style> and style attributes,
// which the strict CSP (lib/server/security-headers.ts) refuses.
export default function NotFoundPage() {
  return (
    <main className="centered">
      <section className="card" aria-labelledby="not-found-title">
        <p className="eyebrow">404</p>
        <h1 id="not-found-title">This page does not exist</h1>
        <Link className="button" href="/inbox">
          Back to the inbox
        </Link>
      </section>
    </main>
  );
}
