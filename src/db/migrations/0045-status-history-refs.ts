import type { Kysely } from 'kysely';
import type { DialectName } from '../database.ts';

/**
 * Issue 12 (renaming a status keeps every rule working): a status change in the history also
 * names the status by id, so the SLA clocks (paused in waiting and backlog statuses) and the
 * reports read the right periods after an admin renames a status. The names stay for the
 * timeline. Rows written before: their names are today's names, so they resolve now.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema as it was, not today's types
export async function up(db: Kysely<any>, _dialect: DialectName): Promise<void> {
  await db.schema.alterTable('ticket_events').addColumn('from_ref', 'text').execute();
  await db.schema.alterTable('ticket_events').addColumn('to_ref', 'text').execute();
  const statuses = (await db.selectFrom('ticket_statuses').select(['id', 'name']).execute()) as {
    id: string;
    name: string;
  }[];
  for (const status of statuses) {
    for (const [value, ref] of [
      ['from_value', 'from_ref'],
      ['to_value', 'to_ref'],
    ] as const) {
      await db
        .updateTable('ticket_events')
        .set({ [ref]: status.id })
        .where('field', '=', 'status')
        .where(value, '=', status.name)
        .execute();
    }
  }
}
