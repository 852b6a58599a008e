import type { Kysely } from 'kysely';
import type { DialectName } from '../database.ts';

/**
 * Issue 15's portal tickets: admins choose which ticket types and categories a customer may pick
 * when opening a ticket in the portal. Off by default, so no internal type shows until chosen.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema as it was, not today's types
export async function up(db: Kysely<any>, _dialect: DialectName): Promise<void> {
  for (const table of ['ticket_types', 'ticket_categories']) {
    await db.schema
      .alterTable(table)
      .addColumn('customer_visible', 'integer', (c) => c.notNull().defaultTo(0))
      .execute();
  }
}
