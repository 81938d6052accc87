import 'server-only';
import { listTenants } from '../db/queries/settings.ts';
import { AppError } from '../lib/errors.ts';
import {
  downloadDaysSettings,
  setDeploymentDownloadDays,
  setTenantDownloadDays,
  type DownloadDaysSettings,
} from '../lib/settings/download-days.ts';
import { canChangeTenantDownloadDays } from '../lib/settings/download-days-rules.ts';
import { isAdmin } from '../lib/auth/viewer.ts';
import { authz, builder } from './builder.ts';
import { TenantRef } from './user.ts';

const DownloadDaysSettingsRef = builder.objectRef<DownloadDaysSettings>('DownloadDaysSettings').implement({
  description: 'The mail import window of a tenant: how many days back a connected mailbox is imported.',
  fields: (t) => ({
    tenantId: t.exposeID('tenantId'),
    effective: t.exposeInt('effective', { description: 'What applies to this tenant’s mailboxes.' }),
    tenantOverride: t.exposeInt('tenantOverride', { nullable: true }),
    deploymentDefault: t.exposeInt('deploymentDefault', {
      description: 'Operator value, else NUMBER_OF_DAYS_TO_DOWNLOAD, else 30 online / 180 onsite.',
    }),
    deploymentValue: t.exposeInt('deploymentValue', {
      nullable: true,
      description: 'The operator’s deployment-wide value, if set.',
    }),
    configuredDefault: t.exposeInt('configuredDefault', { description: 'NUMBER_OF_DAYS_TO_DOWNLOAD, else the mode’s default.' }),
    mode: t.exposeString('mode', { description: 'online | onsite' }),
    canChangeTenant: t.boolean({
      resolve: (s, _args, { services, viewer }) =>
        canChangeTenantDownloadDays(
          services.config.deploymentMode,
          { isOperator: viewer!.user.isOperator, isAdmin: isAdmin(viewer!), tenantId: viewer!.tenant.id },
          s.tenantId,
        ),
    }),
    canChangeDeployment: t.boolean({ resolve: (_s, _args, { viewer }) => viewer!.user.isOperator }),
  }),
});

builder.queryField('downloadDaysSettings', (t) =>
  t.field({
    type: DownloadDaysSettingsRef,
    description: 'The import window of the viewer’s tenant (admins), or of any tenant (operators).',
    extensions: authz('admin'),
    args: { tenantId: t.arg.id() },
    resolve: (_root, { tenantId }, { services, viewer }) => {
      const id = tenantId ? String(tenantId) : viewer!.tenant.id;
      if (id !== viewer!.tenant.id && !viewer!.user.isOperator) throw new AppError('FORBIDDEN');
      return downloadDaysSettings(services, id);
    },
  }),
);

builder.queryField('tenants', (t) =>
  t.field({
    type: [TenantRef],
    description: 'Every tenant of the deployment (operators only).',
    extensions: authz('operator'),
    resolve: (_root, _args, { services }) => listTenants(services.database.db),
  }),
);

builder.mutationField('setDeploymentDownloadDays', (t) =>
  t.field({
    type: DownloadDaysSettingsRef,
    description: 'Operators: the deployment-wide import window; null returns to the configured default.',
    extensions: authz('operator'),
    args: { days: t.arg.int() },
    resolve: async (_root, { days }, { services, viewer }) => {
      await setDeploymentDownloadDays(services, days ?? null);
      return downloadDaysSettings(services, viewer!.tenant.id);
    },
  }),
);

builder.mutationField('setTenantDownloadDays', (t) =>
  t.field({
    type: DownloadDaysSettingsRef,
    description:
      'A tenant’s import window; null removes the override. Operators always; tenant admins only onsite. Widening backfills older mail; narrowing deletes nothing.',
    extensions: authz('admin'),
    args: { tenantId: t.arg.id({ required: true }), days: t.arg.int() },
    resolve: async (_root, { tenantId, days }, { services, viewer }) => {
      await setTenantDownloadDays(services, viewer!, String(tenantId), days ?? null);
      return downloadDaysSettings(services, String(tenantId));
    },
  }),
);
