import { type Kysely, sql } from 'kysely';
import type { DialectName } from '../database.ts';
import { columnTypes, oneOf } from './schema-helpers.ts';

/**
 * Issue 16, payment receipts (seed 002, Wolk: a customer sends a SINPE receipt to support):
 * - `payments`: one receipt recorded from a ticket message's file, with what the agent read on it
 *   (amount in minor units, currency, date, payer, reference), the organization and contract it
 *   pays, and its way through accounting (`recorded → sent_to_accounting → verified → applied`),
 *   each step with who and when. The checks are computed when read, never stored stale.
 * - `macros.key`: a stable name for the macros the workflow offers (SCRIPT #1–#3), so an admin
 *   may rename or rewrite them without the workflow losing them.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema as it was, not today's types
export async function up(db: Kysely<any>, dialect: DialectName): Promise<void> {
  const { timestamp } = columnTypes(dialect);
  await db.schema
    .createTable('payments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('ticket_id', 'text', (c) => c.notNull().references('tickets.id').onDelete('cascade'))
    /** The message_attachments row of the receipt (a file of a message of this ticket). */
    .addColumn('receipt_attachment_id', 'text', (c) => c.notNull().references('message_attachments.id'))
    .addColumn('organization_id', 'text', (c) => c.references('organizations.id'))
    .addColumn('contract_id', 'text', (c) => c.references('contracts.id'))
    .addColumn('amount_minor', 'bigint', (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull())
    // The date printed on the receipt (YYYY-MM-DD), not when it was recorded.
    .addColumn('paid_on', 'text', (c) => c.notNull())
    .addColumn('payer_name', 'text', (c) => c.notNull())
    .addColumn('reference', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('accounting_ticket_id', 'text', (c) => c.references('tickets.id'))
    .addColumn('recorded_by', 'text', (c) => c.references('agents.id'))
    .addColumn('sent_by', 'text', (c) => c.references('agents.id'))
    .addColumn('sent_at', timestamp)
    .addColumn('verified_by', 'text', (c) => c.references('agents.id'))
    .addColumn('verified_at', timestamp)
    .addColumn('applied_by', 'text', (c) => c.references('agents.id'))
    .addColumn('applied_at', timestamp)
    .addColumn('created_at', timestamp, (c) => c.notNull())
    .addColumn('updated_at', timestamp, (c) => c.notNull())
    .addCheckConstraint('payments_currency_check', oneOf('currency', ['USD', 'CRC', 'MXN']))
    .addCheckConstraint(
      'payments_state_check',
      oneOf('state', ['recorded', 'sent_to_accounting', 'verified', 'applied']),
    )
    .addCheckConstraint('payments_amount_check', sql`amount_minor > 0`)
    .execute();
  await db.schema.createIndex('payments_ticket_idx').on('payments').columns(['ticket_id', 'created_at']).execute();
  await db.schema.createIndex('payments_accounting_ticket_idx').on('payments').column('accounting_ticket_id').execute();

  await db.schema.alterTable('macros').addColumn('key', 'text').execute();
  await db.schema.createIndex('macros_key_idx').on('macros').column('key').unique().execute();
}
