import type { Selectable } from 'kysely';
import type { AgentsTable, Db } from '../../db/database.ts';
import type { Locale, Role } from '../shared/actor.ts';

export interface Agent {
  id: string;
  email: string;
  name: string;
  initials: string;
  role: Role;
  locale: Locale;
  timeZone: string;
  skills: string[];
  departmentIds: string[];
  active: boolean;
  createdAt: string;
  updatedAt: string;
}

export type AgentChanges = Partial<
  Pick<Agent, 'email' | 'name' | 'initials' | 'role' | 'locale' | 'timeZone' | 'skills' | 'active'>
> & { passwordHash?: string };

function toAgent(row: Selectable<AgentsTable>, departmentIds: string[]): Agent {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    initials: row.initials,
    role: row.role,
    locale: row.locale,
    timeZone: row.time_zone,
    skills: JSON.parse(row.skills) as string[],
    departmentIds,
    active: row.active === 1,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function agentRepository(db: Db) {
  async function departmentsOf(agentIds: string[]): Promise<Map<string, string[]>> {
    const map = new Map<string, string[]>(agentIds.map((id) => [id, []]));
    if (agentIds.length === 0) return map;
    const rows = await db
      .selectFrom('agent_departments')
      .select(['agent_id', 'department_id'])
      .where('agent_id', 'in', agentIds)
      .orderBy('department_id')
      .execute();
    for (const row of rows) map.get(row.agent_id)?.push(row.department_id);
    return map;
  }

  async function hydrate(rows: Selectable<AgentsTable>[]): Promise<Agent[]> {
    const departments = await departmentsOf(rows.map((r) => r.id));
    return rows.map((row) => toAgent(row, departments.get(row.id) ?? []));
  }

  return {
    async find(id: string): Promise<Agent | undefined> {
      const row = await db.selectFrom('agents').selectAll().where('id', '=', id).executeTakeFirst();
      return row && (await hydrate([row]))[0];
    },

    async findByEmail(email: string): Promise<Agent | undefined> {
      const row = await db.selectFrom('agents').selectAll().where('email', '=', email).executeTakeFirst();
      return row && (await hydrate([row]))[0];
    },

    async findByInitials(initials: string): Promise<{ id: string; name: string } | undefined> {
      return db.selectFrom('agents').select(['id', 'name']).where('initials', '=', initials).executeTakeFirst();
    },

    /** The agent with its password hash, for signing in only. */
    async findCredentials(email: string): Promise<{ agent: Agent; passwordHash: string | null } | undefined> {
      const row = await db.selectFrom('agents').selectAll().where('email', '=', email).executeTakeFirst();
      if (!row) return undefined;
      const [agent] = await hydrate([row]);
      return agent && { agent, passwordHash: row.password_hash };
    },

    async list(opts: { after?: string; limit: number; includeInactive: boolean; departmentId?: string }) {
      let query = db.selectFrom('agents').selectAll('agents').orderBy('agents.id').limit(opts.limit);
      if (opts.after) query = query.where('agents.id', '>', opts.after);
      if (!opts.includeInactive) query = query.where('agents.active', '=', 1);
      if (opts.departmentId) {
        query = query
          .innerJoin('agent_departments', 'agent_departments.agent_id', 'agents.id')
          .where('agent_departments.department_id', '=', opts.departmentId);
      }
      return hydrate(await query.execute());
    },

    /** Every active agent with their departments (two statements, whatever the number of agents). */
    async listActive(): Promise<Agent[]> {
      return hydrate(await db.selectFrom('agents').selectAll().where('active', '=', 1).orderBy('id').execute());
    },

    async count(): Promise<number> {
      const row = await db
        .selectFrom('agents')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirst();
      return Number(row?.n ?? 0);
    },

    async countActiveAdmins(): Promise<number> {
      const row = await db
        .selectFrom('agents')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('role', '=', 'admin')
        .where('active', '=', 1)
        .executeTakeFirst();
      return Number(row?.n ?? 0);
    },

    async insert(agent: Agent, passwordHash: string | null): Promise<void> {
      await db
        .insertInto('agents')
        .values({
          id: agent.id,
          email: agent.email,
          name: agent.name,
          initials: agent.initials,
          role: agent.role,
          locale: agent.locale,
          time_zone: agent.timeZone,
          skills: JSON.stringify(agent.skills),
          password_hash: passwordHash,
          active: agent.active ? 1 : 0,
          created_at: agent.createdAt,
          updated_at: agent.updatedAt,
        })
        .execute();
      await this.setDepartments(agent.id, agent.departmentIds);
    },

    async update(id: string, changes: AgentChanges, now: string): Promise<void> {
      await db
        .updateTable('agents')
        .set({
          ...(changes.email !== undefined && { email: changes.email }),
          ...(changes.name !== undefined && { name: changes.name }),
          ...(changes.initials !== undefined && { initials: changes.initials }),
          ...(changes.role !== undefined && { role: changes.role }),
          ...(changes.locale !== undefined && { locale: changes.locale }),
          ...(changes.timeZone !== undefined && { time_zone: changes.timeZone }),
          ...(changes.skills !== undefined && { skills: JSON.stringify(changes.skills) }),
          ...(changes.active !== undefined && { active: changes.active ? 1 : 0 }),
          ...(changes.passwordHash !== undefined && { password_hash: changes.passwordHash }),
          updated_at: now,
        })
        .where('id', '=', id)
        .execute();
    },

    async setDepartments(agentId: string, departmentIds: string[]): Promise<void> {
      await db.deleteFrom('agent_departments').where('agent_id', '=', agentId).execute();
      if (departmentIds.length === 0) return;
      await db
        .insertInto('agent_departments')
        .values([...new Set(departmentIds)].map((department_id) => ({ agent_id: agentId, department_id })))
        .execute();
    },
  };
}
