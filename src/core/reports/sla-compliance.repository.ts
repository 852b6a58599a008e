import type { Db } from '../../db/database.ts';
import type { Actor } from '../shared/actor.ts';
import { SLA_METRICS } from '../sla/sla-policy.ts';
import type { Report, ReportScope, Row } from './report.ts';
import { share } from './report-stats.ts';
import { countedTicket } from './report-tickets.repository.ts';

/**
 * Per SLA policy and target, of the tickets created in the period: how many targets were met,
 * breached (late, whether met afterwards or not) or still running, and the share met in time.
 * Read from the targets the SLA engine stores, so the report and the ticket's clocks agree.
 */
export async function slaComplianceReport(db: Db, actor: Actor, scope: ReportScope): Promise<Report> {
  const counts = await db
    .selectFrom('ticket_sla_targets')
    .innerJoin('tickets', 'tickets.id', 'ticket_sla_targets.ticket_id')
    .leftJoin('sla_policies', 'sla_policies.id', 'ticket_sla_targets.policy_id')
    .select((eb) => [
      'sla_policies.name as policy',
      'ticket_sla_targets.metric as metric',
      'ticket_sla_targets.state as state',
      eb.fn.countAll<number>().as('n'),
    ])
    .where('tickets.created_at', '>=', scope.fromAt)
    .where('tickets.created_at', '<', scope.toAt)
    .where(countedTicket(actor, scope))
    .groupBy(['sla_policies.name', 'ticket_sla_targets.metric', 'ticket_sla_targets.state'])
    .execute();

  type Tally = { met: number; breached: number; running: number };
  const tally = () => ({ met: 0, breached: 0, running: 0 });
  const add = (t: Tally, state: string, n: number) => {
    if (state === 'met') t.met += n;
    else if (state === 'breached') t.breached += n;
    else t.running += n;
  };
  const perTarget = new Map<string, Tally & { policy: string | null; metric: string }>();
  const perMetric = new Map<string, Tally>(SLA_METRICS.map((m) => [m, tally()]));
  const overall = tally();
  for (const row of counts) {
    const key = `${row.policy ?? ''}\u0000${row.metric}`;
    const target = perTarget.get(key) ?? { policy: row.policy, metric: row.metric, ...tally() };
    perTarget.set(key, target);
    add(target, row.state, Number(row.n));
    add(perMetric.get(row.metric) as Tally, row.state, Number(row.n));
    add(overall, row.state, Number(row.n));
  }
  const withShare = (t: Tally) => ({ ...t, compliance: share(t.met, t.met + t.breached) });
  const order = (metric: string) => SLA_METRICS.indexOf(metric as never);
  const rows: Row[] = [...perTarget.values()]
    .sort((a, b) => (a.policy ?? '').localeCompare(b.policy ?? '') || order(a.metric) - order(b.metric))
    .map((t) => ({ policy: t.policy, metric: t.metric, ...withShare(t) }));
  return {
    report: 'sla-compliance',
    range: { from: scope.fromDate, to: scope.toDate, timeZone: scope.timeZone },
    summary: withShare(overall),
    series: [...perMetric].map(([metric, t]) => ({ metric, ...withShare(t) })),
    breakdowns: {},
    columns: [
      { key: 'policy', type: 'text' },
      { key: 'metric', type: 'text' },
      { key: 'met', type: 'number' },
      { key: 'breached', type: 'number' },
      { key: 'running', type: 'number' },
      { key: 'compliance', type: 'percent' },
    ],
    rows,
  };
}
