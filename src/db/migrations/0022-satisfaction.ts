import type { Kysely } from 'kysely';
import type { DialectName } from '../database.ts';
import { columnTypes, oneOf } from './schema-helpers.ts';

/**
 * Issue 15, satisfaction (004: solved tickets ask "¿Cómo calificaría el soporte que recibió?"):
 * - `satisfaction_surveys`: one per ticket, bound to the requester it was sent to. The link's
 *   token is never stored: only its hash (to find the survey) and the nonce it is derived from with
 *   the server's secret, so the same link can be given again (mail, portal) and a new nonce voids it.
 *   The current rating lives here, for the ticket page and for rules.
 * - `satisfaction_ratings`: every answer, kept for reports even after it was changed.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema as it was, not today's types
export async function up(db: Kysely<any>, dialect: DialectName): Promise<void> {
  const { timestamp, autoId } = columnTypes(dialect);
  await db.schema
    .createTable('satisfaction_surveys')
    .addColumn('ticket_id', 'text', (c) => c.primaryKey().references('tickets.id').onDelete('cascade'))
    .addColumn('contact_id', 'text', (c) => c.notNull().references('contacts.id'))
    .addColumn('nonce', 'text', (c) => c.notNull())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('rating', 'text', (c) => c.check(oneOf('rating', ['good', 'bad'])))
    .addColumn('comment', 'text')
    .addColumn('rated_at', timestamp)
    .addColumn('created_at', timestamp, (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('satisfaction_ratings')
    .addColumn('id', autoId, (c) => c.primaryKey())
    .addColumn('ticket_id', 'text', (c) => c.notNull().references('tickets.id').onDelete('cascade'))
    .addColumn('contact_id', 'text', (c) => c.notNull().references('contacts.id'))
    .addColumn('rating', 'text', (c) => c.notNull().check(oneOf('rating', ['good', 'bad'])))
    .addColumn('comment', 'text')
    .addColumn('created_at', timestamp, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('satisfaction_ratings_ticket_idx')
    .on('satisfaction_ratings')
    .columns(['ticket_id', 'created_at'])
    .execute();
  // Reports read ratings by period.
  await db.schema
    .createIndex('satisfaction_ratings_created_idx')
    .on('satisfaction_ratings')
    .column('created_at')
    .execute();
}
