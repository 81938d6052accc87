// Download days through the API, as admins and operators use it, in both deployment modes.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { startAppProcess } from '../../e2e/support/app-process.ts';
import { GraphQLHttpClient } from '../../e2e/support/graphql-client.ts';
import { createTestDatabase } from '../../e2e/support/test-database.ts';

const SETUP = `mutation($i: CompleteSetupInput!) { completeSetup(input: $i) { user { id } } }`;
const SETTINGS = `{ downloadDaysSettings { tenantId effective tenantOverride deploymentDefault configuredDefault canChangeTenant canChangeDeployment } }`;
const SET_TENANT = `mutation($t: ID!, $d: Int) { setTenantDownloadDays(tenantId: $t, days: $d) { effective tenantOverride } }`;
const SET_DEPLOYMENT = `mutation($d: Int) { setDeploymentDownloadDays(days: $d) { effective deploymentDefault } }`;

interface Settings {
  tenantId: string;
  effective: number;
  tenantOverride: number | null;
  deploymentDefault: number;
  configuredDefault: number;
  canChangeTenant: boolean;
  canChangeDeployment: boolean;
}

async function withApp(
  env: Record<string, string>,
  run: (operator: GraphQLHttpClient, admin: GraphQLHttpClient) => Promise<void>,
) {
  const testDb = await createTestDatabase();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'crm-days-'));
  const app = await startAppProcess({ DATABASE_URL: testDb.url, DATA_DIR: dir, ...env });
  try {
    const operator = new GraphQLHttpClient(app.url);
    await operator.data(SETUP, { i: { tenantName: 'Acme', name: 'Olga', email: 'olga@acme.test', password: 'olga-password' } });
    await operator.data(
      `mutation { createUser(input: { name: "Adam", email: "adam@acme.test", password: "adam-password", role: ADMIN }) { id } }`,
    );
    const admin = new GraphQLHttpClient(app.url);
    await admin.data(`mutation { signIn(email: "adam@acme.test", password: "adam-password") { user { id } } }`);
    await run(operator, admin);
  } finally {
    await app.stop();
    await testDb.drop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

test('online: 30 days by default; only the operator changes a tenant’s window', async () => {
  await withApp({ DEPLOYMENT_MODE: 'online' }, async (operator, admin) => {
    const { downloadDaysSettings: s } = await admin.data<{ downloadDaysSettings: Settings }>(SETTINGS);
    assert.deepEqual(
      { ...s, tenantId: undefined },
      {
        tenantId: undefined,
        effective: 30,
        tenantOverride: null,
        deploymentDefault: 30,
        configuredDefault: 30,
        canChangeTenant: false,
        canChangeDeployment: false,
      },
    );
    const refused = await admin.request(SET_TENANT, { t: s.tenantId, d: 60 });
    assert.equal(refused.errors?.[0]?.extensions?.code, 'FORBIDDEN');
    assert.match(refused.errors?.[0]?.message ?? '', /contact/);
    assert.deepEqual(await operator.data(SET_TENANT, { t: s.tenantId, d: 60 }), {
      setTenantDownloadDays: { effective: 60, tenantOverride: 60 },
    });
    assert.equal((await admin.request(SET_DEPLOYMENT, { d: 90 })).errors?.[0]?.extensions?.code, 'FORBIDDEN');
  });
});

test('onsite with NUMBER_OF_DAYS_TO_DOWNLOAD: the env sets the default, the operator overrides it, a tenant admin overrides both', async () => {
  await withApp({ DEPLOYMENT_MODE: 'onsite', NUMBER_OF_DAYS_TO_DOWNLOAD: '45' }, async (operator, admin) => {
    const { downloadDaysSettings: s } = await admin.data<{ downloadDaysSettings: Settings }>(SETTINGS);
    assert.equal(s.effective, 45);
    assert.equal(s.configuredDefault, 45);
    assert.equal(s.canChangeTenant, true);
    assert.deepEqual(await operator.data(SET_DEPLOYMENT, { d: 90 }), {
      setDeploymentDownloadDays: { effective: 90, deploymentDefault: 90 },
    });
    assert.deepEqual(await admin.data(SET_TENANT, { t: s.tenantId, d: 7 }), {
      setTenantDownloadDays: { effective: 7, tenantOverride: 7 },
    });
    const bad = await admin.request(SET_TENANT, { t: s.tenantId, d: 0 });
    assert.equal(bad.errors?.[0]?.extensions?.code, 'BAD_USER_INPUT');
    assert.deepEqual(await admin.data(SET_TENANT, { t: s.tenantId, d: null }), {
      setTenantDownloadDays: { effective: 90, tenantOverride: null },
    });
  });
});

test('onsite without the env: 180 days', async () => {
  await withApp({ DEPLOYMENT_MODE: 'onsite' }, async (_operator, admin) => {
    const { downloadDaysSettings: s } = await admin.data<{ downloadDaysSettings: Settings }>(SETTINGS);
    assert.equal(s.effective, 180);
  });
});
