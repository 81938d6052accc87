import 'server-only';
import { countUsers, createFirstTenant } from '../../db/queries/users.ts';
import type { AppServices } from '../app-services.ts';
import { AppError } from '../errors.ts';
import { hashPassword } from './password.ts';
import { removeSetupToken, setupTokenMatches } from './setup-token.ts';
import { openSession, type SignInResult } from './sign-in.ts';
import { validateNewUser } from '../users/validate-new-user.ts';

export async function isSetupRequired(services: AppServices): Promise<boolean> {
  return (await countUsers(services.database.db)) === 0;
}

/**
 * First run: creates the first tenant and its admin (also operator), then signs them in.
 * From anywhere but the server's own machine (`local`), the one-time setup token printed at
 * start is required (lib/auth/setup-token.ts): else whoever reaches the port first would own
 * the installation.
 */
export async function completeSetup(
  services: AppServices,
  input: { tenantName: string; name: string; email: string; password: string; setupToken?: string | null },
  request: { local: boolean },
): Promise<SignInResult> {
  if (!(await isSetupRequired(services))) throw new AppError('SETUP_ALREADY_DONE');
  if (!request.local && !setupTokenMatches(services.setupToken, input.setupToken)) {
    throw new AppError('FORBIDDEN', {
      message: 'Open the setup link printed in the server’s console when it started (/setup?token=…).',
    });
  }
  const tenantName = input.tenantName.trim();
  if (!tenantName) throw new AppError('BAD_USER_INPUT', { field: 'tenantName', message: 'Enter the name of your organisation.' });
  const user = validateNewUser(input);
  const created = await createFirstTenant(services.database.db, {
    tenantName,
    name: user.name,
    email: user.email,
    passwordHash: await hashPassword(input.password),
  });
  if (!created) throw new AppError('SETUP_ALREADY_DONE');
  removeSetupToken(services.config.dataDir);
  return openSession(services, created.user);
}
