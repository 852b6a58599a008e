import { type Kysely, sql } from 'kysely';
import type { DialectName } from '../database.ts';

/**
 * SQLite: the words of the full-text index, so that a word still being typed ("impre") is
 * expanded to the words it begins ("impresora", "impresoras") from a small B-tree. FTS5's own
 * prefix query (`"impre"*`) reads and merges the whole doclist of every such word, ~20 ms per
 * query at a million tickets (bench/README.md). PostgreSQL keeps its own GIN prefix matching.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema as it was, not today's types
export async function up(db: Kysely<any>, dialect: DialectName): Promise<void> {
  if (dialect !== 'sqlite') return;
  await sql`create table search_terms (term text primary key) without rowid`.execute(db);
  await backfillSearchTerms(db);
}

/** The words already indexed, read once from the index itself (installs made before 0010). */
// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema as it was, not today's types
export async function backfillSearchTerms(db: Kysely<any>): Promise<void> {
  await sql`create virtual table temp.search_vocabulary using fts5vocab(main, search_documents, row)`.execute(db);
  await sql`insert or ignore into search_terms (term)
    select term from temp.search_vocabulary where length(term) >= 3`.execute(db);
  await sql`drop table temp.search_vocabulary`.execute(db);
}
