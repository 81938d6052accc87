import SchemaBuilder from '@pothos/core';
import type { AuthPolicy } from './authz.ts';
import type { GraphQLContext } from './context.ts';

/** Every root field declares who may call it: `extensions: { authz }` (see authz.ts). */
export const builder = new SchemaBuilder<{
  Context: GraphQLContext;
  DefaultFieldNullability: false;
  Scalars: { DateTime: { Input: Date; Output: Date } };
}>({ defaultFieldNullability: false });

builder.queryType({});
builder.mutationType({});
builder.subscriptionType({});

builder.scalarType('DateTime', {
  description: 'An instant, as an ISO-8601 string in UTC.',
  serialize: (value) => value.toISOString(),
  parseValue: (value) => {
    const date = new Date(String(value));
    if (Number.isNaN(date.getTime())) throw new TypeError('DateTime must be an ISO-8601 string');
    return date;
  },
});

/** Shorthand for a root field's policy extension. */
export function authz(policy: AuthPolicy): { authz: AuthPolicy } {
  return { authz: policy };
}
