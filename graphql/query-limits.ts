import { ApolloArmor } from '@escape.tech/graphql-armor';
import type { ErrorCode } from '../lib/errors.ts';
import { GraphQLError, type ParseOptions, type ValidationContext, type ValidationRule } from 'graphql';

/**
 * How big one operation may be (issue 8, item 8: four 75 KB alias queries stalled everyone's
 * requests for seconds). The app's own operations (app/**\/*quer*.ts, e2e) stay well inside:
 * graphql/query-limits.test.ts checks them.
 */
export const QUERY_LIMITS = {
  /** Lexical tokens: checked while parsing, so an oversize document is refused before it is parsed whole. */
  maxTokens: 2000,
  /** Field nesting (`__schema` excluded: the standard introspection query is deeper, and ours is public). */
  maxDepth: 8,
  /** Aliases: the cheap way to ask for one expensive field a thousand times. */
  maxAliases: 15,
  /** Directives: `@include(if: true)` repeated is another way to make validation work. */
  maxDirectives: 20,
  /**
   * graphql-armor's static cost: objects 2, scalars 1, compounded by 1.5 per level
   * (introspection excluded). The app's costliest operation, a page of a folder's messages
   * (app/components/mailbox/message-queries.ts), costs ≈ 1,860; three of it in one request do not pass.
   */
  maxCost: 5000,
} as const;

/** The code of every refusal below (lib/errors.ts), over HTTP and WebSocket alike. */
export const QUERY_TOO_COMPLEX = 'QUERY_TOO_COMPLEX' satisfies ErrorCode;

/** graphql-js's own token limit: the lexer stops at the limit, before the parser builds the document. */
export const queryParseOptions: ParseOptions = { maxTokens: QUERY_LIMITS.maxTokens };

/**
 * graphql-armor's depth, alias, directive and cost rules, reporting one GraphQL error with
 * `extensions.code = QUERY_TOO_COMPLEX` instead of throwing (a throw would abort validation as
 * an internal error). Used by Apollo (validationRules) and by graphql-ws (graphql-ws-server.ts).
 */
export function queryLimitRules(): ValidationRule[] {
  const onReject = [
    (context: ValidationContext | null, error: GraphQLError) =>
      context?.reportError(
        new GraphQLError(error.message.replace(/^Syntax Error: /, ''), { extensions: { code: QUERY_TOO_COMPLEX } }),
      ),
  ];
  const common = { exposeLimits: true, propagateOnRejection: false, onReject };
  const { validationRules } = new ApolloArmor({
    maxDepth: { ...common, n: QUERY_LIMITS.maxDepth, ignoreIntrospection: true },
    maxAliases: { ...common, n: QUERY_LIMITS.maxAliases },
    maxDirectives: { ...common, n: QUERY_LIMITS.maxDirectives },
    costLimit: { ...common, maxCost: QUERY_LIMITS.maxCost, ignoreIntrospection: true },
    // Tokens: graphql-js's own `maxTokens` (queryParseOptions) stops the lexer in the one parse;
    // armor's Apollo plugin would parse every document twice. Suggestions: withoutSuggestions.
    maxTokens: { enabled: false },
    blockFieldSuggestion: { enabled: false },
  }).protect();
  return validationRules;
}

/** graphql-js's message when `maxTokens` stops the lexer (graphql/language/parser.js; 16.x spells it "more that"). */
const TOKEN_LIMIT = /Document contains more tha[nt] \d+ tokens\. Parsing aborted\./;

/**
 * The code for an error of parsing or validation: ours for a refused limit (Apollo renames
 * every validation error GRAPHQL_VALIDATION_FAILED and every syntax error GRAPHQL_PARSE_FAILED,
 * so the original is looked up), else undefined.
 */
export function queryLimitCode(error: unknown): string | undefined {
  for (let e: unknown = error; e instanceof Error; e = (e as GraphQLError).originalError ?? undefined) {
    if (e instanceof GraphQLError && e.extensions?.code === QUERY_TOO_COMPLEX) return QUERY_TOO_COMPLEX;
    if (TOKEN_LIMIT.test(e.message)) return QUERY_TOO_COMPLEX;
  }
  return undefined;
}

/**
 * In production, "Did you mean …?" suggestions are cut from error messages: they hand out the
 * schema's field names one guess at a time (graphql-armor's block-field-suggestions, applied to
 * both transports here). The schema is published anyway, so this only removes free hints.
 */
export function withoutSuggestions(message: string): string {
  if (process.env.NODE_ENV !== 'production') return message;
  return message.replace(/ ?Did you mean .+\?/g, '').trim();
}
