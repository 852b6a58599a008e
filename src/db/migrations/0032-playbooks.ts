import type { Kysely } from 'kysely';
import type { DialectName } from '../database.ts';
import { columnTypes, oneOf } from './schema-helpers.ts';

/**
 * Issue 19, onboarding playbooks (seed 000, Wolk's new customers):
 * - `playbooks` and their ordered `playbook_steps`: each step a task to create, with its owner
 *   (who starts the playbook or the organization's account leader), whether it may be left out
 *   (the migration, when the customer does not take it) and the step numbers it waits for;
 * - `playbook_runs`: a playbook started for an organization, with its onboarding ticket;
 * - `tasks.playbook_run_id` and `task_dependencies`: the tasks a run created and what each waits
 *   for, so a blocked task cannot be completed or scheduled.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema as it was, not today's types
export async function up(db: Kysely<any>, dialect: DialectName): Promise<void> {
  const { timestamp } = columnTypes(dialect);
  await db.schema
    .createTable('playbooks')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull().unique())
    .addColumn('description', 'text')
    .addColumn('department_id', 'text', (c) => c.references('departments.id'))
    .addColumn('created_at', timestamp, (c) => c.notNull())
    .addColumn('updated_at', timestamp, (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('playbook_steps')
    .addColumn('playbook_id', 'text', (c) => c.notNull().references('playbooks.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('owner', 'text', (c) => c.notNull().check(oneOf('owner', ['starter', 'account_leader'])))
    .addColumn('optional', 'integer', (c) => c.notNull().defaultTo(0))
    // JSON array of the positions this step waits for.
    .addColumn('depends_on', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('playbook_steps_pk', ['playbook_id', 'position'])
    .execute();
  await db.schema
    .createTable('playbook_runs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('playbook_id', 'text', (c) => c.notNull().references('playbooks.id'))
    .addColumn('organization_id', 'text', (c) => c.notNull().references('organizations.id'))
    .addColumn('ticket_id', 'text', (c) => c.notNull().references('tickets.id').onDelete('cascade'))
    .addColumn('started_by', 'text', (c) => c.references('agents.id'))
    .addColumn('created_at', timestamp, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('playbook_runs_org_idx').on('playbook_runs').column('organization_id').execute();
  await db.schema
    .alterTable('tasks')
    .addColumn('playbook_run_id', 'text', (c) => c.references('playbook_runs.id').onDelete('set null'))
    .execute();
  await db.schema.alterTable('tasks').addColumn('playbook_position', 'integer').execute();
  await db.schema.createIndex('tasks_playbook_run_idx').on('tasks').column('playbook_run_id').execute();
  await db.schema
    .createTable('task_dependencies')
    .addColumn('task_id', 'text', (c) => c.notNull().references('tasks.id').onDelete('cascade'))
    .addColumn('depends_on_id', 'text', (c) => c.notNull().references('tasks.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('task_dependencies_pk', ['task_id', 'depends_on_id'])
    .execute();
}
