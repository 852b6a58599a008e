import type { Db } from '../../db/database.ts';
import type { Actor } from '../shared/actor.ts';

/** Which customers' tickets reach outside a plain agent's departments, and the audit of their addresses. */
export function customerAccessRepository(db: Db) {
  return {
    /**
     * Whether any ticket of these contacts (requested or copied) or of this organization lies in a
     * department the agent is not in and is not assigned to them: a ticket the agent cannot open.
     */
    async hasTicketsOutside(
      agent: Extract<Actor, { kind: 'agent' }>,
      scope: { contactIds?: string[]; organizationId?: string },
    ): Promise<boolean> {
      const contactIds = scope.contactIds ?? [];
      const row = await db
        .selectFrom('tickets')
        .select('tickets.id')
        .where((eb) => {
          const mine = [];
          if (contactIds.length > 0) {
            mine.push(eb('tickets.requester_id', 'in', contactIds));
            mine.push(
              eb(
                'tickets.id',
                'in',
                eb
                  .selectFrom('ticket_ccs')
                  .select('ticket_ccs.ticket_id')
                  .where('ticket_ccs.contact_id', 'in', contactIds),
              ),
            );
          }
          if (scope.organizationId) mine.push(eb('tickets.organization_id', '=', scope.organizationId));
          return eb.or(mine);
        })
        .where('tickets.department_id', 'is not', null)
        .$if(agent.departmentIds.length > 0, (q) => q.where('tickets.department_id', 'not in', agent.departmentIds))
        .where((eb) => eb.or([eb('tickets.assignee_id', 'is', null), eb('tickets.assignee_id', '!=', agent.id)]))
        .limit(1)
        .executeTakeFirst();
      return row !== undefined;
    },

    async audit(entry: {
      entityId: string;
      field: string;
      from: string | null;
      to: string | null;
      actor: Actor;
      at: string;
    }): Promise<void> {
      await db
        .insertInto('audit_log')
        .values({
          entity: 'contact',
          entity_id: entry.entityId,
          field: entry.field,
          from_value: entry.from,
          to_value: entry.to,
          actor_kind: entry.actor.kind,
          actor_id: entry.actor.kind === 'system' ? null : entry.actor.id,
          created_at: entry.at,
        })
        .execute();
    },

    async auditOf(contactId: string) {
      return db
        .selectFrom('audit_log')
        .select(['field', 'from_value', 'to_value', 'actor_kind', 'actor_id', 'created_at'])
        .where('entity', '=', 'contact')
        .where('entity_id', '=', contactId)
        .orderBy('id')
        .execute();
    },
  };
}
