/**
 * The import window ("download days"): how far back a newly connected mailbox is imported.
 * Pure rules; lib/settings/download-days.ts reads and writes the values.
 */
export const MODE_DEFAULT_DAYS = { online: 30, onsite: 180 } as const;

/** Longest window we accept anywhere (ten years). */
export const MAX_DOWNLOAD_DAYS = 3650;

export interface DownloadDaysSources {
  mode: 'online' | 'onsite';
  /** NUMBER_OF_DAYS_TO_DOWNLOAD */
  envOverride?: number;
  /** The operator's value in the admin console (deployment_settings). */
  deploymentValue?: number | null;
  /** The tenant's own override. */
  tenantValue?: number | null;
}

/** The deployment default: the operator's value, else the environment's, else the mode's (30 online, 180 onsite). */
export function deploymentDownloadDays({ mode, envOverride, deploymentValue }: DownloadDaysSources): number {
  return deploymentValue ?? envOverride ?? MODE_DEFAULT_DAYS[mode];
}

/** The window a tenant's mailboxes use: its override, else the deployment default. */
export function effectiveDownloadDays(sources: DownloadDaysSources): number {
  return sources.tenantValue ?? deploymentDownloadDays(sources);
}

/**
 * Who may change a tenant's window: operators always; in `onsite` mode also the tenant's own
 * admins. In `online` mode customers ask support (the operator) — the window drives our storage cost.
 */
export function canChangeTenantDownloadDays(
  mode: 'online' | 'onsite',
  viewer: { isOperator: boolean; isAdmin: boolean; tenantId: string },
  tenantId: string,
): boolean {
  if (viewer.isOperator) return true;
  return mode === 'onsite' && viewer.isAdmin && viewer.tenantId === tenantId;
}

/** Null clears an override; otherwise a whole number of days in range. Returns the problem, or null. */
export function downloadDaysProblem(days: number | null): string | null {
  if (days === null) return null;
  if (!Number.isInteger(days) || days < 1 || days > MAX_DOWNLOAD_DAYS)
    return `Enter a whole number of days from 1 to ${MAX_DOWNLOAD_DAYS}.`;
  return null;
}
