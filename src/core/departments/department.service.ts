import type { Entitlement } from '../../db/database.ts';
import { assertCan } from '../accounts/access.policy.ts';
import type { Actor } from '../shared/actor.ts';
import { AppError } from '../shared/app-error.ts';
import { type CoreDeps, inSettingsTransaction } from '../shared/core-deps.ts';
import { newId } from '../shared/ids.ts';
import { decodeCursor, type Page, toPage } from '../shared/pagination.ts';
import { foldKey } from '../shared/text.ts';
import { assertTimeZone, DEFAULT_TIME_ZONE } from '../shared/time-zone.ts';
import { type Department, type DepartmentChanges, departmentRepository } from './department.repository.ts';

export type { Department } from './department.repository.ts';

export interface NewDepartment {
  name: string;
  kind?: 'external' | 'internal';
  timeZone?: string;
  email?: string | null;
  active?: boolean;
  entitlement?: Entitlement | null;
}

export function createDepartmentService(deps: CoreDeps) {
  return {
    async create(actor: Actor, input: NewDepartment): Promise<Department> {
      assertCan(actor, 'departments.write');
      const timeZone = input.timeZone ?? DEFAULT_TIME_ZONE;
      assertTimeZone(timeZone);
      const name = input.name.trim();
      assertName(name);
      return deps.db.transaction().execute(async (trx) => {
        const departments = departmentRepository(trx);
        const nameKey = foldKey(name);
        const existing = await departments.findByNameKey(nameKey);
        if (existing) {
          throw new AppError('DEPARTMENT_NAME_TAKEN', `A department named "${existing.name}" already exists`, {
            existing,
          });
        }
        const now = deps.clock.now().toISOString();
        const department: Department = {
          id: newId(),
          name,
          kind: input.kind ?? 'external',
          timeZone,
          email: input.email?.trim().toLowerCase() || null,
          active: input.active ?? true,
          entitlement: input.entitlement ?? null,
          createdAt: now,
          updatedAt: now,
        };
        await departments.insert(department, nameKey);
        return department;
      });
    },

    async update(actor: Actor, id: string, changes: DepartmentChanges): Promise<Department> {
      assertCan(actor, 'departments.write');
      if (changes.timeZone !== undefined) assertTimeZone(changes.timeZone);
      const name = changes.name?.trim();
      if (name !== undefined) assertName(name);
      // The time zone is the calendar of departments without one of their own.
      return inSettingsTransaction(deps, async ({ trx }) => {
        const departments = departmentRepository(trx);
        const current = await departments.find(id);
        if (!current) throw new AppError('DEPARTMENT_NOT_FOUND', 'Department not found', { id });
        const nameKey = name === undefined ? undefined : foldKey(name);
        if (nameKey !== undefined) {
          const clash = await departments.findByNameKey(nameKey);
          if (clash && clash.id !== id) {
            throw new AppError('DEPARTMENT_NAME_TAKEN', `A department named "${clash.name}" already exists`, {
              existing: clash,
            });
          }
        }
        const email = changes.email === undefined ? undefined : changes.email?.trim().toLowerCase() || null;
        await departments.update(id, { ...changes, name, email, nameKey }, deps.clock.now().toISOString());
        return (await departments.find(id)) as Department;
      });
    },

    async get(actor: Actor, id: string): Promise<Department> {
      assertCan(actor, 'departments.read');
      const department = await departmentRepository(deps.db).find(id);
      if (!department) throw new AppError('DEPARTMENT_NOT_FOUND', 'Department not found', { id });
      return department;
    },

    async list(
      actor: Actor,
      opts: { cursor?: string; limit: number; includeInactive?: boolean },
    ): Promise<Page<Department>> {
      assertCan(actor, 'departments.read');
      const rows = await departmentRepository(deps.db).list({
        after: decodeCursor(opts.cursor),
        limit: opts.limit + 1,
        includeInactive: opts.includeInactive ?? false,
      });
      return toPage(rows, opts.limit, (d) => d.id);
    },
  };
}

export type DepartmentService = ReturnType<typeof createDepartmentService>;

function assertName(name: string): void {
  if (!name) throw new AppError('VALIDATION_FAILED', 'The name must not be empty', { field: 'name' });
}
