import { type Kysely, sql } from 'kysely';
import type { DialectName } from '../database.ts';

/**
 * Issue 17: every report reads one period's rows (tickets created, solved or first answered in it,
 * status changes, answers to the survey, time logged), and without these indexes each read scanned
 * the whole table: 0.5–3 s per report at 1 M tickets in the benchmark. The columns that stay empty
 * for many tickets are indexed only where set; the history only for status changes, the one field
 * a report reads by date (queries must name 'status' as a literal for SQLite to match the index).
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema as it was, not today's types
export async function up(db: Kysely<any>, _dialect: DialectName): Promise<void> {
  await sql`create index tickets_created_idx on tickets (created_at)`.execute(db);
  await sql`create index tickets_solved_idx on tickets (solved_at) where solved_at is not null`.execute(db);
  await sql`create index tickets_first_response_idx on tickets (first_response_at)
    where first_response_at is not null`.execute(db);
  await sql`create index ticket_events_status_created_idx on ticket_events (created_at)
    where field = 'status'`.execute(db);
  await sql`create index satisfaction_surveys_rated_idx on satisfaction_surveys (rated_at)
    where rated_at is not null`.execute(db);
  await sql`create index time_entries_work_date_idx on time_entries (work_date)`.execute(db);
}
