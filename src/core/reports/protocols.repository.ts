import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { Actor } from '../shared/actor.ts';
import type { Report, ReportScope, Row } from './report.ts';
import { hourStart, utcHour } from './report-sql.repository.ts';
import { bucketOf, bucketsBetween, share } from './report-stats.ts';
import { countedTicket } from './report-tickets.repository.ts';

/**
 * Issue 19/17: which protocols were applied in the period, how often, and how many of those were
 * completed (every step ticked), per protocol and per day or week.
 */
export async function protocolsReport(db: Db, actor: Actor, scope: ReportScope): Promise<Report> {
  const applied = () =>
    db
      .selectFrom('ticket_protocols')
      .innerJoin('protocols', 'protocols.id', 'ticket_protocols.protocol_id')
      .innerJoin('tickets', 'tickets.id', 'ticket_protocols.ticket_id')
      .where('ticket_protocols.applied_at', '>=', scope.fromAt)
      .where('ticket_protocols.applied_at', '<', scope.toAt)
      .where(countedTicket(actor, scope));
  const completed = sql<number>`sum(case when ticket_protocols.completed_at is null then 0 else 1 end)`;
  const perHour = await applied()
    .select((eb) => [
      utcHour(db, eb.ref('ticket_protocols.applied_at')).as('hour'),
      completed.as('completed'),
      eb.fn.countAll<number>().as('n'),
    ])
    .groupBy('hour')
    .execute();
  const perProtocol = await applied()
    .select((eb) => ['protocols.title as protocol', completed.as('completed'), eb.fn.countAll<number>().as('n')])
    .groupBy('protocols.title')
    .orderBy('protocols.title')
    .execute();

  const buckets = new Map(bucketsBetween(scope.fromDate, scope.toDate, scope.interval).map((b) => [b, { c: 0, n: 0 }]));
  for (const row of perHour) {
    const bucket = buckets.get(bucketOf(hourStart(row.hour), scope.timeZone, scope.interval));
    if (bucket) {
      bucket.c += Number(row.completed);
      bucket.n += Number(row.n);
    }
  }
  const rows = perProtocol.map(
    (r): Row => ({
      protocol: r.protocol,
      applied: Number(r.n),
      completed: Number(r.completed),
      completedShare: share(Number(r.completed), Number(r.n)),
    }),
  );
  const total = rows.reduce((sum, r) => sum + Number(r.applied), 0);
  const done = rows.reduce((sum, r) => sum + Number(r.completed), 0);
  return {
    report: 'protocols',
    range: { from: scope.fromDate, to: scope.toDate, timeZone: scope.timeZone },
    summary: { applied: total, completed: done, completedShare: share(done, total) },
    series: [...buckets].map(([bucket, b]) => ({ bucket, applied: b.n, completed: b.c })),
    breakdowns: {},
    columns: [
      { key: 'protocol', type: 'text' },
      { key: 'applied', type: 'number' },
      { key: 'completed', type: 'number' },
      { key: 'completedShare', type: 'percent' },
    ],
    rows,
  };
}
