// The CRM Inbox server: one Node process (see lib/server/start-server.ts).
// Config errors and an unreachable database end in one clear line and a non-zero exit;
// everything else is logged as JSON lines (lib/log/logger.ts).
import { ConfigError, loadConfig } from './lib/config.ts';
import { isAppError } from './lib/errors.ts';
import { loggerFor } from './lib/log/logger.ts';
import { startServer } from './lib/server/start-server.ts';

const log = loggerFor('server');

const dev = process.argv.includes('--dev');
const env = process.env as Record<string, string | undefined>;
env.NEXT_TELEMETRY_DISABLED ??= '1';
// Next reads NODE_ENV to pick its dev or production runtime.
env.NODE_ENV ??= dev ? 'development' : 'production';

/** After SIGTERM, give open work this long before exiting anyway. @default 10 s */
const FORCED_EXIT_MS = 10_000;

async function main(): Promise<void> {
  const config = loadConfig();
  const running = await startServer(config, { dev });
  const db = config.databaseUrl ? 'PostgreSQL' : `embedded PGlite in ${config.dataDir}`;
  // The banner stays a plain line whatever LOG_LEVEL says: operators and e2e/support/app-process.ts wait for it.
  console.log(`CRM Inbox (${config.deploymentMode}, ${dev ? 'dev' : 'production'}) on ${running.url}, database: ${db}`);

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info(`${signal}: shutting down`);
    setTimeout(() => process.exit(1), FORCED_EXIT_MS).unref();
    running.close().then(
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
