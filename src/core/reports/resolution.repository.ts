import type { Db } from '../../db/database.ts';
import type { Actor } from '../shared/actor.ts';
import { businessDurationReport } from './business-durations.ts';
import type { Report, ReportScope } from './report.ts';
import { reportTickets } from './report-tickets.repository.ts';

/** Business time from creation to solution, for tickets solved in the period. */
export async function resolutionReport(db: Db, actor: Actor, scope: ReportScope): Promise<Report> {
  const rows = await reportTickets(db, actor, scope)
    .leftJoin('agents', 'agents.id', 'tickets.assignee_id')
    .select(['tickets.department_id', 'agents.name as assignee', 'tickets.created_at', 'tickets.solved_at'])
    .where('tickets.solved_at', '>=', scope.fromAt)
    .where('tickets.solved_at', '<', scope.toAt)
    .execute();
  return businessDurationReport(
    db,
    'resolution',
    scope,
    rows.map((r) => ({
      departmentId: r.department_id,
      assigneeName: r.assignee,
      start: r.created_at,
      end: r.solved_at as string,
    })),
  );
}
