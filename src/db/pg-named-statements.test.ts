import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { availableDialects, createTestDb, type TestDb } from '../testing/test-db.ts';
import type { Db } from './database.ts';

const onPostgres = availableDialects().includes('postgres') ? describe : describe.skip;

onPostgres('PostgreSQL: repeated key lookups as prepared statements', () => {
  let database: TestDb;
  beforeEach(async () => {
    database = await createTestDb('postgres');
  });
  afterEach(async () => {
    await database.dispose();
  });

  const prepared = async (db: Db) =>
    (await sql<{ statement: string }>`select statement from pg_prepared_statements`.execute(db)).rows.map(
      (r) => r.statement,
    );

  it('prepares a lookup by key the second time it runs, and never a list, a range or a search', async () => {
    // A literal of its own makes these texts new to this process, whatever ran before.
    const probe = sql.lit(randomUUID()).as('probe');
    await database.db.connection().execute(async (db) => {
      const lookup = () => db.selectFrom('tickets').select(['id', probe]).where('id', '=', randomUUID()).execute();
      const list = () =>
        db
          .selectFrom('tickets')
          .select(['id', probe])
          .where('updated_at', '<', new Date().toISOString())
          .orderBy('updated_at', 'desc')
          .limit(5)
          .execute();
      const search = () =>
        sql`select ${probe} from search_documents where document @@ plainto_tsquery('spanish', ${'factura'})`.execute(
          db,
        );
      await lookup();
      expect((await prepared(db)).filter((s) => s.includes('probe'))).toEqual([]);
      for (let i = 0; i < 3; i++) {
        await lookup();
        await list();
        await search();
      }
      const named = (await prepared(db)).filter((s) => s.includes('probe'));
      expect(named).toHaveLength(1);
      expect(named[0]).toMatch(/from "tickets" where "id" = \$1$/);
    });
  });
});
