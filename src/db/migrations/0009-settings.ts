import { type Kysely, sql } from 'kysely';
import type { DialectName } from '../database.ts';

/**
 * Runtime settings live in the `settings` key/value table of 0001 (the attachment limit is the row
 * `attachments.limit_bytes`), so they need no table here. What this adds: a stable `key` on the
 * shared views every install starts with, so the console names them in the reader's language and
 * the seeding finds them even after a rename. Until now both went by the Spanish name.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema as it was, not today's types
export async function up(db: Kysely<any>, _dialect: DialectName): Promise<void> {
  await db.schema.alterTable('saved_views').addColumn('key', 'text').execute();
  await sql`create unique index saved_views_key_idx on saved_views (key) where key is not null`.execute(db);
  // Installs made before this migration: their default views still carry the seeded names.
  await backfillDefaultViewKeys(db);
}

/** Gives each default view made before keys existed its key, found by the name it was seeded with. */
// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema as it was, not today's types
export async function backfillDefaultViewKeys(db: Kysely<any>): Promise<void> {
  const seeded: Record<string, string> = {
    'Mis tickets': 'mine',
    'Sin asignar': 'unassigned',
    'Mi departamento': 'department',
    'Pendientes de revisión': 'review',
    'Todos abiertos': 'all_open',
    'Incumplen SLA pronto': 'sla_risk',
    'Sin noticias 24 h': 'stale',
  };
  for (const [name, key] of Object.entries(seeded)) {
    // The oldest shared view of that name, in case an admin made a second one with the same name.
    const first = await db
      .selectFrom('saved_views')
      .select('id')
      .where('name', '=', name)
      .where('owner_agent_id', 'is', null)
      .orderBy('created_at')
      .orderBy('id')
      .executeTakeFirst();
    if (first) await db.updateTable('saved_views').set({ key }).where('id', '=', first.id).execute();
  }
}
