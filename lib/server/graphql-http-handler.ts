import 'server-only';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ApolloServer, HeaderMap } from '@apollo/server';
import type { GraphQLFormattedError, GraphQLSchema } from 'graphql';
import type { GraphQLContext } from '../../graphql/context.ts';
import type { AppServices } from '../app-services.ts';
import { clientIp, requestViewer } from './request-viewer.ts';

/** Request bodies above this are refused before parsing. @default 1 MiB */
const MAX_BODY_BYTES = 1024 * 1024;

/**
 * Apollo Server 5 ships no Node adapter: this is the small one around
 * `executeHTTPGraphQLRequest`. CSRF prevention stays on (Apollo's default): a mutation
 * must come with a non-simple content type or an `apollo-require-preflight` header,
 * which a cross-site form or image cannot send.
 */
export async function createGraphQLHttpHandler(schema: GraphQLSchema, services: AppServices) {
  const apollo = new ApolloServer<GraphQLContext>({
    schema,
    csrfPrevention: true,
    // The API is public for integrators (graphql/schema.graphql is published); let tools introspect it.
    introspection: true,
    formatError: (formatted: GraphQLFormattedError) => {
      // Resolver errors were already made safe (graphql/errors.ts); hide the stack of anything else.
      const { extensions, ...rest } = formatted;
      const { stacktrace: _stack, ...safe } = (extensions ?? {}) as Record<string, unknown>;
      return { ...rest, extensions: safe };
    },
  });
  await apollo.start();

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    let body: unknown;
    if (req.method === 'POST') {
      const raw = await readBody(req);
      if (raw === null) return sendJson(res, 413, { errors: [{ message: 'Request body too large' }] });
      try {
        body = raw.length ? JSON.parse(raw.toString('utf8')) : undefined;
      } catch {
        return sendJson(res, 400, { errors: [{ message: 'Request body is not valid JSON' }] });
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
        setCookie: (cookie) => cookies.push(cookie),
      }),
    });
    for (const [name, value] of result.headers) res.setHeader(name, value);
    if (cookies.length) res.setHeader('set-cookie', cookies);
    res.setHeader('cache-control', 'no-store');
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

function readBody(req: IncomingMessage): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        resolve(null);
        req.destroy();
      } else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function sendJson(res: ServerResponse, status: number, value: unknown): void {
  res.statusCode = status;
  res.setHeader('content-type', 'application/json');
  res.end(JSON.stringify(value));
}
