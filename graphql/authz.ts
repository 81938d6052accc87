import 'server-only';
import { GraphQLError, type GraphQLFieldConfig, type GraphQLFieldResolver, type GraphQLSchema } from 'graphql';
import { isAdmin } from '../lib/auth/viewer.ts';
import { AppError } from '../lib/errors.ts';
import type { GraphQLContext } from './context.ts';
import { toGraphQLError } from './errors.ts';

/**
 * Who may call a root field:
 * - `public`: anyone (sign-in, first-run setup, `viewer` itself);
 * - `signedIn`: any user with a session;
 * - `admin`: admins of the viewer's tenant (and operators);
 * - `operator`: deployment-wide operators.
 */
export type AuthPolicy = 'public' | 'signedIn' | 'admin' | 'operator';

export function checkPolicy(policy: AuthPolicy, context: GraphQLContext): void {
  if (policy === 'public') return;
  const viewer = context.viewer;
  if (!viewer) throw new AppError('UNAUTHENTICATED');
  if (policy === 'admin' && !isAdmin(viewer)) throw new AppError('FORBIDDEN');
  if (policy === 'operator' && !viewer.user.isOperator) throw new AppError('FORBIDDEN');
}

/**
 * Deny by default: every Query/Mutation/Subscription field must declare a policy, or the
 * schema refuses to build. Each root resolver (and subscribe) is wrapped to enforce it and
 * to turn thrown errors into typed GraphQL errors. Nested fields are reachable only through
 * an authorized root, and resolve within the viewer's tenant.
 */
export function enforceAuthorization(schema: GraphQLSchema): GraphQLSchema {
  for (const type of [schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()]) {
    if (!type) continue;
    for (const field of Object.values(type.getFields())) {
      const policy = (field.extensions as { authz?: AuthPolicy }).authz;
      if (!policy) throw new Error(`${type.name}.${field.name} declares no authorization policy (extensions.authz)`);
      const config = field as unknown as GraphQLFieldConfig<unknown, GraphQLContext>;
      if (config.resolve) config.resolve = guard(policy, config.resolve);
      if (config.subscribe) config.subscribe = guard(policy, config.subscribe);
    }
  }
  return schema;
}

function guard(
  policy: AuthPolicy,
  resolve: GraphQLFieldResolver<unknown, GraphQLContext>,
): GraphQLFieldResolver<unknown, GraphQLContext> {
  return async (source, args, context, info) => {
    try {
      checkPolicy(policy, context);
      return await resolve(source, args, context, info);
    } catch (error) {
      throw error instanceof GraphQLError ? error : toGraphQLError(error, context.log);
    }
  };
}
