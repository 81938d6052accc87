import 'server-only';
import { openDatabase } from '../../db/client.ts';
import { migrateDatabase } from '../../db/migrate.ts';
import { secureDataDir } from '../../db/secure-data-dir.ts';
import type { AppServices } from '../app-services.ts';
import { RateLimiter } from '../auth/rate-limiter.ts';
import { createSignInLimits, DEFAULT_SIGN_IN_LIMITS, type SignInLimitsOptions } from '../auth/sign-in-limits.ts';
import type { Config } from '../config.ts';
import { createOAuthAccessTokenSource } from '../mail-accounts/oauth-access-token-source.ts';
import { oauthProvidersForConfig } from '../mail-accounts/oauth-providers-for-config.ts';
import { oauthDepsForNetwork } from '../mail/oauth/oauth-deps-for-network.ts';
import { loadCredentialsKey } from '../crypto/mail-credentials-key.ts';
import { createInProcessBus } from '../events/in-process-bus.ts';
import { createPostgresBus } from '../events/postgres-bus.ts';
import { loggerFor } from '../log/logger.ts';
import { discoveryDepsForNetwork, mailNetworkForConfig } from '../mail-accounts/discovery-deps-for-config.ts';

const FIFTEEN_MINUTES = 15 * 60 * 1000;

/** Opens the database (and migrates it), the event bus and the secrets, once per process. */
export async function createServices(
  config: Config,
  { signInLimits = DEFAULT_SIGN_IN_LIMITS }: { signInLimits?: SignInLimitsOptions } = {},
): Promise<AppServices & { close(): Promise<void> }> {
  // Before anything is written there: the key file and PGlite's files must not be readable by others.
  const { fixed, exposed } = secureDataDir(config.dataDir);
  if (exposed > 0) {
    loggerFor('server').warn(
      { dataDir: config.dataDir, exposed, fixed },
      `DATA_DIR ${config.dataDir} was accessible to other users: made it private (directories 0700, files 0600)`,
    );
  } else if (fixed > 0) {
    // PGlite's own 0666 files inside the private directory: tightened, nothing was exposed.
    loggerFor('server').debug({ dataDir: config.dataDir, fixed }, 'DATA_DIR: tightened file modes');
  }
  const credentialsKey = loadCredentialsKey(config.mailCredentialsKey, config.dataDir);
  const mailNetwork = mailNetworkForConfig(config);
  const database = await openDatabase(config);
  try {
    await migrateDatabase(database);
    // PostgreSQL: events cross processes through LISTEN/NOTIFY. PGlite: one process, in memory.
    const bus = database.kind === 'postgres' ? await createPostgresBus(database) : createInProcessBus();
    // One guarded fetch per process: the providers' metadata is cached per OAuthDeps (open-provider.ts).
    const oauth = { providers: oauthProvidersForConfig(config), deps: oauthDepsForNetwork(mailNetwork) };
    return {
      config,
      database,
      bus,
      credentialsKey,
      accessTokens: createOAuthAccessTokenSource({
        db: database.db,
        credentialsKey,
        providers: oauth.providers,
        oauth: oauth.deps,
      }),
      oauth,
      limits: {
        signIn: createSignInLimits(database.db, signInLimits),
        mailLookupsByUser: new RateLimiter(30, FIFTEEN_MINUTES),
        signInLookupsByUser: new RateLimiter(60, FIFTEEN_MINUTES),
      },
      mailNetwork,
      mailDiscovery: discoveryDepsForNetwork(mailNetwork),
      async close() {
        try {
          await bus.close();
        } finally {
          await database.close();
        }
      },
    };
  } catch (error) {
    await database.close().catch(() => {});
    throw error;
  }
}
