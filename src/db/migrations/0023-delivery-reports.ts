import type { Kysely } from 'kysely';
import type { DialectName } from '../database.ts';
import { columnTypes } from './schema-helpers.ts';

/**
 * What the recipient's mail server reported about a reply (RFC 3464 delivery reports):
 * `delivery_status` 'delivered' or 'failed' (already there), now with the server's words and when.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema as it was, not today's types
export async function up(db: Kysely<any>, dialect: DialectName): Promise<void> {
  const { timestamp } = columnTypes(dialect);
  await db.schema.alterTable('messages').addColumn('delivery_detail', 'text').execute();
  await db.schema.alterTable('messages').addColumn('delivery_reported_at', timestamp).execute();
}
