import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { AppServices } from '../app-services.ts';
import { RateLimiter } from '../auth/rate-limiter.ts';
import { oauthSignInOption } from './oauth-sign-in-option.ts';

/** What the option reads of the services: the MX resolver (a table, no DNS), the configured clients, the limit. */
function servicesWith(mx: Record<string, string[]>, opts: { google?: boolean; limit?: number } = {}) {
  const asked: string[] = [];
  const services = {
    mailDiscovery: {
      dns: {
        resolveMx: async (domain: string) => {
          asked.push(domain);
          return (mx[domain] ?? []).map((exchange, priority) => ({ exchange, priority }));
        },
      },
    },
    oauth: { providers: opts.google ? { google: {} } : {} },
    limits: { signInLookupsByUser: new RateLimiter(opts.limit ?? 10, 60_000) },
  } as unknown as AppServices;
  return { services, asked };
}

test('a provider domain is known without DNS; Google takes an app password, Microsoft does not', async () => {
  const { services, asked } = servicesWith({}, { google: true });
  assert.deepEqual(await oauthSignInOption(services, 'u1', 'Ann@Gmail.com'), {
    provider: 'google',
    configured: true,
    passwordAllowed: true,
  });
  assert.deepEqual(await oauthSignInOption(services, 'u1', 'ann@outlook.com'), {
    provider: 'microsoft',
    configured: false,
    passwordAllowed: false,
  });
  assert.deepEqual(asked, []);
});

test('a company domain is recognised by its MX: Workspace, Microsoft 365, or neither', async () => {
  const { services, asked } = servicesWith({
    'acme.example': ['aspmx.l.google.com.'],
    'contoso.example': ['contoso-example.mail.protection.outlook.com'],
    'plain.example': ['mx.plain.example'],
  });
  assert.equal((await oauthSignInOption(services, 'u1', 'ann@acme.example'))?.provider, 'google');
  assert.equal((await oauthSignInOption(services, 'u1', 'bob@contoso.example'))?.provider, 'microsoft');
  assert.equal(await oauthSignInOption(services, 'u1', 'carol@plain.example'), null);
  assert.equal(await oauthSignInOption(services, 'u1', 'not an address'), null);
  assert.deepEqual(asked, ['acme.example', 'contoso.example', 'plain.example']);
});

test('MX lookups count against the user: over the limit no DNS question is asked, and the answer is null', async () => {
  const { services, asked } = servicesWith({ 'acme.example': ['aspmx.l.google.com'] }, { limit: 2 });
  assert.equal((await oauthSignInOption(services, 'u1', 'a@acme.example'))?.provider, 'google');
  assert.equal((await oauthSignInOption(services, 'u1', 'b@acme.example'))?.provider, 'google');
  assert.equal(await oauthSignInOption(services, 'u1', 'c@acme.example'), null);
  assert.equal(asked.length, 2);
  // Another user has a limit of their own; provider domains never count.
  assert.equal((await oauthSignInOption(services, 'u2', 'd@acme.example'))?.provider, 'google');
  assert.equal((await oauthSignInOption(services, 'u1', 'e@gmail.com'))?.provider, 'google');
});
