import type { Kysely } from 'kysely';
import type { DialectName } from '../database.ts';
import { columnTypes, oneOf } from './schema-helpers.ts';

// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema as it was, not today's types
export async function up(db: Kysely<any>, dialect: DialectName): Promise<void> {
  const t = columnTypes(dialect);

  // Opening hours per department; times are computed in the calendar's zone.
  await db.schema
    .createTable('business_calendars')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull().unique())
    .addColumn('time_zone', 'text', (c) => c.notNull())
    .addColumn('ranges', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('holidays', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('is_default', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('department_calendars')
    .addColumn('department_id', 'text', (c) => c.primaryKey().references('departments.id').onDelete('cascade'))
    .addColumn('calendar_id', 'text', (c) => c.notNull().references('business_calendars.id').onDelete('cascade'))
    .execute();

  // Triggers (on events) and time rules (scheduled), in order; conditions and actions are JSON.
  await db.schema
    .createTable('automation_rules')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull().check(oneOf('kind', ['trigger', 'time'])))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('events', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('conditions', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('actions', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('schedule', 'text')
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('automation_rules_kind_idx')
    .on('automation_rules')
    .columns(['kind', 'position'])
    .execute();
  await db.schema
    .createIndex('automation_rules_name_idx')
    .on('automation_rules')
    .columns(['kind', 'name'])
    .unique()
    .execute();

  await db.schema
    .createTable('sla_policies')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull().unique())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('conditions', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('targets', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('calendar_id', 'text', (c) => c.references('business_calendars.id').onDelete('set null'))
    .addColumn('pause_when_waiting', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('warning_share', 'real', (c) => c.notNull().defaultTo(0.75))
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .execute();

  // Each ticket's running targets; the sweep reads only rows whose warning or due time has come.
  await db.schema
    .createTable('ticket_sla_targets')
    .addColumn('ticket_id', 'text', (c) => c.notNull().references('tickets.id').onDelete('cascade'))
    .addColumn('metric', 'text', (c) =>
      c.notNull().check(oneOf('metric', ['first_reply', 'next_reply', 'periodic_update', 'resolution'])),
    )
    .addColumn('policy_id', 'text', (c) => c.notNull())
    .addColumn('started_at', t.timestamp, (c) => c.notNull())
    .addColumn('due_at', t.timestamp)
    .addColumn('warn_at', t.timestamp)
    .addColumn('state', 'text', (c) =>
      c.notNull().check(oneOf('state', ['ok', 'warning', 'breached', 'met', 'paused'])),
    )
    .addColumn('met_at', t.timestamp)
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .addPrimaryKeyConstraint('ticket_sla_targets_pk', ['ticket_id', 'metric'])
    .execute();
  await db.schema.createIndex('ticket_sla_due_idx').on('ticket_sla_targets').columns(['state', 'due_at']).execute();
  await db.schema.createIndex('ticket_sla_warn_idx').on('ticket_sla_targets').columns(['state', 'warn_at']).execute();

  // The nearest open target and the stale mark on the ticket itself, so queues filter and sort by them.
  await db.schema.alterTable('tickets').addColumn('sla_due_at', t.timestamp).execute();
  await db.schema.alterTable('tickets').addColumn('sla_state', 'text').execute();
  await db.schema
    .alterTable('tickets')
    .addColumn('stale', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.createIndex('tickets_sla_due_idx').on('tickets').columns(['sla_due_at']).execute();
  await db.schema.createIndex('tickets_stale_idx').on('tickets').columns(['stale', 'updated_at']).execute();
  await db.schema
    .createIndex('tickets_category_updated_idx')
    .on('tickets')
    .columns(['status_category', 'updated_at'])
    .execute();

  // Anexo A (004): a module code in the description assigns the consultant who knows it.
  await db.schema
    .createTable('keyword_routes')
    .addColumn('keyword', 'text', (c) => c.primaryKey())
    .addColumn('agent_id', 'text', (c) => c.references('agents.id').onDelete('cascade'))
    .addColumn('department_id', 'text', (c) => c.references('departments.id').onDelete('cascade'))
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .execute();

  // Per-organization limits of tickets in work (003 special accounts); general accounts use the defaults.
  await db.schema
    .createTable('account_limits')
    .addColumn('organization_id', 'text', (c) => c.notNull().references('organizations.id').onDelete('cascade'))
    .addColumn('type_name', 'text', (c) => c.notNull())
    .addColumn('max_in_work', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('account_limits_pk', ['organization_id', 'type_name'])
    .execute();

  await db.schema
    .createTable('notifications')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('agent_id', 'text', (c) => c.notNull().references('agents.id').onDelete('cascade'))
    .addColumn('ticket_id', 'text', (c) => c.references('tickets.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('data', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('read_at', t.timestamp)
    .execute();
  await db.schema
    .createIndex('notifications_agent_idx')
    .on('notifications')
    .columns(['agent_id', 'read_at', 'created_at'])
    .execute();
}
