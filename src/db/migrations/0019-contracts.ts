import type { Kysely } from 'kysely';
import type { DialectName } from '../database.ts';
import { columnTypes, oneOf } from './schema-helpers.ts';

/**
 * Issue 15, contracts and entitlements (seed 004: paid maintenance gates support):
 * - `contracts`: an organization's plan, amount in minor units with its currency and tax rate in
 *   basis points, and the dates its state is computed from (never stored, so it cannot go stale);
 * - `contract_changes`: every change with who, when, old/new values and the required reason;
 * - `departments.entitlement`: a department's own rule ('open' | 'contract_required'); null
 *   follows the global setting.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema as it was, not today's types
export async function up(db: Kysely<any>, dialect: DialectName): Promise<void> {
  const { timestamp, autoId } = columnTypes(dialect);
  await db.schema
    .createTable('contracts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organization_id', 'text', (c) => c.notNull().references('organizations.id'))
    .addColumn('plan_name', 'text', (c) => c.notNull())
    .addColumn('amount_minor', 'bigint', (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('tax_rate_bp', 'integer', (c) => c.notNull())
    .addColumn('period', 'text', (c) => c.notNull())
    // Calendar dates (YYYY-MM-DD): a contract runs whole days in the help desk's time zone.
    .addColumn('starts_on', 'text', (c) => c.notNull())
    .addColumn('ends_on', 'text', (c) => c.notNull())
    .addColumn('notes', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_at', timestamp, (c) => c.notNull())
    .addColumn('updated_at', timestamp, (c) => c.notNull())
    .addCheckConstraint('contracts_currency_check', oneOf('currency', ['USD', 'CRC', 'MXN']))
    .addCheckConstraint('contracts_period_check', oneOf('period', ['monthly', 'annual']))
    .execute();
  await db.schema.createIndex('contracts_organization_idx').on('contracts').columns(['organization_id']).execute();
  await db.schema.createIndex('contracts_ends_on_idx').on('contracts').columns(['ends_on']).execute();

  await db.schema
    .createTable('contract_changes')
    .addColumn('id', autoId, (c) => c.primaryKey())
    .addColumn('contract_id', 'text', (c) => c.notNull().references('contracts.id'))
    .addColumn('action', 'text', (c) => c.notNull())
    /** JSON: { field: { from, to } } */
    .addColumn('changes', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('ticket_id', 'text')
    .addColumn('actor_kind', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text')
    .addColumn('created_at', timestamp, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('contract_changes_contract_idx')
    .on('contract_changes')
    .columns(['contract_id', 'id'])
    .execute();

  await db.schema.alterTable('departments').addColumn('entitlement', 'text').execute();
}
