import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Command, CommanderError } from 'commander';
import { currentAttachmentLimit, mailAttachmentStore } from '../channels/email/email-channel.ts';
import { createInboundProcessor } from '../channels/email/inbound-processor.ts';
import { type Config, ConfigError, loadConfig } from '../config/config.ts';
import { DEFAULT_ADMIN_EMAIL } from '../core/accounts/first-run.ts';
import { ensureDefaults } from '../core/defaults.ts';
import { seedDemoData } from '../core/demo/demo-data.ts';
import { seedDemoTickets } from '../core/demo/demo-tickets.ts';
import { createServices, type Services } from '../core/services.ts';
import type { Actor } from '../core/shared/actor.ts';
import { AppError } from '../core/shared/app-error.ts';
import { systemClock } from '../core/shared/clock.ts';
import { createDb } from '../db/create-db.ts';
import type { Db } from '../db/database.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { withSetupLock } from '../db/setup-lock.ts';
import { type RunningServer, StartupError, startServer } from '../server.ts';
import { BackupError, backup, restore } from './backup.ts';

const CLI_ACTOR: Actor = { kind: 'system', reason: 'command line' };

/** Opens the configured database, migrated, for one command, and closes it afterwards. */
async function withServices<T>(config: Config, run: (services: Services, db: Db) => Promise<T>): Promise<T> {
  const database = createDb({ url: config.databaseUrl });
  try {
    await withSetupLock(database, async () => {
      await migrateToLatest(database.db, database.dialect);
      await ensureDefaults(database.db, systemClock.now().toISOString());
    });
    return await run(
      createServices({ db: database.db, clock: systemClock, secretKey: config.sessionSecret }),
      database.db,
    );
  } finally {
    await database.close();
  }
}

function redact(url: string): string {
  return url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');
}

/** Shutdown drains within this; a process that still hangs (a stuck connection) exits anyway. */
const SHUTDOWN_DEADLINE_MS = 9_500;

async function serve(): Promise<void> {
  const config = loadConfig();
  let server: RunningServer | null = null;
  let stopRequested = false;
  const stop = (running: RunningServer, signal: string) => {
    running.app.log.info({ signal }, 'shutting down: finishing requests in flight');
    running.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(`tiquete: shutdown failed: ${(error as Error).message}`);
        process.exit(1);
      },
    );
  };
  // Listening from the start: a signal during start-up stops the server as soon as it is up.
  const onSignal = (signal: string) => {
    if (stopRequested) process.exit(1);
    stopRequested = true;
    setTimeout(() => {
      console.error(`tiquete: shutdown did not finish within ${SHUTDOWN_DEADLINE_MS / 1000} s; exiting anyway`);
      process.exit(1);
    }, SHUTDOWN_DEADLINE_MS).unref();
    if (server) stop(server, signal);
  };
  process.on('SIGTERM', () => onSignal('SIGTERM'));
  process.on('SIGINT', () => onSignal('SIGINT'));

  server = await startServer(config);
  if (stopRequested) return stop(server, 'signal during start-up');
  printBanner(server, config);
}

function printBanner(server: RunningServer, config: Config): void {
  const { admin, demo } = server.firstRun;
  const lines = [`Tiquete is running at ${server.url} (database: ${redact(config.databaseUrl)})`];
  if (demo) {
    const tickets = demo.tickets === undefined ? '' : `, ${demo.tickets} tickets`;
    lines.push(`Demo data created: ${demo.departments} departments, ${demo.agents} agents${tickets}.`);
  }
  if (admin) {
    lines.push(
      `Admin login: ${admin.email}`,
      `Password:    ${admin.password ?? '(the one in TIQUETE_ADMIN_PASSWORD)'}`,
      `(also written to ${server.initialAdminFile}, readable only by you)`,
    );
  } else if (existsSync(server.initialAdminFile)) {
    lines.push(
      `The first admin's login is in ${server.initialAdminFile}; a new password: tiquete reset-password EMAIL`,
    );
  }
  // The logger writes synchronously (server.ts), so the start-up lines are out: the login is the
  // last thing a new operator sees.
  console.log(['', ...lines, ''].join('\n'));
}

export function buildCli(): Command {
  const program = new Command('tiquete')
    .description('Tiquete help desk: server and administration commands')
    .showHelpAfterError()
    .exitOverride();

  program
    .command('serve')
    .description('Start the server (migrates the database; demo data and an admin on first start)')
    .action(serve);

  program
    .command('migrate')
    .description('Apply pending database migrations and exit')
    .action(async () => {
      const config = loadConfig();
      const database = createDb({ url: config.databaseUrl });
      try {
        const applied = await migrateToLatest(database.db, database.dialect);
        console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'The database is up to date.');
      } finally {
        await database.close();
      }
    });

  program
    .command('seed')
    .description('Add data to the database')
    .requiredOption('--demo', 'add the Spanish demo data (departments, agents) modelled on the seeds')
    .action(async () => {
      const config = loadConfig();
      const adminEmail = config.admin?.email ?? DEFAULT_ADMIN_EMAIL;
      const { made, seeded } = await withServices(config, async (services, db) => ({
        made: await seedDemoData(services),
        seeded: await seedDemoTickets(db, systemClock.now(), adminEmail),
      }));
      console.log(
        `Demo data: ${made.departments} departments, ${made.agents} agents and ${seeded.tickets} tickets created.`,
      );
    });

  const agent = program.command('agent').description('Manage agents');
  agent
    .command('create')
    .description('Create an agent; prints a generated password when none is given')
    .requiredOption('--email <email>', "the agent's email, used to sign in")
    .requiredOption('--name <name>', 'full name, e.g. "Silvia Luna"')
    .option('--admin', 'make the agent an admin')
    .option('--role <role>', 'admin, supervisor or agent', 'agent')
    .option('--password <password>', 'at least 8 characters; generated when omitted')
    .option('--locale <locale>', 'es or en', 'es')
    .action(
      async (opts: {
        email: string;
        name: string;
        admin?: boolean;
        role: string;
        password?: string;
        locale: string;
      }) => {
        const role = opts.admin ? 'admin' : opts.role;
        if (!['admin', 'supervisor', 'agent'].includes(role))
          throw new CliError(`--role must be admin, supervisor or agent (got "${role}")`);
        if (!['es', 'en'].includes(opts.locale)) throw new CliError(`--locale must be es or en (got "${opts.locale}")`);
        const result = await withServices(loadConfig(), (services) =>
          services.agents.create(CLI_ACTOR, {
            email: opts.email,
            name: opts.name,
            role: role as 'admin' | 'supervisor' | 'agent',
            locale: opts.locale as 'es' | 'en',
            password: opts.password,
          }),
        );
        console.log(`Agent created: ${result.agent.name} <${result.agent.email}> (${result.agent.role})`);
        if (result.generatedPassword) console.log(`Password: ${result.generatedPassword}`);
      },
    );

  program
    .command('reset-password')
    .description("Give an agent a new generated password (printed once) and end the agent's sessions and tokens")
    .argument('<email>', "the agent's email")
    .action(async (email: string) => {
      const reset = await withServices(loadConfig(), (services) => services.resetPassword(CLI_ACTOR, email));
      console.log(`New password for ${reset.email} (its sessions and API tokens were ended):`);
      console.log(reset.password);
    });

  const mail = program.command('mail').description('Incoming mail');
  mail
    .command('reprocess')
    .description('Put failed incoming mails back in line and process every pending one now')
    .option('--id <id...>', 'only these inbound mail ids (default: every failed one)')
    .action(async (opts: { id?: string[] }) => {
      const config = loadConfig();
      const result = await withServices(config, async (services) => {
        const requeued = await services.inbound.requeueFailed(CLI_ACTOR, opts.id);
        const failedBefore = (await services.inbound.listFailed(CLI_ACTOR, 10_000)).length;
        const processed = await createInboundProcessor({
          inbound: services.inbound,
          store: mailAttachmentStore(config),
          attachmentLimitBytes: currentAttachmentLimit(services, config),
          onError: (error, id) => console.error(`tiquete: inbound mail ${id}: ${(error as Error).message}`),
        }).drain();
        const failedAfter = (await services.inbound.listFailed(CLI_ACTOR, 10_000)).length;
        return { requeued, processed, failed: failedAfter - failedBefore };
      });
      console.log(`Requeued ${result.requeued}; processed ${result.processed}; failed again ${result.failed}.`);
      if (result.failed > 0) process.exitCode = 1;
    });

  program
    .command('backup')
    .description('Write a backup (database and DATA_DIR files) to FILE; safe while the server runs')
    .argument('<file>', 'where to write it, e.g. tiquete-2026-12-06.tar.gz')
    .action(async (file: string) => {
      const made = await backup(loadConfig(), file);
      console.log(
        `Backup written to ${made.file} (${made.engine} database and ${made.dataFiles} files from DATA_DIR).`,
      );
    });

  program
    .command('restore')
    .description('Replace the database and DATA_DIR files with a backup (stop the server first)')
    .argument('<file>', 'a file written by `tiquete backup`')
    .option('--force', 'replace a database that already has data')
    .action(async (file: string, opts: { force?: boolean }) => {
      const restored = await restore(loadConfig(), file, { force: opts.force ?? false });
      console.log(
        `Restored the backup of ${restored.createdAt} (${restored.engine} database and ${restored.dataFiles} files).`,
      );
    });

  const token = program.command('token').description('Manage API tokens');
  token
    .command('create')
    .description('Create an API token for an agent; the token is printed once')
    .requiredOption('--agent <email>', 'email of the agent the token acts as')
    .option('--name <name>', 'what the token is for', 'cli')
    .action(async (opts: { agent: string; name: string }) => {
      const created = await withServices(loadConfig(), async (services) => {
        const agentId = await services.auth.agentIdForEmail(opts.agent);
        return services.auth.createToken(CLI_ACTOR, { name: opts.name, agentId });
      });
      console.log(`Token for ${opts.agent} (${created.record.name}); it is shown only now:`);
      console.log(created.token);
    });

  program
    .command('bench')
    .description('Benchmark at scale against a fresh database (a source checkout; see bench/README.md)')
    .helpOption(false)
    .allowUnknownOption()
    .allowExcessArguments()
    .action((_opts: unknown, command: Command) => runBench(command.args));

  return program;
}

/** Runs bench/run.ts of the checkout with tsx (a development dependency), passing the options on. */
function runBench(args: string[]): void {
  const script = [new URL('../../bench/run.ts', import.meta.url), new URL('../../../bench/run.ts', import.meta.url)]
    .map((url) => fileURLToPath(url))
    .find((file) => existsSync(file));
  if (!script) throw new CliError('the benchmark needs a source checkout with bench/ and the development dependencies');
  const result = spawnSync(process.execPath, ['--import', import.meta.resolve('tsx'), script, ...args], {
    stdio: 'inherit',
  });
  process.exitCode = result.status ?? 1;
}

class CliError extends Error {}

/** Runs the CLI; every failure ends as one clear line on stderr and a non-zero exit. */
export async function main(argv: string[]): Promise<void> {
  try {
    await buildCli().parseAsync(argv);
  } catch (error) {
    if (error instanceof CommanderError) process.exit(error.exitCode);
    process.exitCode = 1;
    if (error instanceof ConfigError) {
      for (const problem of error.problems) console.error(`tiquete: configuration: ${problem}`);
      process.exitCode = 2;
    } else if (
      error instanceof AppError ||
      error instanceof CliError ||
      error instanceof StartupError ||
      error instanceof BackupError
    ) {
      console.error(`tiquete: ${error.message}`);
    } else {
      console.error(`tiquete: ${describeStartupError(error as NodeJS.ErrnoException)}`);
    }
  }
}

function describeStartupError(error: NodeJS.ErrnoException): string {
  if (error.code === 'EADDRINUSE') return `PORT is already in use (${error.message})`;
  if (
    error.code === 'ECONNREFUSED' ||
    error.code === 'ENOTFOUND' ||
    /password authentication|database .* does not exist/.test(error.message)
  ) {
    return `cannot connect to the database in DATABASE_URL: ${error.message}`;
  }
  return error.message;
}
