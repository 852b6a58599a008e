import { afterEach, beforeEach, expect, it } from 'vitest';
import { forEachDialect } from '../../testing/for-each-dialect.ts';
import { createTestApp, SYSTEM_ACTOR, type TestApp, unique } from '../../testing/test-app.ts';
import { backfillAccountLimitKeys } from './0012-account-limits.ts';

forEachDialect('migration 0012: account-limit keys and the queue of existing installs', (ctx) => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp(ctx);
  });
  afterEach(() => t.close());

  it('keys the seeded BACKLOG, Soporte and Cambio, adds EN COLA, and moves the Soporte tickets the old rule left in BACKLOG there with their places', async () => {
    const { db } = ctx.database;
    const organization = { name: unique('Ferretería ') };
    const open = (type: string) =>
      t.services.tickets.create(SYSTEM_ACTOR, {
        subject: `Caso de ${type}`,
        body: 'Necesitamos ayuda.',
        type,
        requester: { email: `${unique('jefe')}@example.com`, name: 'Jesús Rodríguez' },
        organization,
      });
    const first = await open('Soporte');
    t.clock.advance(60_000);
    const second = await open('Soporte');
    t.clock.advance(60_000);
    const third = await open('Soporte');
    t.clock.advance(60_000);
    await open('Cambio');
    t.clock.advance(60_000);
    const change = await open('Cambio');

    // As an install made before 0012 looks: no keys, no EN COLA, waiting Soporte in BACKLOG.
    const backlog = await db
      .selectFrom('ticket_statuses')
      .select('id')
      .where('name', '=', 'BACKLOG')
      .executeTakeFirst();
    await db
      .updateTable('tickets')
      .set({ status_id: backlog?.id, queue_position: null })
      .where('id', 'in', [second.id, third.id, change.id])
      .execute();
    await db.updateTable('ticket_statuses').set({ key: null }).execute();
    await db.updateTable('ticket_types').set({ key: null }).execute();
    await db.deleteFrom('ticket_statuses').where('name', '=', 'EN COLA').execute();

    await backfillAccountLimitKeys(db);

    const statuses = await db.selectFrom('ticket_statuses').select(['id', 'name', 'key', 'category']).execute();
    expect(statuses.filter((s) => s.key !== null).map((s) => [s.name, s.key, s.category])).toEqual(
      expect.arrayContaining([
        ['BACKLOG', 'backlog', 'open'],
        ['EN COLA', 'queued', 'open'],
      ]),
    );
    const types = await db.selectFrom('ticket_types').select(['name', 'key']).where('key', 'is not', null).execute();
    expect(Object.fromEntries(types.map((r) => [r.name, r.key]))).toEqual({ Soporte: 'support', Cambio: 'change' });
    const queued = statuses.find((s) => s.key === 'queued')?.id;
    const rows = await db
      .selectFrom('tickets')
      .select(['id', 'status_id', 'queue_position'])
      .where('id', 'in', [first.id, second.id, third.id, change.id])
      .execute();
    const byId = Object.fromEntries(rows.map((r) => [r.id, [r.status_id, r.queue_position]]));
    expect(byId[first.id]?.[1]).toBeNull();
    expect(byId[second.id]).toEqual([queued, 1]);
    expect(byId[third.id]).toEqual([queued, 2]);
    expect(byId[change.id]).toEqual([backlog?.id, 1]);
  });
});
