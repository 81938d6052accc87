import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  getNamedType,
  getNullableType,
  graphql,
  GraphQLID,
  GraphQLList,
  GraphQLObjectType,
  GraphQLSchema,
  GraphQLString,
  isEnumType,
  isInputObjectType,
  isLeafType,
  isListType,
  isObjectType,
  parse,
  subscribe,
  type ExecutionResult,
  type GraphQLField,
  type GraphQLInputType,
} from 'graphql';
import { schema } from './schema.ts';
import { enforceInputLimits, type InputLimit } from './input-limits.ts';

/** A context that fails the test if anything reads it: the limits must act before any resolver work. */
const untouchable = new Proxy(
  {},
  {
    get(_target, property) {
      throw new Error(`the context was read (${String(property)}) before the input was checked`);
    },
  },
);

const A_UUID = '00000000-0000-4000-8000-000000000000';

/** A valid value for `type`, every input field filled. */
function validValue(type: GraphQLInputType): unknown {
  const t = getNullableType(type);
  if (isListType(t)) return [validValue(t.ofType as GraphQLInputType)];
  if (isInputObjectType(t)) {
    const value: Record<string, unknown> = {};
    // Optional fields too, so that every nested leaf has a complete parent to sit in.
    for (const field of Object.values(t.getFields())) value[field.name] = validValue(field.type);
    return value;
  }
  if (isEnumType(t)) return t.getValues()[0]!.name;
  if (t === GraphQLID) return A_UUID;
  if (t.name === 'Int' || t.name === 'Float') return 1;
  if (t.name === 'Boolean') return false;
  if (t.name === 'DateTime') return new Date(0).toISOString();
  return 'x';
}

/** Every String and ID leaf reachable from a field's arguments, with its limit and its error field name. */
interface Leaf {
  path: string[];
  type: 'String' | 'ID';
  maxLength?: number;
  field: string;
}
function leavesOf(field: GraphQLField<unknown, unknown>): Leaf[] {
  const leaves: Leaf[] = [];
  const walk = (type: GraphQLInputType, limit: InputLimit, path: string[], shown: string[]) => {
    const t = getNullableType(type);
    // A list of input objects: the leaf goes into its first item (a property set on the array
    // itself would be ignored by GraphQL and the case would prove nothing).
    if (isListType(t))
      return walk(
        t.ofType as GraphQLInputType,
        limit,
        isInputObjectType(getNullableType(t.ofType)) ? [...path, '0'] : path,
        shown,
      );
    if (isInputObjectType(t)) {
      for (const f of Object.values(t.getFields()))
        walk(f.type, f.extensions as InputLimit, [...path, f.name], [...shown, f.name]);
      return;
    }
    if (t === GraphQLID) leaves.push({ path, type: 'ID', field: shown.join('.') });
    else if (t === GraphQLString) leaves.push({ path, type: 'String', maxLength: limit.maxLength, field: shown.join('.') });
  };
  for (const arg of field.args) {
    const shown = arg.name === 'input' && isInputObjectType(getNullableType(arg.type)) ? [] : [arg.name];
    walk(arg.type, arg.extensions as InputLimit, [arg.name], shown);
  }
  return leaves;
}

function setPath(target: Record<string, unknown>, path: string[], value: unknown): void {
  let node = target;
  for (const key of path.slice(0, -1)) node = (node[key] ??= {}) as Record<string, unknown>;
  node[path.at(-1)!] = value;
}

async function run(
  operation: 'query' | 'mutation' | 'subscription',
  field: GraphQLField<unknown, unknown>,
  args: Record<string, unknown>,
): Promise<ExecutionResult> {
  const variables = field.args.map((a, i) => `$a${i}: ${a.type.toString()}`).join(', ');
  const passed = field.args.map((a, i) => `${a.name}: $a${i}`).join(', ');
  const selection = isLeafType(getNamedType(field.type)) ? '' : '{ __typename }';
  const source = `${operation}${variables ? `(${variables})` : ''} { ${field.name}${passed ? `(${passed})` : ''} ${selection} }`;
  const variableValues = Object.fromEntries(field.args.map((a, i) => [`a${i}`, args[a.name] ?? null]));
  if (operation !== 'subscription') return graphql({ schema, source, variableValues, contextValue: untouchable });
  const result = await subscribe({ schema, document: parse(source), variableValues, contextValue: untouchable });
  assert.ok(!(Symbol.asyncIterator in result), `${field.name} subscribed although its input is invalid`);
  return result as ExecutionResult;
}

/** Every field of the API that takes arguments, with the operation that reaches it. */
function fieldsWithArgs() {
  const roots = [
    ['query', schema.getQueryType()],
    ['mutation', schema.getMutationType()],
    ['subscription', schema.getSubscriptionType()],
  ] as const;
  const nested = Object.values(schema.getTypeMap()).filter(
    (t) => isObjectType(t) && !t.name.startsWith('__') && !roots.some(([, root]) => root === t),
  ) as GraphQLObjectType[];
  for (const type of nested)
    for (const field of Object.values(type.getFields()))
      assert.equal(field.args.length, 0, `${type.name}.${field.name}: extend this test to nested fields with arguments`);
  return roots.flatMap(([operation, type]) =>
    Object.values(type?.getFields() ?? {})
      .filter((field) => field.args.length > 0)
      .map((field) => ({ operation, field })),
  );
}

describe('input limits (issue 8, items 2 and 9)', () => {
  const cases = fieldsWithArgs();

  test('the API has fields with arguments to check', () => {
    assert.ok(cases.some(({ field }) => field.name === 'signIn'));
  });

  for (const { operation, field } of cases) {
    for (const leaf of leavesOf(field)) {
      if (leaf.type === 'String') {
        test(`${field.name}: ${leaf.field} longer than its maximum is BAD_USER_INPUT before anything else`, async () => {
          assert.ok(leaf.maxLength, `${field.name}.${leaf.field} declares a maximum`);
          const args = Object.fromEntries(field.args.map((a) => [a.name, validValue(a.type)]));
          setPath(args, leaf.path, 'x'.repeat(leaf.maxLength + 1));
          const result = await run(operation, field, args);
          assert.equal(result.errors?.[0]?.extensions?.code, 'BAD_USER_INPUT', JSON.stringify(result.errors));
          assert.equal(result.errors?.[0]?.extensions?.field, leaf.field);
        });
      } else {
        test(`${field.name}: ${leaf.field} that is not a UUID is BAD_USER_INPUT before anything else`, async () => {
          const args = Object.fromEntries(field.args.map((a) => [a.name, validValue(a.type)]));
          setPath(args, leaf.path, `not-a-uuid-${'x'.repeat(100_000)}`);
          const result = await run(operation, field, args);
          assert.equal(result.errors?.[0]?.extensions?.code, 'BAD_USER_INPUT', JSON.stringify(result.errors));
          assert.equal(result.errors?.[0]?.extensions?.field, leaf.field);
          assert.ok(JSON.stringify(result).length < 1000, 'the answer does not echo the value');
        });
      }
    }
  }

  test('a value at its maximum passes the check (signIn reaches its resolver)', async () => {
    const signIn = schema.getMutationType()!.getFields().signIn!;
    const result = await run('mutation', signIn, { email: 'x'.repeat(254), password: 'x'.repeat(1024) });
    // The resolver ran and read the (untouchable) context: the check let the values through.
    assert.match(JSON.stringify(result.errors), /INTERNAL|context was read/);
  });

  test('a schema with an unbounded String argument or list does not build', () => {
    const build = (args: Record<string, { type: GraphQLInputType; extensions?: InputLimit & Record<string, unknown> }>) =>
      enforceInputLimits(
        new GraphQLSchema({
          query: new GraphQLObjectType({ name: 'Query', fields: { f: { type: GraphQLString, args } } }),
        }),
      );
    assert.throws(() => build({ note: { type: GraphQLString } }), /Query\.f\(note\).*declares no maximum/);
    assert.throws(
      () => build({ notes: { type: new GraphQLList(GraphQLString), extensions: { maxLength: 10 } } }),
      /Query\.f\(notes\) is a list without a maximum/,
    );
    assert.doesNotThrow(() =>
      build({ notes: { type: new GraphQLList(GraphQLString), extensions: { maxItems: 5, maxLength: 10 } } }),
    );
    assert.doesNotThrow(() => build({ id: { type: GraphQLID } }));
  });

  test('a list longer than its maximum is BAD_USER_INPUT', async () => {
    const limited = enforceInputLimits(
      new GraphQLSchema({
        query: new GraphQLObjectType({
          name: 'Query',
          fields: {
            f: {
              type: GraphQLString,
              args: { ids: { type: new GraphQLList(GraphQLID), extensions: { maxItems: 2 } } },
              resolve: () => 'ok',
            },
          },
        }),
      }),
    );
    const ok = await graphql({ schema: limited, source: `{ f(ids: ["${A_UUID}", "${A_UUID}"]) }` });
    assert.equal(ok.data?.f, 'ok');
    const tooMany = await graphql({ schema: limited, source: `{ f(ids: ["${A_UUID}", "${A_UUID}", "${A_UUID}"]) }` });
    assert.equal(tooMany.errors?.[0]?.extensions?.code, 'BAD_USER_INPUT');
    assert.equal(tooMany.errors?.[0]?.extensions?.field, 'ids');
  });
});
