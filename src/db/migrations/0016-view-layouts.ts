import type { Kysely } from 'kysely';
import type { DialectName } from '../database.ts';
import { columnTypes, oneOf } from './schema-helpers.ts';

/**
 * Issue 13: each agent chooses and orders the columns of each queue view, and its density. One row
 * per agent and view; a view with no row shows the default columns. Deleting the view or the agent
 * deletes the choice.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema as it was, not today's types
export async function up(db: Kysely<any>, dialect: DialectName): Promise<void> {
  const t = columnTypes(dialect);
  await db.schema
    .createTable('agent_view_layouts')
    .addColumn('agent_id', 'text', (c) => c.notNull().references('agents.id').onDelete('cascade'))
    .addColumn('view_id', 'text', (c) => c.notNull().references('saved_views.id').onDelete('cascade'))
    .addColumn('columns', 'text', (c) => c.notNull())
    .addColumn('density', 'text', (c) => c.notNull().check(oneOf('density', ['comfortable', 'compact'])))
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .addPrimaryKeyConstraint('agent_view_layouts_pk', ['agent_id', 'view_id'])
    .execute();
}
