import 'server-only';
import { insertUser } from '../../db/queries/users.ts';
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
  if (!user) throw new AppError('EMAIL_TAKEN', { field: 'email' });
  await services.bus.publish<UserEvent>(tenantUsersTopic(viewer.tenant.id), { kind: 'CREATED', userId: user.id });
  return user;
}
