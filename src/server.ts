import { accessSync, constants, mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import type { FastifyServerOptions } from 'fastify';
import { pino } from 'pino';
import pinoPretty from 'pino-pretty';
import { buildApp } from './app.ts';
import { startEmailInbound, warnAboutOutbound } from './channels/email/email-channel.ts';
import type { Config } from './config/config.ts';
import { type FirstRunResult, prepareFirstRun } from './core/accounts/first-run.ts';
import { ensureDefaults } from './core/defaults.ts';
import { seedDemoTickets } from './core/demo/demo-tickets.ts';
import { createServices, type Services } from './core/services.ts';
import { systemClock } from './core/shared/clock.ts';
import { createDb, type DbHandle } from './db/create-db.ts';
import { migrateToLatest } from './db/migrate.ts';
import { withSetupLock } from './db/setup-lock.ts';
import type { TypedApp } from './http/types.ts';
import { startBackgroundWork } from './jobs/background.ts';
import { createPollLoop } from './jobs/poll-loop.ts';
import { backgroundWork } from './jobs/registry.ts';

export interface RunningServer {
  url: string;
  app: TypedApp;
  firstRun: FirstRunResult;
  /** DATA_DIR/initial-admin.txt: written once, when the first admin was created. */
  initialAdminFile: string;
  stop(): Promise<void>;
}

export const INITIAL_ADMIN_FILE = 'initial-admin.txt';

export function loggerOptions(config: Config): FastifyServerOptions['logger'] {
  if (config.logFormat === 'pretty') {
    // In the process and synchronous (not a worker transport), for the same order as below.
    return {
      level: config.logLevel,
      stream: pinoPretty({ translateTime: 'HH:MM:ss', ignore: 'pid,hostname', sync: true }),
    };
  }
  // Synchronous, so the start-up lines are out before the login banner; a line costs one write
  // call, which at the default info level (a line per request) is small beside the request.
  return { level: config.logLevel, stream: pino.destination({ dest: 1, sync: true }) };
}

/**
 * Migrations, defaults and (on an empty database) the first admin and demo data, under the setup
 * lock: instances started at the same time take turns, the later ones find everything in place.
 * `beforeFirstRun` (the server's listen) runs before the admin is made: a start that cannot listen
 * creates no admin whose password nobody saw.
 */
export function setUpDatabase(
  database: DbHandle,
  services: Services,
  config: Pick<Config, 'demo' | 'demoTickets' | 'admin'>,
  beforeFirstRun: () => Promise<void> = async () => {},
): Promise<FirstRunResult> {
  return withSetupLock(database, async () => {
    await migrateToLatest(database.db, database.dialect);
    await ensureDefaults(database.db, systemClock.now().toISOString());
    // Mailbox passwords saved before they were encrypted at rest.
    await services.inbound.mailboxes.sealPlainSecrets();
    await beforeFirstRun();
    const firstRun = await prepareFirstRun(services, { demo: config.demo, admin: config.admin });
    if (firstRun.demo && firstRun.admin && config.demoTickets) {
      const seeded = await seedDemoTickets(database.db, systemClock.now(), firstRun.admin.email);
      firstRun.demo.tickets = seeded.tickets;
    }
    return firstRun;
  });
}

/**
 * Checks what can fail (port, data directory) before touching the database, sets it up, listens
 * and only then prepares a first run. `stop` drains and closes.
 */
export async function startServer(config: Config, opts: { quiet?: boolean } = {}): Promise<RunningServer> {
  assertDataDirWritable(config.dataDir);
  await assertPortFree(config.port, config.host);
  let log: TypedApp['log'] | null = null;
  // A database restart ends every connection: requests meanwhile get 503 and the pool reconnects.
  const database = createDb({
    url: config.databaseUrl,
    onConnectionError: (error) => log?.warn({ err: error }, 'database connection lost'),
  });
  const started: { app?: TypedApp } = {};
  try {
    const services = createServices({
      db: database.db,
      clock: systemClock,
      secretKey: config.sessionSecret,
      publicUrl: config.publicUrl,
    });
    const firstRun = await setUpDatabase(database, services, config, async () => {
      const logger = opts.quiet ? { level: 'warn' } : loggerOptions(config);
      started.app = await buildApp({ config, database, services, logger, processMetrics: true });
      log = started.app.log;
      await started.app.listen({ port: config.port, host: config.host });
    });
    const app = started.app as TypedApp;
    const background = startBackgroundWork(
      { db: database.db, clock: systemClock, events: services.events },
      backgroundWork(services, config),
      app.log,
    );
    // WhatsApp webhooks whose processing failed wait for their next attempt: looked for every 30 s.
    const webhookRetries = createPollLoop(() => app.whatsappWebhooks.drain());
    webhookRetries.start(30_000);
    // Mail in: the SMTP listener when INBOUND_SMTP_PORT is set, IMAP pollers for mailboxes that have IMAP.
    const email = await startEmailInbound(services, config, app.log).catch(async (error: unknown) => {
      // e.g. INBOUND_SMTP_PORT in use: stop what already runs before reporting it.
      await webhookRetries.stop();
      await background.stop();
      throw error;
    });
    await warnAboutOutbound(services, config, app.log);
    const address = app.server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    const host = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
    const url = `http://${host}:${port}`;
    const initialAdminFile = path.join(config.dataDir, INITIAL_ADMIN_FILE);
    if (firstRun.admin) writeInitialAdmin(initialAdminFile, url, firstRun.admin);
    let stopping: Promise<void> | null = null;
    return {
      url,
      app,
      firstRun,
      initialAdminFile,
      // Fastify stops accepting and lets in-flight requests finish; background work finishes the
      // item in hand; then the database closes.
      stop: () => {
        stopping ??= (async () => {
          // Requests in flight get a few seconds; a connection still open then (a stuck client) is cut.
          const cut = setTimeout(() => app.server.closeAllConnections(), 5_000);
          await webhookRetries.stop();
          try {
            await app.close();
          } finally {
            clearTimeout(cut);
          }
          await email.stop();
          await background.stop();
          await database.close();
        })();
        return stopping;
      },
    };
  } catch (error) {
    await started.app?.close();
    await database.close();
    throw error;
  }
}

/** The data directory must exist (it is created) and be writable before anything is stored. */
function assertDataDirWritable(dataDir: string): void {
  try {
    // 0700 like the config's and the database's own creation of it: customers' data lives here.
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    accessSync(dataDir, constants.W_OK);
  } catch (error) {
    throw new StartupError(`DATA_DIR ${dataDir} is not a writable directory (${(error as Error).message})`);
  }
}

/** Binds and releases the port once, so a taken port stops the start before the database is touched. */
async function assertPortFree(port: number, host: string): Promise<void> {
  if (port === 0) return;
  await new Promise<void>((resolve, reject) => {
    const probe = createServer();
    probe.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        error.code === 'EADDRINUSE'
          ? new StartupError(`PORT ${port} is already in use on ${host}; choose another with PORT=...`)
          : error,
      ),
    );
    probe.listen({ port, host, exclusive: true }, () => probe.close(() => resolve()));
  });
}

/** Kept for unattended installs, readable only by the server's user; never overwritten. */
function writeInitialAdmin(file: string, url: string, admin: NonNullable<FirstRunResult['admin']>): void {
  const lines = [
    `Tiquete: ${url}`,
    `Admin login: ${admin.email}`,
    `Password:    ${admin.password ?? '(the one in TIQUETE_ADMIN_PASSWORD)'}`,
    `A new password: tiquete reset-password ${admin.email}`,
    '',
  ];
  try {
    writeFileSync(file, lines.join('\n'), { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
}

/** A start-up check failed; the message says what to change. */
export class StartupError extends Error {}
