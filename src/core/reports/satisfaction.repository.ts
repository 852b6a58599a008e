import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { Actor } from '../shared/actor.ts';
import type { Report, ReportScope, Row } from './report.ts';
import { hourStart, utcHour } from './report-sql.repository.ts';
import { bucketOf, bucketsBetween, share } from './report-stats.ts';
import { countedTicket } from './report-tickets.repository.ts';

/**
 * CSAT of the answers given in the period (each ticket's current answer): good %, count, per day,
 * per agent and per organization, and every comment.
 */
export async function satisfactionReport(db: Db, actor: Actor, scope: ReportScope): Promise<Report> {
  const rated = () =>
    db
      .selectFrom('satisfaction_surveys')
      .innerJoin('tickets', 'tickets.id', 'satisfaction_surveys.ticket_id')
      .where('satisfaction_surveys.rating', 'is not', null)
      .where('satisfaction_surveys.rated_at', '>=', scope.fromAt)
      .where('satisfaction_surveys.rated_at', '<', scope.toAt)
      .where(countedTicket(actor, scope));
  const good = sql<number>`sum(case when satisfaction_surveys.rating = 'good' then 1 else 0 end)`;
  const perHour = await rated()
    .select((eb) => [
      utcHour(db, eb.ref('satisfaction_surveys.rated_at')).as('hour'),
      good.as('good'),
      eb.fn.countAll<number>().as('n'),
    ])
    .groupBy('hour')
    .execute();
  const byAgent = await rated()
    .leftJoin('agents', 'agents.id', 'tickets.assignee_id')
    .select((eb) => ['agents.name as agent', good.as('good'), eb.fn.countAll<number>().as('n')])
    .groupBy('agents.name')
    .orderBy('agents.name')
    .execute();
  const byOrganization = await rated()
    .leftJoin('organizations', 'organizations.id', 'tickets.organization_id')
    .select((eb) => ['organizations.name as organization', good.as('good'), eb.fn.countAll<number>().as('n')])
    .groupBy('organizations.name')
    .orderBy('organizations.name')
    .execute();
  const answers = await rated()
    .leftJoin('agents', 'agents.id', 'tickets.assignee_id')
    .leftJoin('organizations', 'organizations.id', 'tickets.organization_id')
    .select([
      'tickets.number',
      'tickets.subject',
      'satisfaction_surveys.rating',
      'satisfaction_surveys.comment',
      'satisfaction_surveys.rated_at',
      'agents.name as agent',
      'organizations.name as organization',
    ])
    .orderBy('satisfaction_surveys.rated_at', 'desc')
    .orderBy('tickets.number')
    .execute();

  const tally = (g: number, n: number) => ({ good: g, bad: n - g, rated: n, goodShare: share(g, n) });
  const buckets = new Map(bucketsBetween(scope.fromDate, scope.toDate, scope.interval).map((b) => [b, { g: 0, n: 0 }]));
  for (const row of perHour) {
    const bucket = buckets.get(bucketOf(hourStart(row.hour), scope.timeZone, scope.interval));
    if (bucket) {
      bucket.g += Number(row.good);
      bucket.n += Number(row.n);
    }
  }
  const totalGood = answers.filter((a) => a.rating === 'good').length;
  return {
    report: 'satisfaction',
    range: { from: scope.fromDate, to: scope.toDate, timeZone: scope.timeZone },
    summary: { ...tally(totalGood, answers.length), comments: answers.filter((a) => a.comment).length },
    series: [...buckets].map(([bucket, t]) => ({ bucket, ...tally(t.g, t.n) })),
    breakdowns: {
      byAgent: byAgent.map((r) => ({ agent: r.agent, ...tally(Number(r.good), Number(r.n)) })),
      byOrganization: byOrganization.map((r) => ({
        organization: r.organization,
        ...tally(Number(r.good), Number(r.n)),
      })),
    },
    columns: [
      { key: 'ratedAt', type: 'datetime' },
      { key: 'number', type: 'text' },
      { key: 'subject', type: 'text' },
      { key: 'rating', type: 'text' },
      { key: 'comment', type: 'text' },
      { key: 'agent', type: 'text' },
      { key: 'organization', type: 'text' },
    ],
    rows: answers.map(
      (a): Row => ({
        ratedAt: new Date(a.rated_at as string).toISOString(),
        number: a.number,
        subject: a.subject,
        rating: a.rating,
        comment: a.comment,
        agent: a.agent,
        organization: a.organization,
      }),
    ),
  };
}
