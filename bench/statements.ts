/**
 * Statements per created ticket, counted at the driver (every statement the database runs,
 * BEGIN/COMMIT and savepoints included), for `POST /api/v1/tickets` as the bench's create phase
 * sends it: a bearer token of a plain agent, a known requester, a department of 14 agents, a tag.
 * In-process (`inject`, no socket), on a fresh SQLite file or PostgreSQL schema. Prints the CPU per
 * create of this process and, on PostgreSQL, of the server processes serving it (from /proc).
 *
 *   npx tsx bench/statements.ts [--database-url postgres://…] [--creates 200] [--reply]
 *
 * With --reply it counts `POST /api/v1/tickets/{id}/messages` (a public reply to a ticket created
 * first) the same way; `--creates` is then the number of replies.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/config/config.ts';
import { ensureDefaults } from '../src/core/defaults.ts';
import { createServices } from '../src/core/services.ts';
import { systemClock } from '../src/core/shared/clock.ts';
import { recordStatements } from '../src/testing/statement-recorder.ts';
import { body, rng, subject } from './generator.ts';
import { withScratchDb } from './scratch-db.ts';

const { values: args } = parseArgs({
  options: {
    'database-url': { type: 'string' },
    creates: { type: 'string' },
    reply: { type: 'boolean', default: false },
    quiet: { type: 'boolean' },
  },
});
const PG_URL = args['database-url'];
const CREATES = Number(args.creates ?? 200);
// --reply: public replies by the agent to tickets created first, instead of creates.
const WHAT = args.reply ? 'reply' : 'create';

await withScratchDb(PG_URL, 'statements', async (database, tmp) => {
  await ensureDefaults(database.db, new Date().toISOString());
  const config = loadConfig({ SESSION_SECRET: 'bench-secret-bench-secret-bench-secret-01', DATA_DIR: tmp });
  const services = createServices({ db: database.db, clock: systemClock, secretKey: config.sessionSecret });
  const system = { kind: 'system', reason: 'benchmark' } as const;
  const department = await services.departments.create(system, { name: 'Soporte Técnico' });
  const agents = [];
  for (let i = 0; i < 14; i++) {
    const { agent } = await services.agents.create(system, {
      email: `agente${i}@bench.test`,
      name: `Agente ${i}`,
      role: 'agent',
      departmentIds: [department.id],
      password: 'correct horse battery staple',
    });
    agents.push(agent);
  }
  const requester = await services.contacts.create(system, {
    name: 'Lucía Vargas',
    emails: [{ email: 'lucia@cliente.example' }],
  });
  const { token } = await services.auth.createToken(system, {
    name: 'bench',
    agentId: (agents[0] as { id: string }).id,
  });
  const app = await buildApp({ config, database, services });
  const r = rng(7);
  const create = async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/api/v1/tickets',
      headers: { authorization: `Bearer ${token}` },
      payload: {
        subject: subject(r),
        body: body(r, 1000),
        requester: { id: requester.id },
        departmentId: department.id,
        priority: 'normal',
        tags: ['factura'],
      },
    });
    if (response.statusCode !== 201) throw new Error(`create failed: ${response.statusCode} ${response.body}`);
    return (response.json() as { id: string }).id;
  };
  const ticketIds: string[] = [];
  let replies = 0;
  const reply = async () => {
    const ticketId = ticketIds[replies++ % ticketIds.length] as string;
    const response = await app.inject({
      method: 'POST',
      url: `/api/v1/tickets/${ticketId}/messages`,
      headers: { authorization: `Bearer ${token}` },
      payload: { kind: 'reply', body: body(r, 600) },
    });
    if (response.statusCode !== 201) throw new Error(`reply failed: ${response.statusCode} ${response.body}`);
  };
  const operation = args.reply ? reply : create;
  // Warm-up (caches and the JIT), and the tickets the replies go to.
  for (let i = 0; i < (args.reply ? 100 : 20); i++) ticketIds.push(await create());
  if (args.reply) for (let i = 0; i < 20; i++) await reply();
  const backendsBefore = await backendCpu();
  const recording = recordStatements();
  const cpu = process.cpuUsage();
  for (let i = 0; i < CREATES; i++) await operation();
  const used = process.cpuUsage(cpu);
  recording.stop();
  const backendsAfter = await backendCpu();
  const perCreate = recording.statements.length / CREATES;
  const byText = new Map<string, number>();
  for (const text of recording.statements) {
    const key = text.replace(/\s+/g, ' ').slice(0, 110);
    byText.set(key, (byText.get(key) ?? 0) + 1);
  }
  console.log(
    `${database.dialect}: ${perCreate.toFixed(1)} statements per ${WHAT}, ` +
      `${((used.user + used.system) / 1000 / CREATES).toFixed(2)} ms CPU per ${WHAT} in-process (${CREATES} ${args.reply ? 'replies' : 'creates'})`,
  );
  if (database.dialect === 'postgres') {
    let spent = 0;
    for (const [pid, after] of backendsAfter) spent += after - (backendsBefore.get(pid) ?? 0);
    console.log(`postgres: ${(spent / CREATES).toFixed(2)} ms of its server processes' CPU per ${WHAT}`);
  }
  if (!args.quiet) {
    for (const [text, n] of [...byText].sort((a, b) => b[1] - a[1])) {
      console.log(`${(n / CREATES).toFixed(2).padStart(6)}  ${text}`);
    }
  }
  await app.close();

  /** CPU (ms) of each PostgreSQL process serving this app, from /proc (the server is on this machine). */
  async function backendCpu(): Promise<Map<number, number>> {
    const cpu = new Map<number, number>();
    if (database.dialect !== 'postgres') return cpu;
    const { rows } = await sql<{ pid: number }>`
      select pid from pg_stat_activity where application_name = ${database.connection.applicationName}`.execute(
      database.db,
    );
    for (const { pid } of rows) {
      try {
        const fields = (readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1] as string).split(' ');
        cpu.set(pid, (Number(fields[11]) + Number(fields[12])) * 10); // utime + stime, in 10 ms ticks
      } catch {
        // Not on this machine, or already gone.
      }
    }
    return cpu;
  }
});
