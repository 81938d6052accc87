import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { schema } from '../../graphql/schema.ts';
import type { AppServices } from '../../lib/app-services.ts';
import { startAuthHousekeeping, type AuthHousekeepingOptions } from '../../lib/auth/auth-housekeeping.ts';
import { isSetupRequired } from '../../lib/auth/complete-setup.ts';
import { loadSetupToken } from '../../lib/auth/setup-token.ts';
import type { SignInLimitsOptions } from '../../lib/auth/sign-in-limits.ts';
import { loadConfig } from '../../lib/config.ts';
import { createServices } from '../../lib/server/create-services.ts';
import { createGraphQLHttpHandler } from '../../lib/server/graphql-http-handler.ts';
import { createGraphQLWsServer } from '../../lib/server/graphql-ws-server.ts';
import { serveUploadRoute } from '../../lib/server/upload-route.ts';
import { serveOAuthRoute } from '../../lib/server/oauth-routes.ts';
import type { SessionSocketsOptions } from '../../lib/server/session-sockets.ts';

export interface ApiServer {
  url: string;
  services: AppServices;
  /** While setup is required: the one-time setup token, as start-server prints it. */
  setupToken: string | undefined;
  close(): Promise<void>;
}

/**
 * The server's API half in this process: the real services (database, migrations, bus), GraphQL
 * over HTTP and graphql-ws on `/api/graphql`, the uploads route, and the auth housekeeping job, wired as
 * lib/server/start-server.ts wires them, without Next (no `next build` needed) and without the
 * sync supervisor. Several of them on one PostgreSQL database behave as several app processes.
 */
export async function startApiServer(
  env: Record<string, string | undefined>,
  options: {
    signInLimits?: SignInLimitsOptions;
    sessionSockets?: SessionSocketsOptions;
    housekeeping?: AuthHousekeepingOptions;
  } = {},
): Promise<ApiServer> {
  const dataDir = env.DATA_DIR ?? fs.mkdtempSync(path.join(os.tmpdir(), 'crm-api-'));
  const config = loadConfig({ ...env, DATA_DIR: dataDir, HOST: '127.0.0.1', PORT: '1' });
  const services = await createServices(config, { signInLimits: options.signInLimits });
  const closers: Array<() => Promise<void>> = [() => services.close()];
  const closeAll = async () => {
    for (const close of closers) await close().catch(() => {});
  };
  try {
    if (await isSetupRequired(services)) services.setupToken = loadSetupToken(config.dataDir);
    const housekeeping = startAuthHousekeeping(services.database.db, options.housekeeping);
    closers.unshift(() => housekeeping.stop());
    const graphqlHttp = await createGraphQLHttpHandler(schema, services);
    closers.unshift(() => graphqlHttp.stop());
    const graphqlWs = createGraphQLWsServer(schema, services, options.sessionSockets);
    closers.unshift(() => graphqlWs.close());
    const server = http.createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://x');
      const answer = async () => {
        if (url.pathname === '/api/graphql') return graphqlHttp.handle(req, res);
        if (await serveUploadRoute(services, req, res, url)) return;
        if (!(await serveOAuthRoute(services, req, res, url))) res.writeHead(404).end();
      };
      answer().catch((error: unknown) => {
        // A test server: say it loudly, answer 500, never leave an unhandled rejection.
        console.error('[api-server] request failed:', error);
        if (!res.headersSent) res.writeHead(500);
        res.end();
      });
    });
    server.on('upgrade', (req, socket, head) => graphqlWs.handleUpgrade(req, socket, head));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    // After the WebSockets (closers[0]): server.close() waits for upgraded sockets (STACK-NOTES).
    closers.splice(1, 0, async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    });
    const { port } = server.address() as AddressInfo;
    return { url: `http://127.0.0.1:${port}`, services, setupToken: services.setupToken, close: closeAll };
  } catch (error) {
    await closeAll();
    throw error;
  }
}
