import type { Db } from '../../db/database.ts';
import type { Actor } from '../shared/actor.ts';
import { applyFilters, type TicketFilters, visibleTo } from '../tickets/ticket.repository.ts';
import { type TaskRecord, toTask } from './task.repository.ts';

/** A task as the planner lists it: with the ticket it belongs to. */
export interface PlannedTask extends TaskRecord {
  ticketNumber: string;
  ticketSubject: string;
  departmentId: string | null;
  organizationId: string | null;
  organizationName: string | null;
}

export interface PlannerTaskFilters {
  tickets: TicketFilters;
  /** Task assignees; null for unassigned tasks. */
  assigneeIds?: (string | null)[];
  state?: 'open' | 'done' | 'overdue';
  dueFrom?: string;
  dueTo?: string;
  now: string;
  /** Keyset of the last task read: its due time ('' when none) and id. */
  after?: { dueAt: string | null; id: string };
  limit: number;
}

/** The ids of the tickets the actor may see that match the filters, as a subquery. */
export function visibleTicketIds(db: Db, actor: Actor, filters: TicketFilters) {
  return db
    .selectFrom('tickets')
    .select('tickets.id')
    .where(visibleTo(actor))
    .where((eb) => applyFilters(eb, filters));
}

export function plannerRepository(db: Db) {
  return {
    /** Tasks across tickets by due time (undated last), then id; `limit + 1` rows for paging. */
    async tasks(actor: Actor, f: PlannerTaskFilters): Promise<PlannedTask[]> {
      let query = db
        .selectFrom('tasks')
        .innerJoin('tickets', 'tickets.id', 'tasks.ticket_id')
        .leftJoin('organizations', 'organizations.id', 'tickets.organization_id')
        .selectAll('tasks')
        .select([
          'tickets.number as ticket_number',
          'tickets.subject as ticket_subject',
          'tickets.department_id',
          'tickets.organization_id',
          'organizations.name as organization_name',
        ])
        .where('tasks.ticket_id', 'in', visibleTicketIds(db, actor, f.tickets));
      if (f.assigneeIds) {
        const ids = f.assigneeIds.filter((id): id is string => id !== null);
        const unassigned = f.assigneeIds.includes(null);
        query = query.where((eb) =>
          eb.or([
            ...(ids.length > 0 ? [eb('tasks.assignee_id', 'in', ids)] : []),
            ...(unassigned ? [eb('tasks.assignee_id', 'is', null)] : []),
          ]),
        );
      }
      if (f.state === 'open' || f.state === 'done') query = query.where('tasks.status', '=', f.state);
      if (f.state === 'overdue') query = query.where('tasks.status', '=', 'open').where('tasks.due_at', '<', f.now);
      if (f.dueFrom) query = query.where('tasks.due_at', '>=', f.dueFrom);
      if (f.dueTo) query = query.where('tasks.due_at', '<', f.dueTo);
      const after = f.after;
      if (after) {
        query = query.where((eb) =>
          after.dueAt === null
            ? eb.and([eb('tasks.due_at', 'is', null), eb('tasks.id', '>', after.id)])
            : eb.or([
                eb('tasks.due_at', '>', after.dueAt),
                eb.and([eb('tasks.due_at', '=', after.dueAt), eb('tasks.id', '>', after.id)]),
                eb('tasks.due_at', 'is', null),
              ]),
        );
      }
      const rows = await query
        .orderBy((eb) => eb.case().when('tasks.due_at', 'is', null).then(1).else(0).end())
        .orderBy('tasks.due_at')
        .orderBy('tasks.id')
        .limit(f.limit + 1)
        .execute();
      return rows.map((row) => ({
        ...toTask(row),
        ticketNumber: row.ticket_number,
        ticketSubject: row.ticket_subject,
        departmentId: row.department_id,
        organizationId: row.organization_id,
        organizationName: row.organization_name,
      }));
    },
  };
}
