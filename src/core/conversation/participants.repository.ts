import type { Db } from '../../db/database.ts';
import type { Role } from '../shared/actor.ts';
import type { CustomerPerson } from './activity.ts';

export interface ContactCard {
  id: string;
  name: string;
  /** The primary email, or any email when none is marked primary; null for WhatsApp-only contacts. */
  email: string | null;
}

export interface OrganizationCard {
  id: string;
  name: string;
  code: string | null;
}

export interface AgentCard {
  id: string;
  name: string;
  email: string;
  initials: string;
  role: Role;
  timeZone: string;
  active: boolean;
}

/** The people around a ticket, as messages, invitations and macros need them. */
export function participantsRepository(db: Db) {
  return {
    async contact(id: string): Promise<ContactCard | undefined> {
      const row = await db.selectFrom('contacts').select(['id', 'name']).where('id', '=', id).executeTakeFirst();
      if (!row) return undefined;
      const email = await db
        .selectFrom('contact_emails')
        .select('email')
        .where('contact_id', '=', id)
        .orderBy('is_primary', 'desc')
        .orderBy('email')
        .executeTakeFirst();
      return { id: row.id, name: row.name, email: email?.email ?? null };
    },

    /** The requester first, then the copied contacts and the organization's contacts, with their emails. */
    async customerPeople(ticket: {
      requesterId: string;
      organizationId: string | null;
      ccContactIds?: string[];
    }): Promise<CustomerPerson[]> {
      const ids = [ticket.requesterId, ...(ticket.ccContactIds ?? [])];
      const rows = await db
        .selectFrom('contacts')
        .select(['id', 'name'])
        .where('merged_into_id', 'is', null)
        .where((eb) =>
          ticket.organizationId
            ? eb.or([eb('id', 'in', ids), eb('organization_id', '=', ticket.organizationId)])
            : eb('id', 'in', ids),
        )
        .orderBy('name')
        .execute();
      const emails =
        rows.length === 0
          ? []
          : await db
              .selectFrom('contact_emails')
              .select(['contact_id', 'email'])
              .where(
                'contact_id',
                'in',
                rows.map((r) => r.id),
              )
              .execute();
      const rank = (id: string) => (ids.includes(id) ? ids.indexOf(id) : ids.length);
      return rows
        .map((r) => ({
          id: r.id,
          name: r.name,
          emails: emails.filter((e) => e.contact_id === r.id).map((e) => e.email),
        }))
        .sort((a, b) => rank(a.id) - rank(b.id));
    },

    async organization(id: string): Promise<OrganizationCard | undefined> {
      return db.selectFrom('organizations').select(['id', 'name', 'code']).where('id', '=', id).executeTakeFirst();
    },

    async agent(id: string): Promise<AgentCard | undefined> {
      const row = await db
        .selectFrom('agents')
        .select(['id', 'name', 'email', 'initials', 'role', 'time_zone', 'active'])
        .where('id', '=', id)
        .executeTakeFirst();
      return row && toCard(row);
    },

    /** The active agents of a department, supervisors included, by name. */
    async departmentStaff(departmentId: string): Promise<AgentCard[]> {
      const rows = await db
        .selectFrom('agents')
        .innerJoin('agent_departments', 'agent_departments.agent_id', 'agents.id')
        .select([
          'agents.id',
          'agents.name',
          'agents.email',
          'agents.initials',
          'agents.role',
          'agents.time_zone',
          'agents.active',
        ])
        .where('agent_departments.department_id', '=', departmentId)
        .where('agents.active', '=', 1)
        .orderBy('agents.name')
        .orderBy('agents.id')
        .execute();
      return rows.map(toCard);
    },
  };
}

function toCard(row: {
  id: string;
  name: string;
  email: string;
  initials: string;
  role: Role;
  time_zone: string;
  active: number;
}): AgentCard {
  return {
    id: row.id,
    name: row.name,
    email: row.email,
    initials: row.initials,
    role: row.role,
    timeZone: row.time_zone,
    active: row.active === 1,
  };
}
