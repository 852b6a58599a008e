import { type Kysely, sql } from 'kysely';
import type { DialectName } from '../database.ts';
import { columnTypes, oneOf } from './schema-helpers.ts';

/** The seeded notice triggers the matrix replaces; they are removed only while unchanged. */
const REPLACED_TRIGGERS: Record<string, string> = {
  'Avisar al responsable de una asignación': JSON.stringify([
    { type: 'notify', to: ['assignee'], title: 'Se le asignó un ticket' },
  ]),
  'Avisar al departamento de un ticket nuevo': JSON.stringify([
    { type: 'notify', to: ['department'], title: 'Nuevo ticket en su departamento' },
  ]),
  'Avisar de bandera verde al responsable y al supervisor': JSON.stringify([
    { type: 'notify', to: ['assignee', 'supervisors'], title: 'Ticket listo para revisión' },
  ]),
  'Avisar al responsable de una respuesta del cliente': JSON.stringify([
    { type: 'notify', to: ['assignee'], title: 'El cliente respondió' },
  ]),
};

// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema as it was, not today's types
export async function up(db: Kysely<any>, dialect: DialectName): Promise<void> {
  const t = columnTypes(dialect);

  // Which departments have their own matrix; the others follow the 'default' scope.
  await db.schema
    .createTable('notification_matrix_scopes')
    .addColumn('scope', 'text', (c) => c.primaryKey())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .execute();
  // One row per (event, recipient): who hears of what, with which mail template.
  await db.schema
    .createTable('notification_matrix')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('scope', 'text', (c) => c.notNull().references('notification_matrix_scopes.scope').onDelete('cascade'))
    .addColumn('event', 'text', (c) => c.notNull())
    .addColumn('recipient', 'text', (c) =>
      c.notNull().check(oneOf('recipient', ['requester', 'assignee', 'department', 'supervisors', 'agent'])),
    )
    .addColumn('agent_id', 'text', (c) => c.references('agents.id').onDelete('cascade'))
    .addColumn('template', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('notification_matrix_scope_idx')
    .on('notification_matrix')
    .columns(['scope', 'event'])
    .execute();

  // Each agent's choice per event; an event without a row uses the default (console and email).
  await db.schema
    .createTable('agent_notification_preferences')
    .addColumn('agent_id', 'text', (c) => c.notNull().references('agents.id').onDelete('cascade'))
    .addColumn('event', 'text', (c) => c.notNull())
    .addColumn('channels', 'text', (c) => c.notNull().check(oneOf('channels', ['console', 'email', 'both', 'none'])))
    .addPrimaryKeyConstraint('agent_notification_preferences_pk', ['agent_id', 'event'])
    .execute();

  await dedupeInitials(db);
  await db.schema.createIndex('agents_initials_idx').on('agents').column('initials').unique().execute();
  await removeReplacedTriggers(db);
}

/** Mentions are written `@initials`, so initials must name one agent: repeated ones get a number. */
// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema as it was, not today's types
export async function dedupeInitials(db: Kysely<any>): Promise<void> {
  const agents = (await db
    .selectFrom('agents')
    .select(['id', 'initials'])
    .orderBy('created_at')
    .orderBy('id')
    .execute()) as {
    id: string;
    initials: string;
  }[];
  const taken = new Set<string>();
  for (const agent of agents) {
    const base = agent.initials.toUpperCase();
    let candidate = base;
    for (let n = 2; taken.has(candidate); n++) candidate = `${base.slice(0, 5)}${n}`;
    taken.add(candidate);
    if (candidate !== agent.initials) {
      await db.updateTable('agents').set({ initials: candidate }).where('id', '=', agent.id).execute();
    }
  }
}

/** The matrix replaces the seeded notice triggers; one an admin changed is theirs and stays. */
// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema as it was, not today's types
export async function removeReplacedTriggers(db: Kysely<any>): Promise<void> {
  for (const [name, actions] of Object.entries(REPLACED_TRIGGERS)) {
    await db
      .deleteFrom('automation_rules')
      .where('kind', '=', 'trigger')
      .where('name', '=', name)
      .where(sql`actions`, '=', actions)
      .execute();
  }
}
