import 'server-only';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { GraphQLError, parse, specifiedRules, validate, type ExecutionResult, type GraphQLSchema } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocket, WebSocketServer } from 'ws';
import type { GraphQLContext } from '../../graphql/context.ts';
import { maskError, toGraphQLError } from '../../graphql/errors.ts';
import { queryLimitCode, queryLimitRules, queryParseOptions, withoutSuggestions } from '../../graphql/query-limits.ts';
import type { AppServices } from '../app-services.ts';
import { MAX_REQUEST_BYTES } from './graphql-http-handler.ts';
import { requestIdOf, requestLog } from './request-log.ts';
import { clientIp, requestViewer } from './request-viewer.ts';
import { trackSessionSockets, type SessionSocketsOptions } from './session-sockets.ts';

/** How long a client gets to answer the close frame on shutdown. @default 1 s */
const CLOSE_HANDSHAKE_MS = 1_000;

/**
 * GraphQL subscriptions over WebSocket (`graphql-transport-ws`) on the HTTP server's port.
 * `noServer`: the caller routes upgrades, so Next's own HMR socket keeps working (STACK-NOTES).
 * The session cookie rides on the upgrade request; the viewer is looked up again for every
 * operation, so a signed-out session stops getting new subscriptions at once; and the
 * socket itself is closed when its session is revoked or expires (session-sockets.ts).
 *
 * The same bounds as over HTTP (issue 8, items 2 and 8): one message at most MAX_REQUEST_BYTES
 * (`ws` closes the socket with 1009 beyond it; its default is 100 MiB), and every operation is
 * parsed with the token limit and validated with the query limit rules in `onSubscribe`.
 */
export function createGraphQLWsServer(schema: GraphQLSchema, services: AppServices, options: SessionSocketsOptions = {}) {
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_REQUEST_BYTES });
  const rules = [...specifiedRules, ...queryLimitRules()];
  const sessionSockets = trackSessionSockets(services.bus, options);
  // The connection's request id, on the 101 answer as on any HTTP response.
  wss.on('headers', (headers, req) => headers.push(`x-request-id: ${requestIdOf(requestLog(req))}`));
  const disposable = useServer<Record<string, unknown>, { request: IncomingMessage }>(
    {
      schema,
      onConnect: async (ctx) => {
        let viewer;
        try {
          viewer = await requestViewer(services, ctx.extra.request);
        } catch (error) {
          // Logged here, masked: graphql-ws would send what onConnect throws as the close reason.
          requestLog(ctx.extra.request).error({ err: error }, 'WebSocket connect: the session lookup failed');
          return false;
        }
        if (viewer) {
          const { sessionTokenHash, sessionExpiresAt: expiresAt, user } = viewer;
          sessionSockets.add(ctx.extra.socket, { sessionTokenHash, expiresAt, userId: user.id });
        }
      },
      onSubscribe: async (ctx, _id, payload) => {
        let document;
        try {
          document = parse(payload.query, queryParseOptions);
        } catch (error) {
          return [limitError(error, 'GRAPHQL_PARSE_FAILED')];
        }
        const errors = validate(schema, document, rules);
        if (errors.length) return errors.map((error) => limitError(error, 'GRAPHQL_VALIDATION_FAILED'));
        const request = ctx.extra.request;
        const log = requestLog(request);
        let contextValue: GraphQLContext;
        try {
          // Here rather than in `context`: graphql-ws writes what that throws to the console, raw.
          const viewer = await requestViewer(services, request);
          contextValue = { services, viewer, ip: clientIp(request, services.config.trustProxy), log };
        } catch (error) {
          return [toGraphQLError(error, log)];
        }
        const { variables: variableValues, operationName } = payload;
        return { schema, document, variableValues, operationName, contextValue };
      },
      // An expired session gets no further event, even before the periodic check runs (the
      // adapter sends nothing on a closing socket).
      onNext: (ctx, _id, _payload, _args, result) => {
        sessionSockets.endIfExpired(ctx.extra.socket);
        return maskResult(result as ExecutionResult, ctx.extra.request);
      },
    },
    wss,
  );

  function handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    // Cross-site WebSocket hijacking: browsers send cookies on cross-origin upgrades, so
    // refuse any Origin that is not this host. Non-browser clients send no Origin.
    const origin = req.headers.origin;
    if (origin && safeHost(origin) !== req.headers.host) {
      socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
  }

  return {
    handleUpgrade,
    /**
     * Closes every socket with 1001 "Going away" (graphql-ws's dispose; clients reconnect to
     * another process or after the restart) and resolves once they are gone, so the HTTP server
     * can close. A client that never answers the close handshake would hold it for `ws`'s 30 s
     * close timeout: it is cut after `CLOSE_HANDSHAKE_MS`.
     */
    async close() {
      const open = [...wss.clients];
      const gone = Promise.all(
        open.map((ws) =>
          ws.readyState === WebSocket.CLOSED ? undefined : new Promise<void>((resolve) => ws.once('close', () => resolve())),
        ),
      );
      await sessionSockets.stop();
      await disposable.dispose();
      const timer = setTimeout(() => open.forEach((ws) => ws.terminate()), CLOSE_HANDSHAKE_MS);
      try {
        await gone;
      } finally {
        clearTimeout(timer);
      }
    },
  };
}

/**
 * A parse or validation error worded and coded as Apollo does over HTTP (GRAPHQL_PARSE_FAILED,
 * GRAPHQL_VALIDATION_FAILED), but QUERY_TOO_COMPLEX for a limit, and no suggestions in production.
 */
function limitError(error: unknown, fallbackCode: string): GraphQLError {
  const graphqlError = error instanceof GraphQLError ? error : new GraphQLError(String(error));
  return new GraphQLError(withoutSuggestions(graphqlError.message), {
    nodes: graphqlError.nodes,
    extensions: { ...graphqlError.extensions, code: queryLimitCode(graphqlError) ?? fallbackCode },
  });
}

/** Errors of nested resolvers, masked as over HTTP (graphql/errors.ts). */
function maskResult(result: ExecutionResult, req: IncomingMessage): ExecutionResult | void {
  if (!result.errors?.length) return;
  return { ...result, errors: result.errors.map((error) => maskError(error, requestLog(req))) };
}

function safeHost(origin: string): string | undefined {
  try {
    return new URL(origin).host;
  } catch {
    return undefined;
  }
}
