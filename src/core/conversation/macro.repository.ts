import type { Selectable } from 'kysely';
import type { Db, MacrosTable } from '../../db/database.ts';

/**
 * What applying a macro should change on the ticket. Stored and returned as written; the console
 * applies them through the ticket PATCH, which validates them like any other change.
 */
export interface MacroActions {
  status?: string;
  type?: string;
  priority?: string;
  tagsAdd?: string[];
  tagsRemove?: string[];
  flag?: 'orange' | 'blue' | 'green' | null;
}

export interface Macro {
  id: string;
  name: string;
  body: string;
  actions: MacroActions;
  /** Shared macros (owner null) are for everyone; personal ones for their owner only. */
  scope: 'personal' | 'shared';
  ownerId: string | null;
  departmentId: string | null;
  createdAt: string;
  updatedAt: string;
}

export type MacroChanges = Partial<Pick<Macro, 'name' | 'body' | 'actions' | 'ownerId' | 'departmentId'>>;

function toMacro(row: Selectable<MacrosTable>): Macro {
  return {
    id: row.id,
    name: row.name,
    body: row.body,
    actions: JSON.parse(row.actions) as MacroActions,
    scope: row.owner_agent_id === null ? 'shared' : 'personal',
    ownerId: row.owner_agent_id,
    departmentId: row.department_id,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function macroRepository(db: Db) {
  return {
    async find(id: string): Promise<Macro | undefined> {
      const row = await db
        .selectFrom('macros')
        .selectAll()
        .where('id', '=', id)
        .where('active', '=', 1)
        .executeTakeFirst();
      return row && toMacro(row);
    },

    /** A shared macro by exact name, deleted ones included (seeding must not bring back what an admin removed). */
    /** The macro a workflow knows by `key`, deleted ones included (their absence is an admin's choice). */
    async findByKey(key: string): Promise<{ id: string; active: boolean } | undefined> {
      const row = await db.selectFrom('macros').select(['id', 'active']).where('key', '=', key).executeTakeFirst();
      return row && { id: row.id, active: row.active === 1 };
    },

    async setKey(id: string, key: string): Promise<void> {
      await db.updateTable('macros').set({ key }).where('id', '=', id).execute();
    },

    async sharedNamed(name: string): Promise<{ id: string } | undefined> {
      return db
        .selectFrom('macros')
        .select('id')
        .where('name', '=', name)
        .where('owner_agent_id', 'is', null)
        .executeTakeFirst();
    },

    /** The shared macros and the agent's own, limited to `departmentIds` when given, by name. */
    async listVisible(opts: { agentId: string | null; departmentIds: string[] | 'all' }): Promise<Macro[]> {
      let query = db.selectFrom('macros').selectAll().where('active', '=', 1);
      const agentId = opts.agentId;
      query = query.where((eb) =>
        agentId
          ? eb.or([eb('owner_agent_id', 'is', null), eb('owner_agent_id', '=', agentId)])
          : eb('owner_agent_id', 'is', null),
      );
      const departmentIds = opts.departmentIds;
      if (departmentIds !== 'all') {
        query = query.where((eb) =>
          departmentIds.length > 0
            ? eb.or([eb('department_id', 'is', null), eb('department_id', 'in', departmentIds)])
            : eb('department_id', 'is', null),
        );
      }
      const rows = await query.orderBy('name').orderBy('id').execute();
      return rows.map(toMacro);
    },

    async insert(macro: Macro & { key?: string | null }): Promise<void> {
      await db
        .insertInto('macros')
        .values({
          id: macro.id,
          key: macro.key ?? null,
          name: macro.name,
          body: macro.body,
          actions: JSON.stringify(macro.actions),
          owner_agent_id: macro.ownerId,
          department_id: macro.departmentId,
          active: 1,
          created_at: macro.createdAt,
          updated_at: macro.updatedAt,
        })
        .execute();
    },

    async update(id: string, changes: MacroChanges, now: string): Promise<void> {
      await db
        .updateTable('macros')
        .set({
          ...(changes.name !== undefined && { name: changes.name }),
          ...(changes.body !== undefined && { body: changes.body }),
          ...(changes.actions !== undefined && { actions: JSON.stringify(changes.actions) }),
          ...(changes.ownerId !== undefined && { owner_agent_id: changes.ownerId }),
          ...(changes.departmentId !== undefined && { department_id: changes.departmentId }),
          updated_at: now,
        })
        .where('id', '=', id)
        .execute();
    },

    /** Deleted macros are kept inactive, so the defaults are not seeded again over an admin's decision. */
    async deactivate(id: string, now: string): Promise<void> {
      await db.updateTable('macros').set({ active: 0, updated_at: now }).where('id', '=', id).execute();
    },
  };
}
