import { notFound } from 'next/navigation';
import { ReaderHarness } from './reader-harness';

/**
 * A page for the browser tests only (E2E_TEST_PAGES=1, set by e2e/global-setup.ts; a 404
 * everywhere else): the real MessageReader under the app's real headers and CSP, fed a fixed
 * MessageDetail by the test, so the hostile-mail corpus is checked in Chromium without a
 * mailbox behind it. The root layout makes every page dynamic, so the variable is read per request.
 */
export default function MailReaderTestPage() {
  if (process.env.E2E_TEST_PAGES !== '1') notFound();
  return <ReaderHarness />;
}
