import { sql } from 'kysely';
import type { Db, StatusCategory } from '../../db/database.ts';
import type { TicketVisibility } from './ticket.policy.ts';

/** What other modules need to know about a ticket to act on it. */
export interface TicketRef extends TicketVisibility {
  id: string;
  number: string;
  subject: string;
  statusId: string;
  statusCategory: StatusCategory;
  mergedIntoId: string | null;
}

const NUMBER_PATTERN = /^[A-Za-z]{0,10}\d+$/;

export function ticketRefRepository(db: Db) {
  return {
    /** By id, or by number such as `OP10044` (case-insensitive prefix). */
    async find(idOrNumber: string): Promise<TicketRef | undefined> {
      const byNumber = NUMBER_PATTERN.test(idOrNumber);
      // One statement: the ticket page resolves its ticket once per sub-load (bench/README.md).
      const row = await db
        .selectFrom('tickets')
        .select([
          'id',
          'number',
          'subject',
          'status_id',
          'status_category',
          'department_id',
          'assignee_id',
          'requester_id',
          'organization_id',
          'merged_into_id',
          sql<string | null>`(select string_agg(contact_id, ' ') from ticket_ccs where ticket_id = tickets.id)`.as(
            'ccs',
          ),
          sql<string | null>`(select string_agg(agent_id, ' ') from ticket_followers where ticket_id = tickets.id)`.as(
            'followers',
          ),
        ])
        .where(byNumber ? 'number' : 'id', '=', byNumber ? idOrNumber.toUpperCase() : idOrNumber)
        .executeTakeFirst();
      if (!row) return undefined;
      return {
        id: row.id,
        number: row.number,
        subject: row.subject,
        statusId: row.status_id,
        statusCategory: row.status_category,
        departmentId: row.department_id,
        assigneeId: row.assignee_id,
        requesterId: row.requester_id,
        organizationId: row.organization_id,
        mergedIntoId: row.merged_into_id,
        ccContactIds: row.ccs ? row.ccs.split(' ') : [],
        followerIds: row.followers ? row.followers.split(' ') : [],
      };
    },

    /** Marks activity on a ticket (a message, a time entry…) so queues sort it up. */
    /** The most recently updated tickets of these requesters (a search that found the customer by name). */
    async idsOfRequesters(contactIds: string[], limit: number): Promise<string[]> {
      if (contactIds.length === 0) return [];
      const rows = await db
        .selectFrom('tickets')
        .select('id')
        .where('requester_id', 'in', contactIds)
        .orderBy('updated_at', 'desc')
        .limit(limit)
        .execute();
      return rows.map((r) => r.id);
    },

    async touch(id: string, now: string): Promise<void> {
      await db.updateTable('tickets').set({ updated_at: now }).where('id', '=', id).execute();
    },
  };
}
