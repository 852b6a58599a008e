import { type Kysely, sql } from 'kysely';
import type { DialectName } from '../database.ts';
import { columnTypes } from './schema-helpers.ts';

/**
 * Issue 12, weknow's "Fecha límite": a due date that approaches or passes tells the assignee.
 * - `tickets.due_warn_at`: when the due date counts as approaching (the lead before it, in the
 *   department's business time), set whenever the ticket is written;
 * - `tickets.due_notice`: the last threshold told ('soon' or 'passed'); cleared when the due
 *   date changes, so each threshold is told once per due date;
 * - every existing matrix (the default and each department's own) gets the assignee entry.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema as it was, not today's types
export async function up(db: Kysely<any>, dialect: DialectName): Promise<void> {
  const { timestamp } = columnTypes(dialect);
  await db.schema.alterTable('tickets').addColumn('due_warn_at', timestamp).execute();
  await db.schema.alterTable('tickets').addColumn('due_notice', 'text').execute();
  await db.schema.createIndex('tickets_due_warn_idx').on('tickets').column('due_warn_at').execute();
  // Tickets dated before the upgrade: warned an hour ahead (their next write recomputes it in
  // business time); a due date already past is history, not news to send on the first scan.
  const hourBefore =
    dialect === 'postgres' ? sql`due_at - interval '1 hour'` : sql`strftime('%Y-%m-%dT%H:%M:%fZ', due_at, '-1 hour')`;
  await db.updateTable('tickets').set({ due_warn_at: hourBefore }).where('due_at', 'is not', null).execute();
  await db
    .updateTable('tickets')
    .set({ due_notice: 'passed', due_warn_at: null })
    .where('due_at', '<=', new Date().toISOString())
    .execute();
  await addDueDateEntries(db);
}

/** Every matrix already stored, the default and each department's own, tells the assignee. */
// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema as it was, not today's types
export async function addDueDateEntries(db: Kysely<any>): Promise<void> {
  const scopes = (await db.selectFrom('notification_matrix_scopes').select('scope').execute()) as { scope: string }[];
  for (const { scope } of scopes) {
    const told = await db
      .selectFrom('notification_matrix')
      .select('id')
      .where('scope', '=', scope)
      .where('event', '=', 'due_date')
      .where('recipient', '=', 'assignee')
      .executeTakeFirst();
    if (told) continue;
    await sql`insert into notification_matrix (id, scope, event, recipient, agent_id, template)
      values (${crypto.randomUUID()}, ${scope}, 'due_date', 'assignee', null, 'agent_due_date')`.execute(db);
  }
}
