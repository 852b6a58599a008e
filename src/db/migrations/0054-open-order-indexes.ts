import { type Kysely, sql } from 'kysely';
import type { DialectName } from '../database.ts';

/**
 * "Todos abiertos" (open work by update), "Pendientes de revisión" (a flag, by update) and
 * "Incumplen SLA pronto" (an SLA state, by priority) filter no department and no assignee, and the
 * partial indexes of 0006 all start with one of those: SQLite read every open ticket and sorted them
 * to take a page of 50 (84 ms of server CPU per page at 100 k tickets with 30 % open,
 * bench/README.md), PostgreSQL did so for the two with a flag or an SLA state (46–72 ms). These hold open work in those two orders, with the columns the visibility rule
 * and those views test, so a first page reads its rows from the index in order and stops.
 * Their WHERE is open work as its complement, written so by the repository for exactly these
 * queries (ticket.repository.ts: `statusCategoryTerm`): with the list of four, SQLite preferred
 * `(status_category, updated_at)` and a sort even with these indexes present.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema as it was, not today's types
export async function up(db: Kysely<any>, _dialect: DialectName): Promise<void> {
  const OPEN_WORK = sql.raw(`status_category not in ('solved', 'closed')`);
  // Both carry both tested columns: counting a view has no order to prefer one, and SQLite took
  // either; the one without `flag` counted "Pendientes de revisión" from the table (58 ms, 3 ms).
  await sql`create index tickets_open_updated_idx
    on tickets (updated_at, id, department_id, assignee_id, flag, sla_state) where ${OPEN_WORK}`.execute(db);
  await sql`create index tickets_open_by_priority_idx
    on tickets (priority, updated_at, id, department_id, assignee_id, flag, sla_state) where ${OPEN_WORK}`.execute(db);
}
