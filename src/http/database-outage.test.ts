import { sql } from 'kysely';
import pg from 'pg';
import { afterEach, expect, it } from 'vitest';
import { loadConfig } from '../config/config.ts';
import { createServices } from '../core/services.ts';
import { systemClock } from '../core/shared/clock.ts';
import { createDb } from '../db/create-db.ts';
import { setUpDatabase } from '../server.ts';
import { type DialectContext, forEachDialect } from '../testing/for-each-dialect.ts';
import { connectLive } from '../testing/live-client.ts';
import { SCHEMA_LOCK } from '../testing/schema-lock.ts';
import { startTcpProxy } from '../testing/tcp-proxy.ts';
import { createTestApp, type Session, type TestApp, unique } from '../testing/test-app.ts';
import type { TestDb } from '../testing/test-db.ts';

/** Polls until `check` holds, at most `timeoutMs`: recovery is asynchronous, its bound is the rule. */
async function within<T>(timeoutMs: number, check: () => Promise<T | undefined | false>): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check().catch(() => undefined);
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`not recovered within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function wsUrl(t: TestApp): string {
  const address = t.app.server.address();
  return `ws://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/api/v1/live`;
}

const newTicket = (subject: string) => ({
  subject,
  body: 'Se cayó la base de datos mientras escribía.',
  requester: { email: `${unique('c')}@cliente.example` },
});

async function readiness(t: TestApp) {
  const response = await t.app.inject({ method: 'GET', url: '/readyz' });
  return { status: response.statusCode, checks: (response.json() as { checks: Record<string, string> }).checks };
}

async function withAdminClient<T>(url: string, run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

forEachDialect('database outages', (ctx) => {
  let t: TestApp;
  afterEach(() => t?.close());

  it('is ready once the database answers, its migrations are current and the live relay is connected', async () => {
    t = await createTestApp(ctx);
    // PostgreSQL's relay connects in the background after start; until then the instance is not ready.
    const ready = await within(10_000, async () => {
      const r = await readiness(t);
      return r.status === 200 && r;
    });
    expect(ready.checks).toEqual({ database: 'ok', migrations: 'ok', live: 'ok' });

    // A schema one migration behind this code is not ready, and says which migration is missing.
    const db = ctx.database.db;
    const last = (await sql<{ name: string }>`select max(name) as name from schema_migrations`.execute(db)).rows[0];
    await sql`delete from schema_migrations where name = ${last?.name}`.execute(db);
    try {
      expect(await readiness(t)).toMatchObject({ status: 503, checks: { migrations: `pending: ${last?.name}` } });
    } finally {
      await sql`insert into schema_migrations (name, timestamp) values (${last?.name}, ${new Date().toISOString()})`.execute(
        db,
      );
    }
    expect((await readiness(t)).status).toBe(200);
  });

  if (ctx.dialect !== 'postgres') return;

  it('rides out a database restart: 503 with a clear error meanwhile, not ready, then serves again by itself', async () => {
    const direct = new URL(ctx.database.connection.url);
    const proxy = await startTcpProxy({ host: direct.hostname, port: Number(direct.port || 5432) });
    const proxied = new URL(direct);
    proxied.port = String(proxy.port);
    const handle = createDb({ url: proxied.toString(), schema: ctx.database.connection.schema, poolSize: 4 });
    const through: DialectContext = { dialect: 'postgres', database: { ...handle, dispose: handle.close } as TestDb };
    try {
      t = await createTestApp(through);
      await t.app.listen({ port: 0, host: '127.0.0.1' });
      const admin = await t.signedIn('admin');
      const live = await connectLive(wsUrl(t), admin);
      expect((await t.as(admin, 'POST', '/api/v1/tickets', newTicket('Antes del reinicio'))).statusCode).toBe(201);

      proxy.down();
      const refused = await t.as(admin, 'POST', '/api/v1/tickets', newTicket('Durante el reinicio'));
      expect(refused.statusCode).toBe(503);
      expect(refused.headers['retry-after']).toBe('5');
      expect(refused.json()).toMatchObject({
        error: { code: 'DATABASE_UNAVAILABLE', message: expect.stringContaining('base de datos') },
      });
      const down = await within(10_000, async () => {
        const r = await readiness(t);
        return r.status === 503 && r.checks.live === 'reconnecting' && r;
      });
      expect(down.checks.database).toMatch(/^unreachable/);

      proxy.up();
      await within(10_000, async () => (await readiness(t)).status === 200);
      const after = await t.as(admin, 'POST', '/api/v1/tickets', newTicket('Después del reinicio'));
      expect(after.statusCode).toBe(201);
      await live.next((m) => m.type === 'gap');
      await live.next((m) => m.type === 'event' && (m.event as { ticketId: string }).ticketId === after.json().id);
      live.socket.close();
    } finally {
      await t?.close();
      await handle.close();
      await proxy.close();
    }
  });

  it('answers again within 10 s, loses nothing and pushes live events again after its connections are ended under load', async () => {
    t = await createTestApp(ctx);
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const admin = await t.signedIn('admin');
    const watcher = await t.signedIn('admin');
    const live = await connectLive(wsUrl(t), watcher);
    const { url, applicationName } = ctx.database.connection;

    const answers: { subject: string; status: number; code?: string; id?: string }[] = [];
    let loading = true;
    const worker = async (w: number) => {
      for (let i = 0; loading; i++) {
        const subject = unique(`Carga ${w}-${i} `);
        const response = await t.as(admin, 'POST', '/api/v1/tickets', newTicket(subject));
        const body = response.json() as { id?: string; error?: { code: string } };
        answers.push({ subject, status: response.statusCode, code: body.error?.code, id: body.id });
      }
    };
    const load = Promise.all([0, 1, 2, 3].map(worker));
    await within(10_000, async () => answers.filter((a) => a.status === 201).length >= 10);

    const ended = await withAdminClient(url, async (client) => {
      const result = await client.query(
        'select pg_terminate_backend(pid) from pg_stat_activity where application_name = $1',
        [applicationName],
      );
      return result.rowCount ?? 0;
    });
    expect(ended).toBeGreaterThanOrEqual(3); // pool connections and the relay's two
    const cutAt = answers.length;
    await within(10_000, async () => answers.slice(cutAt + 4).some((a) => a.status === 201));
    loading = false;
    await load;

    // Every answer was a success or a clear "try again"; never a 500.
    expect(answers.filter((a) => a.status !== 201 && a.code !== 'DATABASE_UNAVAILABLE')).toEqual([]);
    for (const answer of answers.filter((a) => a.status === 201)) {
      const stored = await t.as(admin, 'GET', `/api/v1/tickets/${answer.id}`);
      expect(stored.json()).toMatchObject({ subject: answer.subject });
    }

    await live.next((m) => m.type === 'gap');
    const after = await t.as(admin, 'POST', '/api/v1/tickets', newTicket('Después del corte'));
    await live.next((m) => m.type === 'event' && (m.event as { ticketId: string }).ticketId === after.json().id);
    expect(await readiness(t)).toMatchObject({ status: 200, checks: { live: 'ok' } });
    live.socket.close();
  });

  it('reconnects the live relay when only its LISTEN connection drops, and tells consoles to reload', async () => {
    t = await createTestApp(ctx);
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const watcher: Session = await t.signedIn('admin');
    const live = await connectLive(wsUrl(t), watcher);
    const { url, applicationName } = ctx.database.connection;
    const ended = await withAdminClient(url, async (client) => {
      const result = await client.query(
        `select pg_terminate_backend(pid) from pg_stat_activity
         where application_name = $1 and query ilike 'listen %'`,
        [applicationName],
      );
      return result.rowCount ?? 0;
    });
    expect(ended).toBe(1);
    await live.next((m) => m.type === 'gap', 10_000);
    const creator = await t.signedIn('agent');
    const created = await t.as(creator, 'POST', '/api/v1/tickets', newTicket('Tras el corte del LISTEN'));
    await live.next((m) => m.type === 'event' && (m.event as { ticketId: string }).ticketId === created.json().id);
    expect(await readiness(t)).toMatchObject({ status: 200, checks: { live: 'ok' } });
    live.socket.close();
  });

  it('sets up an empty database once when two instances start at the same time', async () => {
    const { url } = ctx.database.connection;
    const schema = `t_setup_${unique('').toLowerCase()}`;
    const config = loadConfig({ SESSION_SECRET: 'test-secret-test-secret-test-secret-0123', TIQUETE_DEMO: '0' });
    await withAdminClient(url, async (admin) => {
      await admin.query(`create schema ${schema}`);
      // Migrating reads every schema's catalog: hold the tests' shared schema lock (see test-db.ts).
      await admin.query('select pg_advisory_lock_shared($1)', [SCHEMA_LOCK]);
      const instances = [1, 2].map(() => createDb({ url, schema, poolSize: 2 }));
      try {
        const results = await Promise.all(
          instances.map((db) => setUpDatabase(db, createServices({ db: db.db, clock: systemClock }), config)),
        );
        expect(results.filter((r) => r.admin !== null)).toHaveLength(1);
      } finally {
        await Promise.all(instances.map((db) => db.close()));
        await admin.query('select pg_advisory_unlock_shared($1)', [SCHEMA_LOCK]);
        await admin.query('select pg_advisory_lock($1)', [SCHEMA_LOCK]);
        await admin.query(`drop schema ${schema} cascade`);
      }
    });
  });
});
