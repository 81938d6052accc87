import 'server-only';
import { findUserById, listTenantUsers } from '../db/queries/users.ts';
import type { Tenant, User } from '../db/schema/index.ts';
import { createUser } from '../lib/users/create-user.ts';
import { tenantUsersTopic, type UserEvent } from '../lib/users/user-events.ts';
import { AppError } from '../lib/errors.ts';
import { authz, builder } from './builder.ts';
import { MAX_LENGTH, maxLength } from './input-limits.ts';

export const RoleEnum = builder.enumType('Role', {
  values: {
    USER: { value: 'user', description: 'Reads and sends their own mail.' },
    ADMIN: { value: 'admin', description: 'Also manages the users and settings of their tenant.' },
  } as const,
});

export const TenantRef = builder.objectRef<Tenant>('Tenant').implement({
  fields: (t) => ({
    id: t.exposeID('id'),
    name: t.exposeString('name'),
    downloadDays: t.exposeInt('downloadDays', { nullable: true, description: 'The tenant’s import window override, if any.' }),
  }),
});

export const UserRef = builder.objectRef<User>('User').implement({
  fields: (t) => ({
    id: t.exposeID('id'),
    email: t.exposeString('email'),
    name: t.exposeString('name'),
    role: t.field({ type: RoleEnum, resolve: (user) => user.role }),
    isOperator: t.exposeBoolean('isOperator', { description: 'Deployment-wide operator.' }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
  }),
});

builder.queryField('users', (t) =>
  t.field({
    type: [UserRef],
    description: "The users of the viewer's tenant (admins only).",
    extensions: authz('admin'),
    resolve: (_root, _args, { services, viewer }) => listTenantUsers(services.database.db, viewer!.tenant.id),
  }),
);

const CreateUserInput = builder.inputType('CreateUserInput', {
  fields: (t) => ({
    name: t.string({ required: true, extensions: maxLength(MAX_LENGTH.name) }),
    email: t.string({ required: true, extensions: maxLength(MAX_LENGTH.email) }),
    password: t.string({
      required: true,
      description: 'At least 8 characters.',
      extensions: maxLength(MAX_LENGTH.password),
    }),
    role: t.field({ type: RoleEnum, required: true, defaultValue: 'user' }),
  }),
});

builder.mutationField('createUser', (t) =>
  t.field({
    type: UserRef,
    description: "Creates a user in the viewer's tenant (admins only).",
    extensions: authz('admin'),
    args: { input: t.arg({ type: CreateUserInput, required: true }) },
    resolve: (_root, { input }, { services, viewer }) => createUser(services, viewer!, input),
  }),
);

const UserEventKind = builder.enumType('UserEventKind', { values: ['CREATED'] as const });

const UserEventRef = builder.objectRef<{ kind: UserEvent['kind']; user: User }>('UserEvent').implement({
  fields: (t) => ({
    kind: t.field({ type: UserEventKind, resolve: (event) => event.kind }),
    user: t.field({ type: UserRef, resolve: (event) => event.user }),
  }),
});

builder.subscriptionField('userEvents', (t) =>
  t.field({
    type: UserEventRef,
    description: "Changes to the viewer's tenant's user list (admins only).",
    extensions: authz('admin'),
    subscribe: (_root, _args, { services, viewer }) => services.bus.subscribe<UserEvent>(tenantUsersTopic(viewer!.tenant.id)),
    resolve: async (event: UserEvent, _args, { services }) => {
      const user = await findUserById(services.database.db, event.userId);
      if (!user) throw new AppError('NOT_FOUND');
      return { kind: event.kind, user };
    },
  }),
);
