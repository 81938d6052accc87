import 'server-only';
import type { AppServices } from '../app-services.ts';
import type { Viewer } from '../auth/viewer.ts';
import { AppError } from '../errors.ts';
import { discoverMailSettings } from '../mail/discovery/discover-mail-settings.ts';
import type { MailSettings } from '../mail/discovery/types.ts';
import { issueDiscoveryToken } from './discovery-token.ts';

/**
 * Discovery on behalf of a user, rate-limited so it cannot be used as a scanner. The answer carries
 * a signed `discoveryId` to send back with these servers on connect (see discovery-token.ts).
 */
export async function discoverSettingsForUser(
  services: AppServices,
  viewer: Viewer,
  email: string,
): Promise<(MailSettings & { discoveryId: string }) | null> {
  if (!services.limits.mailLookupsByUser.hit(viewer.user.id)) throw new AppError('RATE_LIMITED');
  const found = await discoverMailSettings(email.trim(), services.mailDiscovery);
  if (!found) return null;
  const subject = { userId: viewer.user.id, email: email.trim() };
  return { ...found, discoveryId: issueDiscoveryToken(found, subject, services.credentialsKey) };
}
