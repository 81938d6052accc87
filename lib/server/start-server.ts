import 'server-only';
import { EventEmitter } from 'node:events';
import http from 'node:http';
import next from 'next';
import { schema } from '../../graphql/schema.ts';
import { startAuthHousekeeping } from '../auth/auth-housekeeping.ts';
import { isSetupRequired } from '../auth/complete-setup.ts';
import { isAdmin } from '../auth/viewer.ts';
import type { Config } from '../config.ts';
import { decidePageAccess, isPagePath } from './decide-page-access.ts';
import { createGraphQLHttpHandler } from './graphql-http-handler.ts';
import { createGraphQLWsServer } from './graphql-ws-server.ts';
import { createServices } from './create-services.ts';
import { resolveDownloadDays } from '../settings/download-days.ts';
import { startSyncSupervisor } from '../sync/sync-supervisor.ts';
import { requestViewer } from './request-viewer.ts';
import { projectRoot } from '../project-root.ts';

const GRAPHQL_PATH = '/api/graphql';

export interface RunningServer {
  url: string;
  close(): Promise<void>;
}

/**
 * The one process: Next pages, GraphQL over HTTP and WebSocket on the same port and path,
 * and (from the sync issue) the IMAP sync supervisor, all sharing one services object.
 */
export async function startServer(config: Config, { dev }: { dev: boolean }): Promise<RunningServer> {
  const services = await createServices(config);
  const closers: Array<() => Promise<void>> = [() => services.close()];
  try {
    // The IMAP sync loop lives here, beside GraphQL and the bus (STYLE.md: one module graph).
    const supervisor = startSyncSupervisor({
      database: services.database,
      bus: services.bus,
      credentialsKey: services.credentialsKey,
      network: services.mailNetwork,
      allowPlaintextAuth: config.mailAllowPlaintextAuth,
      downloadDays: (tenantId) => resolveDownloadDays(services, tenantId),
      log: (message, extra) => console.log(`[sync] ${message}`, extra ?? ''),
    });
    services.sync = supervisor;
    closers.unshift(() => supervisor.stop());
    const housekeeping = startAuthHousekeeping(services.database.db);
    closers.unshift(() => housekeeping.stop());

    const graphqlHttp = await createGraphQLHttpHandler(schema, services);
    closers.unshift(() => graphqlHttp.stop());
    const graphqlWs = createGraphQLWsServer(schema, services);
    closers.unshift(() => graphqlWs.close());

    // Next must not see our GraphQL upgrades (it closes foreign sockets): give it a private
    // emitter and forward only the upgrades that are its own (dev HMR). See STACK-NOTES.
    const nextUpgrades = new EventEmitter();
    const app = next({
      dev,
      dir: projectRoot,
      hostname: config.host,
      port: config.port,
      httpServer: nextUpgrades as unknown as http.Server,
    });
    await app.prepare();
    const handleNext = app.getRequestHandler();

    // Once set up, always set up: skip the count query on every page view.
    let setupDone = false;
    const setupRequired = async () => {
      if (setupDone) return false;
      setupDone = !(await isSetupRequired(services));
      return !setupDone;
    };

    const server = http.createServer(async (req, res) => {
      try {
        const url = new URL(req.url ?? '/', 'http://localhost');
        if (url.pathname === GRAPHQL_PATH) return await graphqlHttp.handle(req, res);
        if (isPagePath(url.pathname)) {
          const viewer = await requestViewer(services, req);
          const access = decidePageAccess({
            pathname: url.pathname,
            search: url.search,
            setupRequired: await setupRequired(),
            viewer: viewer && { isAdmin: isAdmin(viewer) },
          });
          if (access.type === 'redirect') {
            res.writeHead(307, { location: access.location, 'cache-control': 'no-store' }).end();
            return;
          }
          if (access.type === 'forbidden') {
            res.statusCode = 403;
            req.url = '/forbidden';
            return await app.render(req, res, '/forbidden', {});
          }
        }
        await handleNext(req, res);
      } catch (error) {
        console.error('[http] request failed:', error);
        if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
        res.end('Internal server error');
      }
    });

    server.on('upgrade', (req, socket, head) => {
      const pathname = new URL(req.url ?? '/', 'http://localhost').pathname;
      if (pathname === GRAPHQL_PATH) graphqlWs.handleUpgrade(req, socket, head);
      else if (nextUpgrades.listenerCount('upgrade')) nextUpgrades.emit('upgrade', req, socket, head);
      else socket.destroy();
    });

    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(config.port, config.host, () => resolve());
    });
    closers.unshift(async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    });
    closers.push(() => app.close());

    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    const shownHost = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
    return { url: `http://${shownHost}:${port}`, close: () => closeAll(closers) };
  } catch (error) {
    await closeAll(closers);
    throw error;
  }
}

async function closeAll(closers: Array<() => Promise<void>>): Promise<void> {
  for (const close of closers) {
    try {
      await close();
    } catch (error) {
      console.error('[server] error while closing:', error);
    }
  }
}
