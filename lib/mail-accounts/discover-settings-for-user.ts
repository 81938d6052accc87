import 'server-only';
import type { AppServices } from '../app-services.ts';
import type { Viewer } from '../auth/viewer.ts';
import { AppError } from '../errors.ts';
import { discoverMailSettings } from '../mail/discovery/discover-mail-settings.ts';
import type { MailSettings } from '../mail/discovery/types.ts';

/** Discovery on behalf of a user, rate-limited so it cannot be used as a scanner. */
export async function discoverSettingsForUser(
  services: AppServices,
  viewer: Viewer,
  email: string,
): Promise<MailSettings | null> {
  if (!services.limits.mailLookupsByUser.hit(viewer.user.id)) throw new AppError('RATE_LIMITED');
  return discoverMailSettings(email.trim(), services.mailDiscovery);
}
