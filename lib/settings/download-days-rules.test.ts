import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  canChangeTenantDownloadDays,
  deploymentDownloadDays,
  downloadDaysProblem,
  effectiveDownloadDays,
} from './download-days-rules.ts';

test('30 days online, 180 onsite by default', () => {
  assert.equal(deploymentDownloadDays({ mode: 'online' }), 30);
  assert.equal(deploymentDownloadDays({ mode: 'onsite' }), 180);
});

test('NUMBER_OF_DAYS_TO_DOWNLOAD overrides the mode default; the operator overrides both; a tenant overrides all', () => {
  assert.equal(deploymentDownloadDays({ mode: 'online', envOverride: 45 }), 45);
  assert.equal(deploymentDownloadDays({ mode: 'online', envOverride: 45, deploymentValue: 60 }), 60);
  assert.equal(effectiveDownloadDays({ mode: 'online', envOverride: 45, deploymentValue: 60, tenantValue: 7 }), 7);
  assert.equal(effectiveDownloadDays({ mode: 'onsite', tenantValue: null, deploymentValue: null }), 180);
});

test('online: only the operator changes a tenant window; onsite: the tenant admin too (own tenant only)', () => {
  const admin = { isOperator: false, isAdmin: true, tenantId: 't1' };
  const operator = { isOperator: true, isAdmin: true, tenantId: 't0' };
  const user = { isOperator: false, isAdmin: false, tenantId: 't1' };
  assert.equal(canChangeTenantDownloadDays('online', admin, 't1'), false);
  assert.equal(canChangeTenantDownloadDays('online', operator, 't1'), true);
  assert.equal(canChangeTenantDownloadDays('onsite', admin, 't1'), true);
  assert.equal(canChangeTenantDownloadDays('onsite', admin, 't2'), false);
  assert.equal(canChangeTenantDownloadDays('onsite', user, 't1'), false);
});

test('values: whole days from 1 to 3650, or null to clear', () => {
  assert.equal(downloadDaysProblem(null), null);
  assert.equal(downloadDaysProblem(60), null);
  assert.match(downloadDaysProblem(0) ?? '', /1 to 3650/);
  assert.match(downloadDaysProblem(1.5) ?? '', /whole number/);
  assert.match(downloadDaysProblem(4000) ?? '', /3650/);
});
