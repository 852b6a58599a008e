import type { Db } from '../../db/database.ts';
import type { Actor } from '../shared/actor.ts';
import { businessDurationReport } from './business-durations.ts';
import type { Report, ReportScope } from './report.ts';
import { reportTickets } from './report-tickets.repository.ts';

/**
 * 003: "un correo tiene un máximo de 4 horas para ser contestado": business time from a ticket's
 * creation to its first public answer, for tickets first answered in the period.
 */
export async function firstReplyReport(db: Db, actor: Actor, scope: ReportScope): Promise<Report> {
  const rows = await reportTickets(db, actor, scope)
    .leftJoin('agents', 'agents.id', 'tickets.assignee_id')
    .select(['tickets.department_id', 'agents.name as assignee', 'tickets.created_at', 'tickets.first_response_at'])
    .where('tickets.first_response_at', '>=', scope.fromAt)
    .where('tickets.first_response_at', '<', scope.toAt)
    .execute();
  return businessDurationReport(
    db,
    'first-reply',
    scope,
    rows.map((r) => ({
      departmentId: r.department_id,
      assigneeName: r.assignee,
      start: r.created_at,
      end: r.first_response_at as string,
    })),
  );
}
