import 'server-only';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { GraphQLSchema } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import type { GraphQLContext } from '../../graphql/context.ts';
import type { AppServices } from '../app-services.ts';
import { clientIp, requestViewer } from './request-viewer.ts';
import { trackSessionSockets, type SessionSocketsOptions } from './session-sockets.ts';

/**
 * GraphQL subscriptions over WebSocket (`graphql-transport-ws`) on the HTTP server's port.
 * `noServer`: the caller routes upgrades, so Next's own HMR socket keeps working (STACK-NOTES).
 * The session cookie rides on the upgrade request; the viewer is looked up again for every
 * operation, so a signed-out session stops getting new subscriptions at once; and the
 * socket itself is closed when its session is revoked or expires (session-sockets.ts).
 */
export function createGraphQLWsServer(schema: GraphQLSchema, services: AppServices, options: SessionSocketsOptions = {}) {
  const wss = new WebSocketServer({ noServer: true });
  const sessionSockets = trackSessionSockets(services.bus, options);
  const disposable = useServer<Record<string, unknown>, { request: IncomingMessage }>(
    {
      schema,
      onConnect: async (ctx) => {
        const viewer = await requestViewer(services, ctx.extra.request);
        if (viewer) {
          const { sessionTokenHash, sessionExpiresAt: expiresAt, user } = viewer;
          sessionSockets.add(ctx.extra.socket, { sessionTokenHash, expiresAt, userId: user.id });
        }
      },
      // An expired session gets no further event, even before the periodic check runs (the
      // adapter sends nothing on a closing socket).
      onNext: (ctx) => {
        sessionSockets.endIfExpired(ctx.extra.socket);
      },
      context: async (ctx): Promise<GraphQLContext> => ({
        services,
        viewer: await requestViewer(services, ctx.extra.request),
        ip: clientIp(ctx.extra.request, services.config.trustProxy),
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
    async close() {
      await sessionSockets.stop();
      await disposable.dispose();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
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
