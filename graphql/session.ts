import 'server-only';
import { sessionCookie } from '../lib/auth/cookies.ts';
import { completeSetup, isSetupRequired } from '../lib/auth/complete-setup.ts';
import { signIn, signOut, type SignInResult } from '../lib/auth/sign-in.ts';
import { isAdmin, type Viewer } from '../lib/auth/viewer.ts';
import { AppError } from '../lib/errors.ts';
import { authz, builder } from './builder.ts';
import { MAX_LENGTH, maxLength } from './input-limits.ts';
import type { GraphQLContext } from './context.ts';
import { TenantRef, UserRef } from './user.ts';

export const ViewerRef = builder.objectRef<Viewer>('Viewer').implement({
  description: 'The signed-in user and their tenant.',
  fields: (t) => ({
    user: t.field({ type: UserRef, resolve: (viewer) => viewer.user }),
    tenant: t.field({ type: TenantRef, resolve: (viewer) => viewer.tenant }),
    isAdmin: t.boolean({ resolve: (viewer) => isAdmin(viewer) }),
  }),
});

builder.queryField('viewer', (t) =>
  t.field({
    type: ViewerRef,
    nullable: true,
    description: 'Who is signed in; null without a session.',
    extensions: authz('public'),
    resolve: (_root, _args, { viewer }) => viewer,
  }),
);

builder.queryField('setupRequired', (t) =>
  t.boolean({
    description: 'True on a fresh installation, until completeSetup has run.',
    extensions: authz('public'),
    resolve: (_root, _args, { services }) => isSetupRequired(services),
  }),
);

const SignInPayload = builder.objectRef<SignInResult>('SignInPayload').implement({
  fields: (t) => ({
    user: t.field({ type: UserRef, resolve: (result) => result.user }),
    expiresAt: t.expose('expiresAt', { type: 'DateTime' }),
    token: t.exposeString('token', {
      description:
        'The session token, also set as the httpOnly cookie. Integrators may send it as `Authorization: Bearer <token>`.',
    }),
  }),
});

/**
 * Sign-in and setup answer with a cookie, which only HTTP can set: refused over WebSocket before
 * any work (else a right password would make a session and reset the limits, and setup would
 * create the first administrator and spend its token, only to fail afterwards).
 */
function requireCookieChannel(context: GraphQLContext): void {
  if (!context.setCookie) throw new AppError('BAD_USER_INPUT', { message: 'Sign in over HTTP, not WebSocket.' });
}

function setSessionCookie(context: GraphQLContext, result: SignInResult): SignInResult {
  if (!context.setCookie) throw new AppError('BAD_USER_INPUT', { message: 'Sign in over HTTP, not WebSocket.' });
  const maxAge = Math.floor((result.expiresAt.getTime() - Date.now()) / 1000);
  context.setCookie(sessionCookie(result.token, { secure: context.services.config.cookieSecure, maxAge }));
  return result;
}

builder.mutationField('signIn', (t) =>
  t.field({
    type: SignInPayload,
    extensions: authz('public'),
    args: {
      email: t.arg.string({ required: true, extensions: maxLength(MAX_LENGTH.email) }),
      password: t.arg.string({ required: true, extensions: maxLength(MAX_LENGTH.password) }),
    },
    resolve: async (_root, args, context) => {
      requireCookieChannel(context);
      return setSessionCookie(context, await signIn(context.services, { ...args, ip: context.ip }));
    },
  }),
);

builder.mutationField('signOut', (t) =>
  t.boolean({
    extensions: authz('signedIn'),
    resolve: async (_root, _args, context) => {
      await signOut(context.services, context.viewer!);
      context.setCookie?.(sessionCookie('', { secure: context.services.config.cookieSecure, maxAge: 0 }));
      return true;
    },
  }),
);

const CompleteSetupInput = builder.inputType('CompleteSetupInput', {
  fields: (t) => ({
    tenantName: t.string({ required: true, description: 'Your organisation.', extensions: maxLength(MAX_LENGTH.name) }),
    name: t.string({ required: true, extensions: maxLength(MAX_LENGTH.name) }),
    email: t.string({ required: true, extensions: maxLength(MAX_LENGTH.email) }),
    password: t.string({
      required: true,
      description: 'At least 8 characters.',
      extensions: maxLength(MAX_LENGTH.password),
    }),
    setupToken: t.string({
      extensions: maxLength(MAX_LENGTH.token),
      description:
        'The one-time token the server prints at start (`/setup?token=…`); required unless the request comes from the server’s own machine.',
    }),
  }),
});

builder.mutationField('completeSetup', (t) =>
  t.field({
    type: SignInPayload,
    description: 'First run only: creates the first tenant and its admin (also operator), and signs them in.',
    extensions: authz('public'),
    args: { input: t.arg({ type: CompleteSetupInput, required: true }) },
    resolve: async (_root, { input }, context) => {
      requireCookieChannel(context);
      return setSessionCookie(context, await completeSetup(context.services, input, { local: context.local ?? false }));
    },
  }),
);
