import type { Kysely } from 'kysely';
import type { DialectName } from '../database.ts';

/**
 * Issue 19: a protocol step may set a ticket field when it is ticked ("marcar como Cambio",
 * "prioridad alta"). `sets` holds it as JSON ({ field, key?, value }); the applied copy keeps the
 * step as it was written when the protocol was applied, like its text.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema as it was, not today's types
export async function up(db: Kysely<any>, _dialect: DialectName): Promise<void> {
  await db.schema.alterTable('protocol_steps').addColumn('sets', 'text').execute();
  await db.schema.alterTable('ticket_protocol_steps').addColumn('sets', 'text').execute();
}
