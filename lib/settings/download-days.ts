import 'server-only';
import { findTenant } from '../../db/queries/users.ts';
import { readDeploymentSetting, setTenantDownloadDaysRow, writeDeploymentSetting } from '../../db/queries/settings.ts';
import type { AppServices } from '../app-services.ts';
import type { Viewer } from '../auth/viewer.ts';
import { isAdmin } from '../auth/viewer.ts';
import { AppError } from '../errors.ts';
import {
  canChangeTenantDownloadDays,
  deploymentDownloadDays,
  downloadDaysProblem,
  effectiveDownloadDays,
} from './download-days-rules.ts';

const DEPLOYMENT_KEY = 'download_days';

export interface DownloadDaysSettings {
  tenantId: string;
  /** What applies to the tenant's mailboxes. */
  effective: number;
  tenantOverride: number | null;
  /** The deployment default (operator value, else environment, else mode). */
  deploymentDefault: number;
  /** The operator's value, if set. */
  deploymentValue: number | null;
  /** Without the operator's value: NUMBER_OF_DAYS_TO_DOWNLOAD or the mode's 30/180. */
  configuredDefault: number;
  mode: 'online' | 'onsite';
}

export async function downloadDaysSettings(services: AppServices, tenantId: string): Promise<DownloadDaysSettings> {
  const tenant = await findTenant(services.database.db, tenantId);
  if (!tenant) throw new AppError('NOT_FOUND', { message: 'No such tenant.' });
  const deploymentValue = (await readDeploymentSetting<number>(services.database.db, DEPLOYMENT_KEY)) ?? null;
  const sources = {
    mode: services.config.deploymentMode,
    envOverride: services.config.numberOfDaysToDownload,
    deploymentValue,
    tenantValue: tenant.downloadDays,
  };
  return {
    tenantId,
    effective: effectiveDownloadDays(sources),
    tenantOverride: tenant.downloadDays,
    deploymentDefault: deploymentDownloadDays(sources),
    deploymentValue,
    configuredDefault: deploymentDownloadDays({ ...sources, deploymentValue: null }),
    mode: sources.mode,
  };
}

/** The window the sync engine uses for a tenant's mailboxes. */
export async function resolveDownloadDays(services: AppServices, tenantId: string): Promise<number> {
  return (await downloadDaysSettings(services, tenantId)).effective;
}

/** Operator only (checked by the GraphQL policy): the deployment-wide value, or null to fall back to the configured default. */
export async function setDeploymentDownloadDays(services: AppServices, days: number | null): Promise<void> {
  const problem = downloadDaysProblem(days);
  if (problem) throw new AppError('BAD_USER_INPUT', { field: 'days', message: problem });
  await writeDeploymentSetting(services.database.db, DEPLOYMENT_KEY, days);
  await services.sync?.refresh();
}

export async function setTenantDownloadDays(
  services: AppServices,
  viewer: Viewer,
  tenantId: string,
  days: number | null,
): Promise<void> {
  const allowed = canChangeTenantDownloadDays(
    services.config.deploymentMode,
    { isOperator: viewer.user.isOperator, isAdmin: isAdmin(viewer), tenantId: viewer.tenant.id },
    tenantId,
  );
  if (!allowed) {
    throw new AppError('FORBIDDEN', {
      message:
        services.config.deploymentMode === 'online'
          ? 'In the hosted service the import window is changed by support. Please contact us.'
          : 'Only administrators of this organisation can change its import window.',
    });
  }
  const problem = downloadDaysProblem(days);
  if (problem) throw new AppError('BAD_USER_INPUT', { field: 'days', message: problem });
  if (!(await setTenantDownloadDaysRow(services.database.db, tenantId, days)))
    throw new AppError('NOT_FOUND', { message: 'No such tenant.' });
  await services.sync?.refresh();
}
