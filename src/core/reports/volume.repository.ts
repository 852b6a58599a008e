import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { Actor } from '../shared/actor.ts';
import { UNSOLVED_CATEGORIES } from '../tickets/ticket-vocabulary.ts';
import type { Report, ReportScope, Row } from './report.ts';
import { hourStart, utcHour } from './report-sql.repository.ts';
import { bucketOf, bucketsBetween } from './report-stats.ts';
import { countedTicket, reportTickets } from './report-tickets.repository.ts';

/** Created, solved and reopened tickets per day or week, and what was created by channel and type. */
export async function volumeReport(db: Db, actor: Actor, scope: ReportScope): Promise<Report> {
  const created = await reportTickets(db, actor, scope)
    .select((eb) => [utcHour(db, eb.ref('tickets.created_at')).as('hour'), eb.fn.countAll<number>().as('n')])
    .where('tickets.created_at', '>=', scope.fromAt)
    .where('tickets.created_at', '<', scope.toAt)
    .groupBy('hour')
    .execute();
  const solved = await reportTickets(db, actor, scope)
    .select((eb) => [utcHour(db, eb.ref('tickets.solved_at')).as('hour'), eb.fn.countAll<number>().as('n')])
    .where('tickets.solved_at', '>=', scope.fromAt)
    .where('tickets.solved_at', '<', scope.toAt)
    .groupBy('hour')
    .execute();
  // A reopening is a status change out of a solved or closed category. The statuses are joined by
  // the ids the history stores beside the names, so a renamed status still counts.
  const reopened = await db
    .selectFrom('ticket_events')
    .innerJoin('ticket_statuses as was', 'was.id', 'ticket_events.from_ref')
    .innerJoin('ticket_statuses as became', 'became.id', 'ticket_events.to_ref')
    .innerJoin('tickets', 'tickets.id', 'ticket_events.ticket_id')
    .select((eb) => [utcHour(db, eb.ref('ticket_events.created_at')).as('hour'), eb.fn.countAll<number>().as('n')])
    // A literal, so SQLite matches the partial index on status changes (0053).
    .where('ticket_events.field', '=', sql.lit('status'))
    .where('was.category', 'not in', UNSOLVED_CATEGORIES)
    .where('became.category', 'in', UNSOLVED_CATEGORIES)
    .where('ticket_events.created_at', '>=', scope.fromAt)
    .where('ticket_events.created_at', '<', scope.toAt)
    .where(countedTicket(actor, scope))
    .groupBy('hour')
    .execute();

  const buckets = new Map<string, { created: number; solved: number; reopened: number }>(
    bucketsBetween(scope.fromDate, scope.toDate, scope.interval).map((b) => [
      b,
      { created: 0, solved: 0, reopened: 0 },
    ]),
  );
  const add = (rows: { hour: string; n: number }[], key: 'created' | 'solved' | 'reopened') => {
    for (const row of rows) {
      const bucket = buckets.get(bucketOf(hourStart(row.hour), scope.timeZone, scope.interval));
      if (bucket) bucket[key] += Number(row.n);
    }
  };
  add(created, 'created');
  add(solved, 'solved');
  add(reopened, 'reopened');
  const series: Row[] = [...buckets].map(([bucket, counts]) => ({ bucket, ...counts }));

  const inPeriod = () =>
    reportTickets(db, actor, scope)
      .where('tickets.created_at', '>=', scope.fromAt)
      .where('tickets.created_at', '<', scope.toAt);
  const byChannel = await inPeriod()
    .select((eb) => ['tickets.channel as channel', eb.fn.countAll<number>().as('created')])
    .groupBy('tickets.channel')
    .orderBy(sql`2`, 'desc')
    .orderBy('tickets.channel')
    .execute();
  const byType = await inPeriod()
    .leftJoin('ticket_types', 'ticket_types.id', 'tickets.type_id')
    .select((eb) => ['ticket_types.name as type', eb.fn.countAll<number>().as('created')])
    .groupBy('ticket_types.name')
    .orderBy(sql`2`, 'desc')
    .orderBy('ticket_types.name')
    .execute();

  const total = (key: 'created' | 'solved' | 'reopened') => series.reduce((sum, r) => sum + Number(r[key]), 0);
  return {
    report: 'volume',
    range: { from: scope.fromDate, to: scope.toDate, timeZone: scope.timeZone },
    summary: { created: total('created'), solved: total('solved'), reopened: total('reopened') },
    series,
    breakdowns: {
      byChannel: byChannel.map((r) => ({ channel: r.channel, created: Number(r.created) })),
      byType: byType.map((r) => ({ type: r.type, created: Number(r.created) })),
    },
    columns: [
      { key: 'bucket', type: 'date' },
      { key: 'created', type: 'number' },
      { key: 'solved', type: 'number' },
      { key: 'reopened', type: 'number' },
    ],
    rows: series,
  };
}
