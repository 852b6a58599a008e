import { expect, it } from 'vitest';
import { forEachDialect } from '../testing/for-each-dialect.ts';
import { insertRows, preparedQuery } from './prepared-query.ts';

const settingsFrom = preparedQuery((db, p: { from: string; to: string }) =>
  db.selectFrom('settings').select(['key', 'value']).where('key', '>=', p.from).where('key', '<', p.to).orderBy('key'),
);

forEachDialect('Queries built once', (ctx) => {
  it('binds each call its own values, in a transaction too, and inserts any number of rows', async () => {
    const { db } = ctx.database;
    const at = '2026-12-07T12:00:00.000Z';
    await insertRows(db, 'settings', [{ key: 'probe.a', value: '1', updated_at: at }]);
    await insertRows(db, 'settings', [
      { key: 'probe.b', value: '2', updated_at: at },
      { key: 'probe.c', value: '3', updated_at: at },
      { key: 'probe.d', value: '4', updated_at: at },
    ]);
    await insertRows(db, 'settings', []);

    const values = async (from: string, to: string) =>
      (await settingsFrom(db, { from, to })).rows.map((r) => `${r.key}=${r.value}`);
    expect(await values('probe.a', 'probe.z')).toEqual(['probe.a=1', 'probe.b=2', 'probe.c=3', 'probe.d=4']);
    expect(await values('probe.c', 'probe.z')).toEqual(['probe.c=3', 'probe.d=4']);
    expect(await values('probe.x', 'probe.z')).toEqual([]);

    await db.transaction().execute(async (trx) => {
      await insertRows(trx, 'settings', [{ key: 'probe.x', value: '5', updated_at: at }]);
      expect((await settingsFrom(trx, { from: 'probe.x', to: 'probe.z' })).rows).toEqual([
        { key: 'probe.x', value: '5' },
      ]);
    });
  });
});
