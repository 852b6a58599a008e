import { type Kysely, sql } from 'kysely';
import type { DialectName } from '../database.ts';

/**
 * The outbox worker's poll must not grow with the backlog (issue 18). With email off, the
 * acknowledgements pile up as pending rows of a type the worker does not claim; the poll read all of
 * them through `(status, available_at)` every second (8.5 k rows: 4–5 ms per poll, 1.7 % of a core
 * idle). Pending rows by type and due time: a poll seeks each claimed type's due rows only. The "an
 * earlier pending row of the same ticket" check reads pending rows of one ticket, not its history.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema as it was, not today's types
export async function up(db: Kysely<any>, _dialect: DialectName): Promise<void> {
  await sql`create index outbox_pending_due_idx on outbox (type, available_at) where status = 'pending'`.execute(db);
  await sql`create index outbox_pending_ticket_idx on outbox (ticket_id, created_at, id) where status = 'pending'`.execute(
    db,
  );
}
