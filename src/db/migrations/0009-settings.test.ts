import { expect, it } from 'vitest';
import { ensureDefaults } from '../../core/defaults.ts';
import { forEachDialect } from '../../testing/for-each-dialect.ts';
import { backfillDefaultViewKeys } from './0009-settings.ts';

forEachDialect('migration 0009: keys for the default views of existing installs', (ctx) => {
  it('finds each default view by its seeded Spanish name, the oldest of a name only, and seeding adds none again', async () => {
    const { db } = ctx.database;
    await ensureDefaults(db, '2026-01-01T00:00:00.000Z');
    // As an install made before 0009 looks: no keys, and an admin's later view with a default's name.
    await db.updateTable('saved_views').set({ key: null }).execute();
    await db
      .insertInto('saved_views')
      .values({
        id: 'later-copy',
        key: null,
        name: 'Todos abiertos',
        owner_agent_id: null,
        filters: '{}',
        sort: 'updated',
        position: 50,
        created_at: '2026-02-01T00:00:00.000Z',
        updated_at: '2026-02-01T00:00:00.000Z',
      })
      .execute();

    await backfillDefaultViewKeys(db);

    const rows = await db.selectFrom('saved_views').select(['id', 'name', 'key']).execute();
    const keyOf = Object.fromEntries(rows.filter((r) => r.id !== 'later-copy').map((r) => [r.name, r.key]));
    expect(keyOf).toEqual({
      'Mis tickets': 'mine',
      'Sin asignar': 'unassigned',
      'Mi departamento': 'department',
      'Pendientes de revisión': 'review',
      'Todos abiertos': 'all_open',
      'Incumplen SLA pronto': 'sla_risk',
      'Sin noticias 24 h': 'stale',
    });
    expect(rows.find((r) => r.id === 'later-copy')?.key).toBeNull();

    await ensureDefaults(db, '2026-03-01T00:00:00.000Z');
    expect(await db.selectFrom('saved_views').select('id').execute()).toHaveLength(rows.length);
  });
});
