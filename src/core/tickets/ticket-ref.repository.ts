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
        ])
        .where(byNumber ? 'number' : 'id', '=', byNumber ? idOrNumber.toUpperCase() : idOrNumber)
        .executeTakeFirst();
      if (!row) return undefined;
      const [ccs, followers] = await Promise.all([
        db.selectFrom('ticket_ccs').select('contact_id').where('ticket_id', '=', row.id).execute(),
        db.selectFrom('ticket_followers').select('agent_id').where('ticket_id', '=', row.id).execute(),
      ]);
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
        ccContactIds: ccs.map((c) => c.contact_id),
        followerIds: followers.map((f) => f.agent_id),
      };
    },

    /** Marks activity on a ticket (a message, a time entry…) so queues sort it up. */
    async touch(id: string, now: string): Promise<void> {
      await db.updateTable('tickets').set({ updated_at: now }).where('id', '=', id).execute();
    },
  };
}
