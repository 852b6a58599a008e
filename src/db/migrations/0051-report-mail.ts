import type { Kysely } from 'kysely';
import type { DialectName } from '../database.ts';
import { columnTypes, oneOf } from './schema-helpers.ts';

/**
 * Issue 17, reports by mail. A staff member's subscription to a daily, weekly or monthly summary
 * (the figures of the tickets they may see, optionally narrowed to some departments), and one row
 * per period mailed, whose key makes each period go out once whichever instance runs the job.
 * And the timesheets sent to a customer (003, OpenPyme): to whom, by whom, when.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema as it was, not today's types
export async function up(db: Kysely<any>, dialect: DialectName): Promise<void> {
  const { timestamp } = columnTypes(dialect);
  await db.schema
    .createTable('report_subscriptions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('agent_id', 'text', (c) => c.notNull().references('agents.id').onDelete('cascade'))
    .addColumn('frequency', 'text', (c) => c.notNull())
    .addColumn('attachment', 'text', (c) => c.notNull())
    // JSON array of department ids; empty: every department the subscriber sees.
    .addColumn('department_ids', 'text', (c) => c.notNull())
    .addColumn('created_at', timestamp, (c) => c.notNull())
    .addColumn('updated_at', timestamp, (c) => c.notNull())
    .addCheckConstraint('report_subscriptions_frequency_check', oneOf('frequency', ['daily', 'weekly', 'monthly']))
    .addCheckConstraint('report_subscriptions_attachment_check', oneOf('attachment', ['none', 'csv', 'xlsx']))
    .execute();
  await db.schema
    .createIndex('report_subscriptions_agent_idx')
    .on('report_subscriptions')
    .columns(['agent_id'])
    .execute();
  await db.schema
    .createTable('report_subscription_sends')
    .addColumn('subscription_id', 'text', (c) => c.notNull().references('report_subscriptions.id').onDelete('cascade'))
    // The period's local days (both included), in the subscriber's zone when it was mailed.
    .addColumn('period_from', 'text', (c) => c.notNull())
    .addColumn('period_to', 'text', (c) => c.notNull())
    .addColumn('outbox_id', 'text', (c) => c.notNull())
    .addColumn('created_at', timestamp, (c) => c.notNull())
    .addPrimaryKeyConstraint('report_subscription_sends_pk', ['subscription_id', 'period_from'])
    .execute();
  await db.schema
    .createTable('timesheet_sends')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organization_id', 'text', (c) => c.notNull().references('organizations.id').onDelete('cascade'))
    // YYYY-MM, in the time zone the timesheet was computed in.
    .addColumn('month', 'text', (c) => c.notNull())
    .addColumn('time_zone', 'text', (c) => c.notNull())
    // JSON array of the addresses it went to.
    .addColumn('recipients', 'text', (c) => c.notNull())
    .addColumn('sent_by', 'text', (c) => c.references('agents.id').onDelete('set null'))
    .addColumn('outbox_id', 'text', (c) => c.notNull())
    .addColumn('created_at', timestamp, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('timesheet_sends_organization_idx')
    .on('timesheet_sends')
    .columns(['organization_id', 'created_at'])
    .execute();
}
