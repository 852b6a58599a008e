import type { FastifyServerOptions } from 'fastify';
import { buildApp } from './app.ts';
import { startEmailInbound } from './channels/email/email-channel.ts';
import type { Config } from './config/config.ts';
import { type FirstRunResult, prepareFirstRun } from './core/accounts/first-run.ts';
import { ensureDefaults } from './core/defaults.ts';
import { createServices, type Services } from './core/services.ts';
import { systemClock } from './core/shared/clock.ts';
import { createDb, type DbHandle } from './db/create-db.ts';
import { migrateToLatest } from './db/migrate.ts';
import { withSetupLock } from './db/setup-lock.ts';
import type { TypedApp } from './http/types.ts';
import { startBackgroundWork } from './jobs/background.ts';
import { backgroundWork } from './jobs/registry.ts';

export interface RunningServer {
  url: string;
  app: TypedApp;
  firstRun: FirstRunResult;
  stop(): Promise<void>;
}

export function loggerOptions(config: Config): FastifyServerOptions['logger'] {
  if (config.logFormat === 'pretty') {
    return {
      level: config.logLevel,
      transport: { target: 'pino-pretty', options: { translateTime: 'HH:MM:ss', ignore: 'pid,hostname' } },
    };
  }
  return { level: config.logLevel };
}

/**
 * Migrations, defaults and (on an empty database) the first admin and demo data, under the setup
 * lock: instances started at the same time take turns, the later ones find everything in place.
 */
export function setUpDatabase(
  database: DbHandle,
  services: Services,
  config: Pick<Config, 'demo' | 'admin'>,
): Promise<FirstRunResult> {
  return withSetupLock(database, async () => {
    await migrateToLatest(database.db, database.dialect);
    await ensureDefaults(database.db, systemClock.now().toISOString());
    return prepareFirstRun(services, { demo: config.demo, admin: config.admin });
  });
}

/** Opens the database, migrates it, prepares a first run and listens. `stop` drains and closes. */
export async function startServer(config: Config, opts: { quiet?: boolean } = {}): Promise<RunningServer> {
  let log: TypedApp['log'] | null = null;
  // A database restart ends every connection: requests meanwhile get 503 and the pool reconnects.
  const database = createDb({
    url: config.databaseUrl,
    onConnectionError: (error) => log?.warn({ err: error }, 'database connection lost'),
  });
  try {
    const services = createServices({ db: database.db, clock: systemClock });
    const firstRun = await setUpDatabase(database, services, config);
    const logger = opts.quiet ? { level: 'warn' } : loggerOptions(config);
    const app = await buildApp({ config, database, services, logger, processMetrics: true });
    log = app.log;
    await app.listen({ port: config.port, host: config.host });
    const background = startBackgroundWork(
      { db: database.db, clock: systemClock, events: services.events },
      backgroundWork(services, config),
      app.log,
    );
    // Mail in: the SMTP listener when INBOUND_SMTP_PORT is set, IMAP pollers for mailboxes that have IMAP.
    const email = await startEmailInbound(services, config, app.log).catch(async (error: unknown) => {
      // e.g. INBOUND_SMTP_PORT in use: stop what already runs before reporting it.
      await app.close();
      await background.stop();
      throw error;
    });
    const address = app.server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    const host = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
    let stopping: Promise<void> | null = null;
    return {
      url: `http://${host}:${port}`,
      app,
      firstRun,
      // Fastify stops accepting and lets in-flight requests finish; background work finishes the
      // item in hand; then the database closes.
      stop: () => {
        stopping ??= app
          .close()
          .then(() => email.stop())
          .then(() => background.stop())
          .then(() => database.close());
        return stopping;
      },
    };
  } catch (error) {
    await database.close();
    throw error;
  }
}
