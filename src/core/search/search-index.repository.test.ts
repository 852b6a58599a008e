import { expect, it } from 'vitest';
import { forEachDialect } from '../../testing/for-each-dialect.ts';
import { fillSearchDocuments } from '../../testing/search-fixtures.ts';
import { searchIndexRepository } from './search-index.repository.ts';

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
    await fillSearchDocuments(db, ctx.dialect, 1, 3_000, 1, 'común');
    await fillSearchDocuments(db, ctx.dialect, 3_001, 6_000, 50, 'común');
    const scope = { includeInternal: true, limit: 500 };

    const common = await index.search('comun', scope);
    expect(common).toHaveLength(500);
    expect(common.filter((h) => Number(h.refId.slice(1)) > 3_000)).toHaveLength(120);
    expect((await index.search('xilofono', scope)).map((h) => h.refId)).toEqual(['oldest']);
    expect(await index.search('xilofono común', scope)).toEqual([]);
  });
});
