import { type Kysely, sql } from 'kysely';
import type { DialectName } from '../database.ts';

/**
 * `(assignee_id, status_category, updated_at)` made SQLite's planner count the "Sin asignar" view
 * through it (two equalities look more selective) instead of the covering partial index on open
 * work of 0006: 17 ms instead of 1.3 ms per count at a million tickets (bench/README.md). Queries on
 * one agent's tickets in other statuses keep an index by assignee, ordered by update.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema as it was, not today's types
export async function up(db: Kysely<any>, _dialect: DialectName): Promise<void> {
  await sql`drop index tickets_assignee_queue_idx`.execute(db);
  await sql`create index tickets_assignee_updated_idx on tickets (assignee_id, updated_at)`.execute(db);
}
