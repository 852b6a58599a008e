import { type Kysely, sql } from 'kysely';
import type { DialectName } from '../database.ts';

/**
 * Indexes and lookup tables the benchmark at a million tickets showed to be needed
 * (bench/README.md explains each with its measured effect).
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema as it was, not today's types
export async function up(db: Kysely<any>, dialect: DialectName): Promise<void> {
  // Queues show open work (new, open, pending, on hold): a few per cent of all tickets. Partial
  // indexes hold only those rows, already in the order each default view sorts by, with the columns
  // the visibility rule reads, so a page reads 51 index entries and a count never touches the table.
  // The repository writes the category list as these literals (ticket.repository.ts), which is what
  // lets both planners prove a query may use them.
  const OPEN_WORK = sql.raw(`status_category in ('new', 'open', 'pending', 'on_hold')`);
  await sql`create index tickets_open_department_idx
    on tickets (department_id, updated_at, id, assignee_id) where ${OPEN_WORK}`.execute(db);
  await sql`create index tickets_open_assignee_idx
    on tickets (assignee_id, updated_at, id, department_id) where ${OPEN_WORK}`.execute(db);
  await sql`create index tickets_open_priority_idx
    on tickets (assignee_id, priority, updated_at, id, department_id) where ${OPEN_WORK}`.execute(db);
  // The ticket page shows merged and split links: without these, two full scans per page view.
  await sql`create index tickets_merged_into_idx on tickets (merged_into_id) where merged_into_id is not null`.execute(
    db,
  );
  await sql`create index tickets_split_from_idx on tickets (split_from_id) where split_from_id is not null`.execute(db);

  if (dialect === 'sqlite') {
    // FTS5 cannot index its UNINDEXED columns, so "delete where kind = ? and ref_id = ?" read the
    // whole index on every upsert (every new ticket and message). This table finds a document's
    // rowid by its key, and by ticket for merges.
    await sql`create table search_document_keys (
      kind text not null,
      ref_id text not null,
      doc_id integer not null,
      primary key (kind, ref_id)
    ) without rowid`.execute(db);
    await sql`insert into search_document_keys (kind, ref_id, doc_id)
      select kind, ref_id, rowid from search_documents`.execute(db);
  }
}
