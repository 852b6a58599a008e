import type { Db } from '../../db/database.ts';
import type { Actor } from '../shared/actor.ts';
import { statusCategoryIn } from '../tickets/ticket.repository.ts';
import { UNSOLVED_CATEGORIES } from '../tickets/ticket-vocabulary.ts';
import type { Report, ReportScope, Row } from './report.ts';
import { median, round1 } from './report-stats.ts';
import { reportTickets } from './report-tickets.repository.ts';

/**
 * 003: "es importante que las incidencias permanezcan de color blanco". The tickets red now (24 h
 * without a mail or note, as the SLA engine marks them), since when and for how many hours, the
 * longest first; with counts per agent. Red since = when the periodic-update target fell due.
 */
export async function stalenessReport(db: Db, actor: Actor, scope: ReportScope): Promise<Report> {
  const rows = await reportTickets(db, actor, scope)
    .leftJoin('agents', 'agents.id', 'tickets.assignee_id')
    .leftJoin('departments', 'departments.id', 'tickets.department_id')
    .leftJoin('organizations', 'organizations.id', 'tickets.organization_id')
    .leftJoin('ticket_sla_targets as update_target', (join) =>
      join.onRef('update_target.ticket_id', '=', 'tickets.id').on('update_target.metric', '=', 'periodic_update'),
    )
    .select([
      'tickets.number',
      'tickets.subject',
      'agents.name as agent',
      'departments.name as department',
      'organizations.name as organization',
      'update_target.due_at as red_since',
      'tickets.updated_at',
    ])
    .where('tickets.stale', '=', 1)
    .where(statusCategoryIn(UNSOLVED_CATEGORIES))
    .execute();
  const now = scope.now.getTime();
  const red = rows
    .map((r) => {
      const since = r.red_since ?? r.updated_at;
      return {
        number: r.number,
        subject: r.subject,
        agent: r.agent,
        department: r.department,
        organization: r.organization,
        redSince: new Date(since).toISOString(),
        hoursRed: round1(Math.max(0, now - new Date(since).getTime()) / 3_600_000) as number,
      };
    })
    .sort((a, b) => b.hoursRed - a.hoursRed || a.number.localeCompare(b.number));
  const perAgent = new Map<string, number>();
  for (const r of red) perAgent.set(r.agent ?? '', (perAgent.get(r.agent ?? '') ?? 0) + 1);
  const hours = red.map((r) => r.hoursRed);
  return {
    report: 'staleness',
    range: { from: scope.fromDate, to: scope.toDate, timeZone: scope.timeZone },
    summary: {
      red: red.length,
      medianHoursRed: round1(median(hours)),
      maxHoursRed: hours.length > 0 ? Math.max(...hours) : null,
    },
    series: [...perAgent]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([agent, count]) => ({ agent: agent || null, red: count })),
    breakdowns: {},
    columns: [
      { key: 'number', type: 'text' },
      { key: 'subject', type: 'text' },
      { key: 'agent', type: 'text' },
      { key: 'department', type: 'text' },
      { key: 'organization', type: 'text' },
      { key: 'redSince', type: 'datetime' },
      { key: 'hoursRed', type: 'number' },
    ],
    rows: red as unknown as Row[],
  };
}
