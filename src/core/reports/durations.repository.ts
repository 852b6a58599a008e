import type { Db } from '../../db/database.ts';
import type { Actor } from '../shared/actor.ts';
import { businessDurationReport } from './business-durations.ts';
import type { Report, ReportScope } from './report.ts';
import { reportTickets } from './report-tickets.repository.ts';

/**
 * Business time from a ticket's creation to `end`, for tickets whose `end` falls in the period:
 * - first reply (003: "un correo tiene un máximo de 4 horas para ser contestado"): to the first public answer;
 * - resolution: to the solution.
 */
function durationReport(name: 'first-reply' | 'resolution', end: 'first_response_at' | 'solved_at') {
  return async (db: Db, actor: Actor, scope: ReportScope): Promise<Report> => {
    const rows = await reportTickets(db, actor, scope)
      .leftJoin('agents', 'agents.id', 'tickets.assignee_id')
      .select(['tickets.department_id', 'agents.name as assignee', 'tickets.created_at', `tickets.${end} as end`])
      .where(`tickets.${end}`, '>=', scope.fromAt)
      .where(`tickets.${end}`, '<', scope.toAt)
      .execute();
    return businessDurationReport(
      db,
      name,
      scope,
      rows.map((r) => ({
        departmentId: r.department_id,
        assigneeName: r.assignee,
        start: r.created_at,
        end: r.end as string,
      })),
    );
  };
}

export const firstReplyReport = durationReport('first-reply', 'first_response_at');
export const resolutionReport = durationReport('resolution', 'solved_at');
