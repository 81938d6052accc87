import 'server-only';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ApolloServer, HeaderMap } from '@apollo/server';
import { GraphQLError, type GraphQLFormattedError, type GraphQLSchema } from 'graphql';
import type { GraphQLContext } from '../../graphql/context.ts';
import { errorBody, maskError } from '../../graphql/errors.ts';
import { queryLimitCode, queryLimitRules, queryParseOptions, withoutSuggestions } from '../../graphql/query-limits.ts';
import type { AppServices } from '../app-services.ts';
import { isLocalRequest } from './is-local-request.ts';
import { trustsNoProxy } from './client-address.ts';
import { loggerFor } from '../log/logger.ts';
import { readBody } from './read-body.ts';
import { requestLog } from './request-log.ts';
import { clientIp, requestViewer } from './request-viewer.ts';

/**
 * Request bodies above this are refused (413) before parsing; graphql-ws uses the same limit
 * for one message (graphql-ws-server.ts). Every argument is bounded far below it
 * (graphql/input-limits.ts). @default 1 MiB
 */
export const MAX_REQUEST_BYTES = 1024 * 1024;

/**
 * Apollo Server 5 ships no Node adapter: this is the small one around
 * `executeHTTPGraphQLRequest`. CSRF prevention stays on (Apollo's default): a mutation
 * must come with a non-simple content type or an `apollo-require-preflight` header,
 * which a cross-site form or image cannot send. Operations are bounded in tokens (while
 * parsing), depth, aliases, directives and cost (graphql/query-limits.ts), as over WebSocket.
 */
export async function createGraphQLHttpHandler(schema: GraphQLSchema, services: AppServices) {
  const apollo = new ApolloServer<GraphQLContext>({
    schema,
    csrfPrevention: true,
    // Apollo's own warnings and errors go to the structured log too.
    logger: loggerFor('apollo'),
    // The API is public for integrators (graphql/schema.graphql is published); let tools introspect it.
    introspection: true,
    // One operation per request: a batch of a hundred would multiply every limit below by a hundred.
    allowBatchedHttpRequests: false,
    parseOptions: queryParseOptions,
    validationRules: queryLimitRules(),
    formatError: (formatted: GraphQLFormattedError, error: unknown) => {
      const limitCode = queryLimitCode(error);
      // Errors of nested fields were not through the root guards yet (graphql/errors.ts).
      const masked = !limitCode && error instanceof GraphQLError ? maskError(error).toJSON() : formatted;
      const { stacktrace: _stack, ...safe } = (masked.extensions ?? {}) as Record<string, unknown>;
      return {
        ...masked,
        message: withoutSuggestions(masked.message),
        extensions: limitCode ? { ...safe, code: limitCode } : safe,
      };
    },
  });
  await apollo.start();

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const log = requestLog(req, res);
    res.setHeader('cache-control', 'no-store');
    let body: unknown;
    if (req.method === 'POST') {
      const raw = await readBody(req, MAX_REQUEST_BYTES);
      if (raw === null) {
        // Answer, then close: the rest of the body is not read (read-body.ts drains a bounded amount).
        res.setHeader('connection', 'close');
        return sendJson(res, 413, errorBody('PAYLOAD_TOO_LARGE', `The request body is larger than ${MAX_REQUEST_BYTES} bytes.`));
      }
      try {
        body = raw.length ? JSON.parse(raw.toString('utf8')) : undefined;
      } catch {
        return sendJson(res, 400, errorBody('BAD_USER_INPUT', 'The request body is not valid JSON.'));
      }
    }
    const headers = new HeaderMap();
    for (const [name, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
    }
    const cookies: string[] = [];
    const result = await apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: req.method ?? 'GET', headers, search: new URL(req.url ?? '/', 'http://x').search, body },
      context: async () => ({
        services,
        viewer: await requestViewer(services, req),
        ip: clientIp(req, services.config.trustProxy),
        // With a trusted proxy in front, a loopback peer is that proxy acting for anyone (and not
        // every proxy adds a forwarding header): never local then.
        local:
          trustsNoProxy(services.config.trustProxy) &&
          isLocalRequest({ remoteAddress: req.socket.remoteAddress, headers: req.headers }),
        setCookie: (cookie) => cookies.push(cookie),
        log,
      }),
    });
    for (const [name, value] of result.headers) res.setHeader(name, value);
    if (cookies.length) res.setHeader('set-cookie', cookies);
    res.statusCode = result.status ?? 200;
    if (result.body.kind === 'complete') {
      res.end(result.body.string);
      return;
    }
    for await (const chunk of result.body.asyncIterator) res.write(chunk);
    res.end();
  }

  return { handle, stop: () => apollo.stop() };
}

function sendJson(res: ServerResponse, status: number, value: unknown): void {
  res.statusCode = status;
  res.setHeader('content-type', 'application/json');
  res.end(JSON.stringify(value));
}
