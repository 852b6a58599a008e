import type { Kysely } from 'kysely';
import type { DialectName } from '../database.ts';
import { columnTypes } from './schema-helpers.ts';

/**
 * Issue 19, protocols (seed 002, Wolk's "¿Qué hago cuando…?" procedures):
 * - `protocols`: scenario, observations, the department it belongs to (none: every agent) and the
 *   knowledge-base article it is written in (kept as an id: the article tables are the kb module's);
 * - `protocol_steps`: the ordered solution, each step optionally offering a macro (a script);
 * - `protocol_scripts`: the scripts (macros) the procedure uses, in order;
 * - `ticket_protocols` / `ticket_protocol_steps`: a protocol applied on a ticket and each step's
 *   tick (who, when); the ticket history records every tick too.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema as it was, not today's types
export async function up(db: Kysely<any>, dialect: DialectName): Promise<void> {
  const { timestamp } = columnTypes(dialect);
  await db.schema
    .createTable('protocols')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('title', 'text', (c) => c.notNull().unique())
    .addColumn('scenario', 'text', (c) => c.notNull())
    .addColumn('observations', 'text')
    .addColumn('department_id', 'text', (c) => c.references('departments.id'))
    .addColumn('article_id', 'text')
    .addColumn('created_at', timestamp, (c) => c.notNull())
    .addColumn('updated_at', timestamp, (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('protocol_steps')
    .addColumn('protocol_id', 'text', (c) => c.notNull().references('protocols.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('macro_id', 'text', (c) => c.references('macros.id').onDelete('set null'))
    .addPrimaryKeyConstraint('protocol_steps_pk', ['protocol_id', 'position'])
    .execute();
  await db.schema
    .createTable('protocol_scripts')
    .addColumn('protocol_id', 'text', (c) => c.notNull().references('protocols.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('macro_id', 'text', (c) => c.notNull().references('macros.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('protocol_scripts_pk', ['protocol_id', 'position'])
    .execute();
  await db.schema
    .createTable('ticket_protocols')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('ticket_id', 'text', (c) => c.notNull().references('tickets.id').onDelete('cascade'))
    .addColumn('protocol_id', 'text', (c) => c.notNull().references('protocols.id'))
    .addColumn('applied_by', 'text', (c) => c.references('agents.id'))
    .addColumn('applied_at', timestamp, (c) => c.notNull())
    .addColumn('completed_at', timestamp)
    .execute();
  await db.schema.createIndex('ticket_protocols_ticket_idx').on('ticket_protocols').column('ticket_id').execute();
  await db.schema.createIndex('ticket_protocols_applied_idx').on('ticket_protocols').column('applied_at').execute();
  await db.schema
    .createTable('ticket_protocol_steps')
    .addColumn('applied_id', 'text', (c) => c.notNull().references('ticket_protocols.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('macro_id', 'text', (c) => c.references('macros.id').onDelete('set null'))
    .addColumn('done_by', 'text', (c) => c.references('agents.id'))
    .addColumn('done_at', timestamp)
    .addPrimaryKeyConstraint('ticket_protocol_steps_pk', ['applied_id', 'position'])
    .execute();
}
