import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { searchIndexRepository } from '../../core/search/search-index.repository.ts';
import { createTestDb, type TestDb } from '../../testing/test-db.ts';
import { backfillSearchTerms } from './0010-search-terms.ts';

// search_terms exists on SQLite only: PostgreSQL completes a typed word in its GIN index.
describe('migration 0010: the words of an existing SQLite index become completions', () => {
  let database: TestDb;
  beforeEach(async () => {
    database = await createTestDb('sqlite');
  });
  afterEach(() => database.dispose());

  it('completes a word indexed before the migration, and only words of three letters or more', async () => {
    const { db } = database;
    const index = searchIndexRepository(db);
    await index.upsert({
      kind: 'message',
      ref_id: 'm1',
      ticket_id: 't1',
      organization_id: null,
      visibility: 'public',
      title: '',
      body: 'La impresora térmica no imprime en la caja',
    });
    // As an install made before 0010 looks: the document is indexed, its words are not listed.
    await sql`delete from search_terms`.execute(db);
    const scope = { includeInternal: true, limit: 10 };
    expect(await index.search('térmi', scope)).toHaveLength(0);

    await backfillSearchTerms(db);

    expect((await index.search('termi', scope)).map((h) => h.refId)).toEqual(['m1']);
    expect((await index.search('impresora térmi', scope)).map((h) => h.refId)).toEqual(['m1']);
    const terms = await sql<{ term: string }>`select term from search_terms order by term`.execute(db);
    expect(terms.rows.map((r) => r.term)).toEqual(expect.arrayContaining(['caja', 'impresora', 'termica']));
    expect(terms.rows.map((r) => r.term)).not.toContain('la');
  });
});
