import 'server-only';
import { findUserByEmail, insertUser } from '../../db/queries/users.ts';
import type { Role, User } from '../../db/schema/index.ts';
import type { AppServices } from '../app-services.ts';
import { hashPassword } from '../auth/password.ts';
import type { Viewer } from '../auth/viewer.ts';
import { AppError } from '../errors.ts';
import { tenantUsersTopic, type UserEvent } from './user-events.ts';
import { validateNewUser } from './validate-new-user.ts';

/** An admin creates a user in their own tenant; subscribers of the tenant's user list hear of it. */
export async function createUser(
  services: AppServices,
  viewer: Viewer,
  input: { name: string; email: string; password: string; role: Role },
): Promise<User> {
  const valid = validateNewUser(input);
  const user = await insertUser(services.database.db, {
    tenantId: viewer.tenant.id,
    name: valid.name,
    email: valid.email,
    passwordHash: await hashPassword(input.password),
    role: input.role,
  });
  if (!user) throw await addressRefusal(services, viewer, valid.email);
  await services.bus.publish<UserEvent>(tenantUsersTopic(viewer.tenant.id), { kind: 'CREATED', userId: user.id });
  return user;
}

/**
 * Why the address was refused, told only as far as the admin may know (issue 8, item 10).
 * Addresses are unique across the deployment because sign-in is by e-mail alone (a per-tenant
 * address would let another tenant's admin create a look-alike account that the real person
 * might be signed into). So a clash with another tenant must refuse the create, but it must
 * not confirm that the address exists elsewhere: the admin gets the same neutral answer as for
 * an address that is unusable for any reason. A clash inside the admin's own tenant is named,
 * since that admin can see the user anyway.
 */
async function addressRefusal(services: AppServices, viewer: Viewer, email: string): Promise<AppError> {
  const existing = await findUserByEmail(services.database.db, email);
  if (existing?.tenantId === viewer.tenant.id) return new AppError('EMAIL_TAKEN', { field: 'email' });
  return new AppError('BAD_USER_INPUT', { field: 'email', message: 'This e-mail address cannot be used for a new user.' });
}
