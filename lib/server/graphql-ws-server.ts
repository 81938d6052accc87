import 'server-only';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { GraphQLSchema } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocket, WebSocketServer } from 'ws';
import type { GraphQLContext } from '../../graphql/context.ts';
import type { AppServices } from '../app-services.ts';
import { clientIp, requestViewer } from './request-viewer.ts';

/** How long a client gets to answer the close frame on shutdown. @default 1 s */
const CLOSE_HANDSHAKE_MS = 1_000;

/**
 * GraphQL subscriptions over WebSocket (`graphql-transport-ws`) on the HTTP server's port.
 * `noServer`: the caller routes upgrades, so Next's own HMR socket keeps working (STACK-NOTES).
 * The session cookie rides on the upgrade request; the viewer is looked up again for every
 * operation, so a signed-out session stops getting new subscriptions at once.
 */
export function createGraphQLWsServer(schema: GraphQLSchema, services: AppServices) {
  const wss = new WebSocketServer({ noServer: true });
  const disposable = useServer<Record<string, unknown>, { request: IncomingMessage }>(
    {
      schema,
      context: async (ctx): Promise<GraphQLContext> => ({
        services,
        viewer: await requestViewer(services, ctx.extra.request),
        ip: clientIp(ctx.extra.request),
      }),
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

function safeHost(origin: string): string | undefined {
  try {
    return new URL(origin).host;
  } catch {
    return undefined;
  }
}
