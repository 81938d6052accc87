import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import {
  getIntrospectionQuery,
  Kind,
  parse,
  print,
  specifiedRules,
  validate,
  visit,
  type DefinitionNode,
  type DocumentNode,
  type FragmentDefinitionNode,
} from 'graphql';
import { projectRoot } from '../lib/project-root.ts';
import { QUERY_LIMITS, queryLimitCode, queryLimitRules, queryParseOptions, withoutSuggestions } from './query-limits.ts';
import { schema } from './schema.ts';

/** Parse and validate as both transports do; the error codes a client would see. */
function check(source: string): string[] {
  let document: DocumentNode;
  try {
    document = parse(source, queryParseOptions);
  } catch (error) {
    return [queryLimitCode(error) ?? 'GRAPHQL_PARSE_FAILED'];
  }
  return validate(schema, document, [...specifiedRules, ...queryLimitRules()]).map(
    (error) => queryLimitCode(error) ?? 'GRAPHQL_VALIDATION_FAILED',
  );
}

/** Refused for a limit, and for nothing else. */
function refused(source: string): boolean {
  const codes = check(source);
  return codes.length > 0 && codes.every((code) => code === 'QUERY_TOO_COMPLEX');
}

/** Every GraphQL operation the app's pages and the tests send: gql`…` templates and query strings. */
function appOperations(): Array<{ where: string; source: string }> {
  const files = [
    ...walk(path.join(projectRoot, 'app')),
    ...walk(path.join(projectRoot, 'e2e')),
    ...walk(path.join(projectRoot, 'lib')),
  ];
  const definitions: Array<{ where: string; node: DefinitionNode }> = [];
  for (const file of files) {
    const text = fs.readFileSync(file, 'utf8');
    // `${FIELDS}` may be a plain string constant of the same file; a fragment's is dropped (collected below).
    const constants = new Map([...text.matchAll(/const (\w+) = `([^`]*)`/g)].map((m) => [m[1]!, m[2]!]));
    const templates = [...text.matchAll(/gql`([^`]*)`/g)].map((m) => m[1]!);
    const strings = [...text.matchAll(/= `((?:query|mutation|subscription)\b[^`]*|\{ [^`]*)`/g)].map((m) => m[1]!);
    for (const source of [...templates, ...strings]) {
      // Built by code (the attacks in api-hardening.service.test.ts): not an operation the app sends.
      if (/\$\{(?!\w+\})/.test(source)) continue;
      let document: DocumentNode;
      try {
        document = parse(source.replace(/\$\{(\w*)\}/g, (_, name: string) => constants.get(name) ?? ''));
      } catch (error) {
        throw new Error(`${file}: ${(error as Error).message}\n${source}`, { cause: error });
      }
      for (const node of document.definitions) definitions.push({ where: path.relative(projectRoot, file), node });
    }
  }
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const { node } of definitions) if (node.kind === Kind.FRAGMENT_DEFINITION) fragments.set(node.name.value, node);
  return definitions
    .filter(({ node }) => node.kind === Kind.OPERATION_DEFINITION)
    .map(({ where, node }) => {
      const used = new Map<string, FragmentDefinitionNode>();
      const collect = (n: DefinitionNode) =>
        visit(n, {
          FragmentSpread(spread) {
            const fragment = fragments.get(spread.name.value);
            if (fragment && !used.has(fragment.name.value)) {
              used.set(fragment.name.value, fragment);
              collect(fragment);
            }
          },
        });
      collect(node);
      const document: DocumentNode = { kind: Kind.DOCUMENT, definitions: [node, ...used.values()] };
      return { where, source: printDocument(document) };
    });
}

function withTypenames(document: DocumentNode): DocumentNode {
  const typename = { kind: Kind.FIELD, name: { kind: Kind.NAME, value: '__typename' } } as const;
  return visit(document, {
    SelectionSet(node, _key, parent) {
      if ((parent as { kind?: string } | undefined)?.kind === Kind.OPERATION_DEFINITION) return undefined;
      return { ...node, selections: [...node.selections, typename] };
    },
  });
}

function printDocument(document: DocumentNode): string {
  return document.definitions.map((d) => d.loc?.source.body.slice(d.loc.start, d.loc.end) ?? '').join('\n');
}

function walk(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : walk(full);
    return /\.(ts|tsx)$/.test(entry.name) && !full.endsWith('query-limits.test.ts') ? [full] : [];
  });
}

describe('query limits (issue 8, item 8)', () => {
  test('the app’s own operations and the introspection query pass every limit', () => {
    const operations = appOperations();
    assert.ok(operations.length >= 15, `found the app's operations (${operations.length})`);
    for (const { where, source } of operations) {
      assert.deepEqual(check(source), [], `${where}: ${source}`);
      // As Apollo Client sends it: its cache adds __typename to every selection below the root.
      assert.deepEqual(check(print(withTypenames(parse(source)))), [], `${where} with __typename`);
    }
    assert.deepEqual(check(getIntrospectionQuery()), []);
    const everything = getIntrospectionQuery({
      descriptions: true,
      specifiedByUrl: true,
      directiveIsRepeatable: true,
      schemaDescription: true,
      inputValueDeprecation: true,
      oneOf: true,
    });
    assert.deepEqual(check(everything), [], 'the fullest introspection query of graphql-js');
  });

  test('thousands of aliases are QUERY_TOO_COMPLEX', () => {
    const aliases = Array.from({ length: 3000 }, (_, i) => `a${i}: setupRequired`).join(' ');
    assert.deepEqual(check(`{ ${aliases} }`), ['QUERY_TOO_COMPLEX']);
    // Within the token limit, the alias rule alone refuses them.
    const few = Array.from({ length: QUERY_LIMITS.maxAliases + 1 }, (_, i) => `a${i}: setupRequired`).join(' ');
    assert.deepEqual(check(`{ ${few} }`), ['QUERY_TOO_COMPLEX']);
  });

  test('a deep query is QUERY_TOO_COMPLEX', () => {
    // The API's own types have no cycle, and graphql-js caps nested `fields` of introspection
    // (MaxIntrospectionDepthRule); `ofType` chains are what is left to nest.
    const deep = (levels: number) => `{ __type(name: "Query") { ${'ofType { '.repeat(levels)}name${' }'.repeat(levels)} } }`;
    assert.deepEqual(check(deep(3)), []);
    assert.ok(refused(deep(40)));
  });

  test('a huge token count is refused while parsing', () => {
    const tokens = `{ ${'__typename '.repeat(100_000)} }`;
    assert.deepEqual(check(tokens), ['QUERY_TOO_COMPLEX']);
    assert.throws(() => parse(tokens, queryParseOptions), /Document contains more tha[nt] 2000 tokens/);
  });

  test('directive floods and costly queries are QUERY_TOO_COMPLEX', () => {
    const directives = `{ ${'setupRequired @include(if: true) '.repeat(QUERY_LIMITS.maxDirectives + 1)}}`;
    assert.deepEqual(check(directives), ['QUERY_TOO_COMPLEX']);
    // Cost: the inbox's page of messages, three times over (within the alias limit).
    const page = `nodes { id subject from { name address } receivedAt snippet seen flagged hasAttachments parseError } hasMore endCursor`;
    const folder = '"00000000-0000-4000-8000-000000000000"';
    const costly = `{ ${[1, 2, 3].map((i) => `p${i}: messages(folderId: ${folder}, first: 200) { ${page} }`).join(' ')} }`;
    assert.deepEqual(check(costly), ['QUERY_TOO_COMPLEX']);
  });

  test('suggestions are cut in production only', () => {
    const env = process.env as Record<string, string | undefined>;
    const before = env.NODE_ENV;
    try {
      env.NODE_ENV = 'production';
      assert.equal(
        withoutSuggestions('Cannot query field "viewr" on type "Query". Did you mean "viewer"?'),
        'Cannot query field "viewr" on type "Query".',
      );
      env.NODE_ENV = 'development';
      assert.match(withoutSuggestions('Cannot query field "viewr". Did you mean "viewer"?'), /Did you mean/);
    } finally {
      env.NODE_ENV = before;
    }
  });
});
