import type { Db } from '../../db/database.ts';
import type { Actor } from '../shared/actor.ts';
import type { Report, ReportScope, Row } from './report.ts';
import { median, round1 } from './report-stats.ts';
import { reportTickets } from './report-tickets.repository.ts';

const HOUR = 3_600_000;

/**
 * 003: "es importante que las incidencias permanezcan de color blanco". Every spell a ticket spent
 * red (24 h without a mail or note, as the SLA engine marks them) that touched the period: when it
 * went red, when it turned white again (null: still red), for how long in all and within the
 * period; the longest first, with spells and red hours per agent. Hours are wall-clock hours.
 */
export async function stalenessReport(db: Db, actor: Actor, scope: ReportScope): Promise<Report> {
  const rows = await reportTickets(db, actor, scope)
    .innerJoin('ticket_red_spells as spell', 'spell.ticket_id', 'tickets.id')
    .leftJoin('agents', 'agents.id', 'tickets.assignee_id')
    .leftJoin('departments', 'departments.id', 'tickets.department_id')
    .leftJoin('organizations', 'organizations.id', 'tickets.organization_id')
    .select([
      'tickets.number',
      'tickets.subject',
      'agents.name as agent',
      'departments.name as department',
      'organizations.name as organization',
      'spell.started_at',
      'spell.ended_at',
    ])
    .where('spell.started_at', '<', scope.toAt)
    .where((eb) => eb.or([eb('spell.ended_at', 'is', null), eb('spell.ended_at', '>', scope.fromAt)]))
    .execute();
  const now = scope.now.getTime();
  const periodStart = Date.parse(scope.fromAt);
  const periodEnd = Math.min(Date.parse(scope.toAt), now);
  const spells = rows
    .map((r) => {
      const start = new Date(r.started_at).getTime();
      const end = r.ended_at === null ? now : new Date(r.ended_at).getTime();
      const inPeriod = Math.max(0, Math.min(end, periodEnd) - Math.max(start, periodStart));
      return {
        number: r.number,
        subject: r.subject,
        agent: r.agent,
        department: r.department,
        organization: r.organization,
        redSince: new Date(start).toISOString(),
        redUntil: r.ended_at === null ? null : new Date(end).toISOString(),
        hoursRed: round1(Math.max(0, end - start) / HOUR) as number,
        hoursRedInPeriod: round1(inPeriod / HOUR) as number,
      };
    })
    .sort(
      (a, b) => b.hoursRed - a.hoursRed || a.number.localeCompare(b.number) || a.redSince.localeCompare(b.redSince),
    );
  const perAgent = new Map<string, { spells: number; hours: number }>();
  for (const s of spells) {
    const totals = perAgent.get(s.agent ?? '') ?? { spells: 0, hours: 0 };
    totals.spells += 1;
    totals.hours += s.hoursRedInPeriod;
    perAgent.set(s.agent ?? '', totals);
  }
  const hours = spells.map((s) => s.hoursRed);
  return {
    report: 'staleness',
    range: { from: scope.fromDate, to: scope.toDate, timeZone: scope.timeZone },
    summary: {
      red: spells.filter((s) => s.redUntil === null).length,
      spells: spells.length,
      tickets: new Set(spells.map((s) => s.number)).size,
      hoursRedInPeriod: round1(spells.reduce((sum, s) => sum + s.hoursRedInPeriod, 0)),
      medianHoursRed: round1(median(hours)),
      maxHoursRed: hours.length > 0 ? Math.max(...hours) : null,
    },
    series: [...perAgent]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([agent, t]) => ({ agent: agent || null, spells: t.spells, hoursRedInPeriod: round1(t.hours) })),
    breakdowns: {},
    columns: [
      { key: 'number', type: 'text' },
      { key: 'subject', type: 'text' },
      { key: 'agent', type: 'text' },
      { key: 'department', type: 'text' },
      { key: 'organization', type: 'text' },
      { key: 'redSince', type: 'datetime' },
      { key: 'redUntil', type: 'datetime' },
      { key: 'hoursRed', type: 'number' },
      { key: 'hoursRedInPeriod', type: 'number' },
    ],
    rows: spells as unknown as Row[],
  };
}
