import type { Kysely } from 'kysely';
import type { DialectName } from '../database.ts';
import { columnTypes, oneOf } from './schema-helpers.ts';

/**
 * Issue 15, customer portal accounts:
 * - `contacts.active` and `organizations.active`: a deactivated contact, or any contact of an
 *   inactive organization, cannot sign in to the portal (004: the main contact manages who may).
 * - `portal_tokens`: single-use links that set a contact's password, an invitation (72 h) or a
 *   forgotten-password reset (1 h). Only the token's hash is stored.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema as it was, not today's types
export async function up(db: Kysely<any>, dialect: DialectName): Promise<void> {
  const { timestamp } = columnTypes(dialect);
  await db.schema
    .alterTable('contacts')
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema
    .alterTable('organizations')
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();

  await db.schema
    .createTable('portal_tokens')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('contact_id', 'text', (c) => c.notNull().references('contacts.id').onDelete('cascade'))
    .addColumn('purpose', 'text', (c) => c.notNull().check(oneOf('purpose', ['invitation', 'reset'])))
    .addColumn('created_at', timestamp, (c) => c.notNull())
    .addColumn('expires_at', timestamp, (c) => c.notNull())
    .addColumn('used_at', timestamp)
    .execute();
  await db.schema.createIndex('portal_tokens_contact_idx').on('portal_tokens').column('contact_id').execute();
}
