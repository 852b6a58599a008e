import type { Selectable } from 'kysely';
import type { Db, DepartmentsTable, Entitlement } from '../../db/database.ts';
import { preparedQuery } from '../../db/prepared-query.ts';

export interface Department {
  id: string;
  name: string;
  kind: 'external' | 'internal';
  timeZone: string;
  email: string | null;
  active: boolean;
  /** Who may open tickets here; null follows the global `entitlement` setting. */
  entitlement: Entitlement | null;
  createdAt: string;
  updatedAt: string;
}

export type DepartmentChanges = Partial<
  Pick<Department, 'name' | 'kind' | 'timeZone' | 'email' | 'active' | 'entitlement'>
>;

function toDepartment(row: Selectable<DepartmentsTable>): Department {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind,
    timeZone: row.time_zone,
    email: row.email,
    active: row.active === 1,
    entitlement: row.entitlement ?? null,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

const departmentById = preparedQuery((db, p: { id: string }) =>
  db.selectFrom('departments').selectAll().where('id', '=', p.id),
);

export function departmentRepository(db: Db) {
  return {
    async find(id: string): Promise<Department | undefined> {
      const [row] = (await departmentById(db, { id })).rows;
      return row && toDepartment(row);
    },

    async findByNameKey(nameKey: string): Promise<Department | undefined> {
      const row = await db.selectFrom('departments').selectAll().where('name_key', '=', nameKey).executeTakeFirst();
      return row && toDepartment(row);
    },

    async existingIds(ids: string[]): Promise<Set<string>> {
      if (ids.length === 0) return new Set();
      const rows = await db.selectFrom('departments').select('id').where('id', 'in', ids).execute();
      return new Set(rows.map((r) => r.id));
    },

    async list(opts: { after?: string; limit: number; includeInactive: boolean }): Promise<Department[]> {
      let query = db.selectFrom('departments').selectAll().orderBy('id').limit(opts.limit);
      if (opts.after) query = query.where('id', '>', opts.after);
      if (!opts.includeInactive) query = query.where('active', '=', 1);
      return (await query.execute()).map(toDepartment);
    },

    async insert(department: Department, nameKey: string): Promise<void> {
      await db
        .insertInto('departments')
        .values({
          id: department.id,
          name: department.name,
          name_key: nameKey,
          kind: department.kind,
          time_zone: department.timeZone,
          email: department.email,
          active: department.active ? 1 : 0,
          entitlement: department.entitlement,
          created_at: department.createdAt,
          updated_at: department.updatedAt,
        })
        .execute();
    },

    async update(id: string, changes: DepartmentChanges & { nameKey?: string }, now: string): Promise<void> {
      await db
        .updateTable('departments')
        .set({
          ...(changes.name !== undefined && { name: changes.name, name_key: changes.nameKey }),
          ...(changes.kind !== undefined && { kind: changes.kind }),
          ...(changes.timeZone !== undefined && { time_zone: changes.timeZone }),
          ...(changes.email !== undefined && { email: changes.email }),
          ...(changes.active !== undefined && { active: changes.active ? 1 : 0 }),
          ...(changes.entitlement !== undefined && { entitlement: changes.entitlement }),
          updated_at: now,
        })
        .where('id', '=', id)
        .execute();
    },
  };
}
