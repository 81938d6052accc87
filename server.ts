// The CRM Inbox server: one Node process (see lib/server/start-server.ts).
// Config errors and an unreachable database end in one clear line and a non-zero exit;
// everything else is logged as JSON lines (lib/log/logger.ts).
import path from 'node:path';
import { ConfigError, loadConfig } from './lib/config.ts';
import { isAppError } from './lib/errors.ts';
import { loggerFor } from './lib/log/logger.ts';
import { installProcessPolicy } from './lib/server/process-policy.ts';
import { startServer } from './lib/server/start-server.ts';

const log = loggerFor('server');

const dev = process.argv.includes('--dev');
const env = process.env as Record<string, string | undefined>;
env.NEXT_TELEMETRY_DISABLED ??= '1';
// Next reads NODE_ENV to pick its dev or production runtime.
env.NODE_ENV ??= dev ? 'development' : 'production';
// Files and directories this process creates are its own (issue 8, item 4). PGlite sets its
// files' modes itself (0666, umask or not), so DATA_DIR's 0700 (db/secure-data-dir.ts) is the
// guarantee; the umask covers the rest (PGlite's directories, caches, anything added later).
process.umask(0o077);

/** After SIGTERM, give open work this long before exiting anyway. @default 10 s */
const FORCED_EXIT_MS = 10_000;

/** The one graceful shutdown, shared by signals and the crash policy; undefined until the server runs. */
let shutdown: (() => Promise<void>) | undefined;
// Installed first: an error nobody catches, even during start, is logged and ends the process
// non-zero (issue 8, item 14) instead of being swallowed by Next's global handlers.
installProcessPolicy({ shutdown: () => shutdown?.() });

async function main(): Promise<void> {
  const config = loadConfig();
  const running = await startServer(config, { dev });
  const db = config.databaseUrl ? 'PostgreSQL' : `embedded PGlite in ${config.dataDir}`;
  const lines = [`CRM Inbox (${config.deploymentMode}, ${dev ? 'dev' : 'production'}) on ${running.url}, database: ${db}`];
  if (running.setupToken) {
    // Printed on purpose (issue 8, item 22): whoever reads the console may create the first
    // administrator. The token only opens setup, and is deleted once setup is done. One write
    // with the line above, so whoever waits for that line has this one too.
    lines.push(
      `Setup: open ${running.url}/setup?token=${running.setupToken} (from another machine, with this server's address; ` +
        `from this machine the token is not needed). The token is also in ${path.join(config.dataDir, 'setup-token')}.`,
    );
  }
  // The banner stays plain lines whatever LOG_LEVEL says: operators and e2e/support/app-process.ts wait for it.
  console.log(lines.join('\n'));

  let closing: Promise<void> | undefined;
  shutdown = () => (closing ??= running.close());
  const stop = (signal: string) => {
    if (closing) return;
    log.info(`${signal}: shutting down`);
    setTimeout(() => process.exit(1), FORCED_EXIT_MS).unref();
    shutdown!().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError || isAppError(error)) {
    console.error(`crm-inbox: ${error.message}`);
    process.exit(2);
  }
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'EADDRINUSE') {
    console.error(`crm-inbox: port already in use (set PORT to another port)`);
    process.exit(2);
  }
  log.fatal({ err: error }, 'failed to start');
  process.exit(1);
});
