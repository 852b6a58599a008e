import { sql } from 'kysely';
import { expect, it } from 'vitest';
import type { Db, DialectName } from '../../db/database.ts';
import { forEachDialect } from '../../testing/for-each-dialect.ts';
import { searchIndexRepository } from './search-index.repository.ts';
import { stemText } from './spanish-text.ts';

/** `count` message documents in one statement, the `every`-th of them with `rare` in its body too. */
async function fill(db: Db, dialect: DialectName, from: number, count: number, every: number, rare: string) {
  const body = sql`case when n % ${sql.lit(every)} = 0 then ${`relleno ${rare}`} else 'relleno' end`;
  const numbers = sql`with recursive s(n) as (select ${sql.lit(from)} union all select n + 1 from s where n < ${sql.lit(from + count - 1)})`;
  if (dialect === 'postgres') {
    await sql`${numbers} insert into search_documents (kind, ref_id, ticket_id, organization_id, visibility, title, body, document)
      select 'message', 'm' || n, 't' || n, null, 'public', '', ${body}, to_tsvector('spanish', public.unaccent(${body})) from s`.execute(
      db,
    );
    return;
  }
  await sql`${numbers} insert into search_documents (kind, ref_id, ticket_id, organization_id, visibility, title, body, stems)
    select 'message', 'm' || n, 't' || n, null, 'public', '', ${body},
      case when n % ${sql.lit(every)} = 0 then ${stemText(`relleno ${rare}`)} else ${stemText('relleno')} end from s`.execute(
    db,
  );
}

forEachDialect('full-text search at scale', (ctx) => {
  it('finds the newest 500 matches of a word however common or rare, and an old rare word alone', async () => {
    const { db } = ctx.database;
    const index = searchIndexRepository(db);
    await index.upsert({
      kind: 'message',
      ref_id: 'oldest',
      ticket_id: 'first',
      organization_id: null,
      visibility: 'public',
      title: '',
      body: 'El xilófono del cliente',
    });
    // Oldest first: 3,000 documents that all say "común", then 6,000 where one in 50 does. The newest
    // 5,000 hold 100 matches: too few to stop, enough to keep walking (PostgreSQL) into the older ones.
    await fill(db, ctx.dialect, 1, 3_000, 1, 'común');
    await fill(db, ctx.dialect, 3_001, 6_000, 50, 'común');
    const scope = { includeInternal: true, limit: 500 };

    const common = await index.search('comun', scope);
    expect(common).toHaveLength(500);
    expect(common.filter((h) => Number(h.refId.slice(1)) > 3_000)).toHaveLength(120);
    expect((await index.search('xilofono', scope)).map((h) => h.refId)).toEqual(['oldest']);
    expect(await index.search('xilofono común', scope)).toEqual([]);
  });
});
