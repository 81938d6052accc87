import type { Page } from '@playwright/test';

/** The admin every journey can rely on: created by the first-run setup if no journey did it yet. */
export const ADMIN = { organisation: 'Acme Sales', name: 'Ann Admin', email: 'ann@acme.test', password: 'ann-password-1' };

async function graphql(page: Page, query: string, variables: Record<string, unknown> = {}) {
  const response = await page.request.post('/api/graphql', {
    headers: { 'content-type': 'application/json' },
    data: { query, variables },
  });
  return (await response.json()) as { data?: Record<string, unknown>; errors?: Array<{ message: string }> };
}

/** Signs in a fresh CRM user (created by the admin through the API), so each journey starts clean. */
export async function signInAsNewUser(page: Page, email: string, password = 'user-password-1'): Promise<void> {
  const setup = await graphql(page, '{ setupRequired }');
  if (setup.data?.setupRequired) {
    await graphql(page, 'mutation($i: CompleteSetupInput!) { completeSetup(input: $i) { user { id } } }', {
      i: { tenantName: ADMIN.organisation, name: ADMIN.name, email: ADMIN.email, password: ADMIN.password },
    });
  } else {
    await graphql(page, 'mutation($e: String!, $p: String!) { signIn(email: $e, password: $p) { user { id } } }', {
      e: ADMIN.email,
      p: ADMIN.password,
    });
  }
  const created = await graphql(page, 'mutation($i: CreateUserInput!) { createUser(input: $i) { id } }', {
    i: { name: email.split('@')[0], email, password },
  });
  if (created.errors) throw new Error(`createUser: ${JSON.stringify(created.errors)}`);
  const signedIn = await graphql(page, 'mutation($e: String!, $p: String!) { signIn(email: $e, password: $p) { user { id } } }', {
    e: email,
    p: password,
  });
  if (signedIn.errors) throw new Error(`signIn: ${JSON.stringify(signedIn.errors)}`);
}
