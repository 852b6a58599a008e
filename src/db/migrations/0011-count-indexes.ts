import { type Kysely, sql } from 'kysely';
import type { DialectName } from '../database.ts';

/**
 * Indexes for the counts a queue and a ticket page show, measured on the bench's database.
 *
 * `(assignee_id, status_category, updated_at)` made SQLite's planner count the "Sin asignar" view
 * through it (two equalities look more selective) instead of the covering partial index on open
 * work of 0006: 17 ms instead of 1.3 ms per count at a million tickets (bench/README.md). Queries on
 * one agent's tickets in other statuses keep an index by assignee, ordered by update.
 *
 * The side panel's "open tickets" of the requester and of the organization read every ticket row
 * of theirs (an organization has ~500 at a million tickets); covering partial indexes on open work
 * count them from the index alone.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema as it was, not today's types
export async function up(db: Kysely<any>, _dialect: DialectName): Promise<void> {
  await sql`drop index tickets_assignee_queue_idx`.execute(db);
  await sql`create index tickets_assignee_updated_idx on tickets (assignee_id, updated_at)`.execute(db);
  for (const column of ['organization', 'requester']) {
    await sql`create index ${sql.raw(`tickets_open_${column}_idx`)} on tickets (${sql.raw(`${column}_id`)}, merged_into_id)
      where status_category in ('new', 'open', 'pending', 'on_hold')`.execute(db);
  }
}
