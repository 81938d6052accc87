import 'server-only';
import { availableParallelism } from 'node:os';
import { EventEmitter } from 'node:events';
import http from 'node:http';
import next from 'next';
import { schema } from '../../graphql/schema.ts';
import { startAuthHousekeeping } from '../auth/auth-housekeeping.ts';
import { isSetupRequired } from '../auth/complete-setup.ts';
import { loadSetupToken } from '../auth/setup-token.ts';
import { isAdmin } from '../auth/viewer.ts';
import type { Config } from '../config.ts';
import { applySecurityHeaders } from './apply-security-headers.ts';
import { decidePageAccess, isPagePath } from './decide-page-access.ts';
import { serveArchiveDownload } from './archive-download-route.ts';
import { serveAttachmentDownload } from './attachment-download.ts';
import { serveReaderRoute } from './reader-routes.ts';
import { serveUploadRoute } from './upload-route.ts';
import { serveOAuthRoute } from './oauth-routes.ts';
import { startOutboxSender } from '../outbox/outbox-sender.ts';
import { outboxSubmitter } from '../outbox/submit-outbox-message.ts';
import { afterSent, catchUpAfterSent } from '../drafts/after-sent.ts';
import { createGraphQLHttpHandler } from './graphql-http-handler.ts';
import { createGraphQLWsServer } from './graphql-ws-server.ts';
import { createServices } from './create-services.ts';
import { resolveDownloadDays } from '../settings/download-days.ts';
import { startSyncSupervisor } from '../sync/sync-supervisor.ts';
import { startExtractionWorker } from '../message-store/extraction-worker.ts';
import { withIndexing } from '../message-store/indexing-progress.ts';
import { createParserPool } from '../mail/mime/parser-pool.ts';
import { requestViewer } from './request-viewer.ts';
import { projectRoot } from '../project-root.ts';
import { loggerFor } from '../log/logger.ts';
import { messageLog } from '../log/message-log.ts';
import { requestLog } from './request-log.ts';

const GRAPHQL_PATH = '/api/graphql';

export interface RunningServer {
  url: string;
  /** While setup is required: the one-time token for `/setup?token=…` (lib/auth/setup-token.ts). */
  setupToken: string | undefined;
  close(): Promise<void>;
}

/** In-flight HTTP requests get this long to finish on shutdown before their sockets are closed. @default 3 s */
const HTTP_DRAIN_MS = 3_000;

/**
 * The shutdown order (issue 8, item 11): stop accepting connections; close the WebSockets
 * (`server.close()` waits for every upgraded socket, so an open subscription used to hold the
 * whole shutdown until the forced exit); stop the sync supervisor, whose runners give their
 * leases back so another process takes the accounts over at once; the auth housekeeping job
 * (expired sessions and rate-limit rows); drain HTTP; then Apollo,
 * Next and, last, the database everything above still writes to.
 */
/**
 * Parse worker threads for the extraction worker. Workers pay only when cores are spare: on 2
 * cores shared with PostgreSQL and Dovecot two workers were slower than none (15.2 vs 13.8 s for
 * 3,000 messages when parsing was part of the import) and 120 MiB bigger, because every source is
 * copied across threads and each worker loads its own mailparser. With none, extraction parses on
 * the main thread one message at a time, yielding between them.
 */
function parserThreads(): number {
  return availableParallelism() > 2 ? 2 : 0;
}

const SHUTDOWN_ORDER = [
  'stopAccepting',
  'webSockets',
  'sync',
  'outbox',
  'extraction',
  'parserPool',
  'housekeeping',
  'httpDrain',
  'graphqlHttp',
  'next',
  'services',
] as const;
type ShutdownStep = (typeof SHUTDOWN_ORDER)[number];
type Closers = Partial<Record<ShutdownStep, () => Promise<void>>>;

/**
 * The one process: Next pages, GraphQL over HTTP and WebSocket on the same port and path,
 * and (from the sync issue) the IMAP sync supervisor, all sharing one services object.
 */
export async function startServer(config: Config, { dev }: { dev: boolean }): Promise<RunningServer> {
  const services = await createServices(config);
  const closers: Closers = { services: () => services.close() };
  try {
    if (await isSetupRequired(services)) services.setupToken = loadSetupToken(config.dataDir);
    // The IMAP sync loop lives here, beside GraphQL and the bus (STYLE.md: one module graph).
    // Set once the extraction worker below runs (it needs the supervisor to know when to wait).
    let wakeExtraction = () => {};
    const supervisor = startSyncSupervisor({
      database: services.database,
      bus: services.bus,
      credentialsKey: services.credentialsKey,
      accessTokens: services.accessTokens,
      network: services.mailNetwork,
      allowPlaintextAuth: config.mailAllowPlaintextAuth,
      downloadDays: (tenantId) => resolveDownloadDays(services, tenantId),
      log: messageLog('sync'),
      // What an import stored is indexed as soon as it is over, not at the worker's next look.
      onLive: () => wakeExtraction(),
    });
    closers.sync = () => supervisor.stop();
    // Snippets, bodies, attachment index and search documents are derived from the stored sources
    // after the import, never during it (lowest priority, issue 9).
    const parserPool = createParserPool({ size: parserThreads() });
    closers.parserPool = () => parserPool.close();
    const worker = startExtractionWorker({
      db: services.database.db,
      bus: services.bus,
      pool: parserPool,
      busy: () => supervisor.importing(),
      syncPhase: (accountId) => supervisor.status(accountId)?.phase,
    });
    wakeExtraction = () => worker.wake();
    closers.extraction = () => worker.stop();
    services.sync = {
      refresh: () => supervisor.refresh(),
      status: (accountId) => withIndexing(supervisor.status(accountId), worker.indexing(accountId)),
    };
    // Every process sends: one message has one sender (SKIP LOCKED), whichever process claims it.
    const outbox = startOutboxSender(
      {
        db: services.database.db,
        bus: services.bus,
        submit: outboxSubmitter({
          db: services.database.db,
          credentialsKey: services.credentialsKey,
          accessTokens: services.accessTokens,
          network: services.mailNetwork,
          allowPlaintextAuth: config.mailAllowPlaintextAuth,
        }),
        onSent: (message) => afterSent({ db: services.database.db, bus: services.bus }, message),
        log: messageLog('outbox'),
      },
      { leaseMs: config.outboxLeaseSeconds * 1000 },
    );
    closers.outbox = () => outbox.stop();
    // A stop between "sent" and the after-send steps left a Sent copy or a draft behind: done now.
    void catchUpAfterSent({ db: services.database.db, bus: services.bus }).catch((error) =>
      messageLog('outbox')('outbox: after-send catch-up failed', { error: String(error) }),
    );
    const housekeeping = startAuthHousekeeping(services.database.db);
    closers.housekeeping = () => housekeeping.stop();

    const graphqlHttp = await createGraphQLHttpHandler(schema, services);
    closers.graphqlHttp = () => graphqlHttp.stop();
    const graphqlWs = createGraphQLWsServer(schema, services);
    closers.webSockets = () => graphqlWs.close();

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
      const log = requestLog(req, res);
      try {
        const url = new URL(req.url ?? '/', 'http://localhost');
        applySecurityHeaders(req, res, url.pathname, { dev, secure: config.cookieSecure });
        if (url.pathname === GRAPHQL_PATH) return await graphqlHttp.handle(req, res);
        if (await serveAttachmentDownload(services, req, res, url.pathname)) return;
        if (await serveReaderRoute(services, req, res, url)) return;
        if (await serveArchiveDownload(services, req, res, url)) return;
        if (await serveUploadRoute(services, req, res, url)) return;
        if (await serveOAuthRoute(services, req, res, url)) return;
        if (isPagePath(url.pathname)) {
          const viewer = await requestViewer(services, req);
          const access = decidePageAccess({
            pathname: url.pathname,
            search: url.search,
            setupRequired: await setupRequired(),
            viewer: viewer && { isAdmin: isAdmin(viewer) },
          });
          if (access.type === 'redirect') {
            res.writeHead(307, { location: access.location }).end(); // private, no-store: applySecurityHeaders
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
        log.error({ err: error }, 'request failed');
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
    let drained: Promise<void> = Promise.resolve();
    closers.stopAccepting = async () => {
      // No new connections; idle keep-alive sockets are closed now, busy ones when their response ends.
      drained = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
    };
    closers.httpDrain = async () => {
      const timer = setTimeout(() => server.closeAllConnections(), HTTP_DRAIN_MS);
      try {
        await drained;
      } finally {
        clearTimeout(timer);
      }
    };
    closers.next = () => app.close();

    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    const shownHost = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
    return { url: `http://${shownHost}:${port}`, setupToken: services.setupToken, close: () => closeAll(closers) };
  } catch (error) {
    await closeAll(closers);
    throw error;
  }
}

async function closeAll(closers: Closers): Promise<void> {
  for (const step of SHUTDOWN_ORDER) {
    try {
      await closers[step]?.();
    } catch (error) {
      loggerFor('server').error({ err: error, step }, 'shutdown: a step failed; going on with the next');
    }
  }
}
