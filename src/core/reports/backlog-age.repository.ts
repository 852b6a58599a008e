import type { Db } from '../../db/database.ts';
import type { Actor } from '../shared/actor.ts';
import { statusCategoryIn } from '../tickets/ticket.repository.ts';
import { UNSOLVED_CATEGORIES } from '../tickets/ticket-vocabulary.ts';
import type { Report, ReportScope } from './report.ts';
import { median, percentile, round1 } from './report-stats.ts';
import { reportTickets } from './report-tickets.repository.ts';

/** Age bands of the open backlog, in days since creation (upper bound excluded; null = no bound). */
const BANDS: { key: string; upToDays: number | null }[] = [
  { key: '0-1', upToDays: 1 },
  { key: '1-3', upToDays: 3 },
  { key: '3-7', upToDays: 7 },
  { key: '7-30', upToDays: 30 },
  { key: '30+', upToDays: null },
];

/**
 * The unsolved tickets now (the period does not apply: a backlog is a picture of today), by age
 * band, with the median and p90 age in hours. Counted per band in SQL with bounds computed here.
 */
export async function backlogAgeReport(db: Db, actor: Actor, scope: ReportScope): Promise<Report> {
  const now = scope.now.getTime();
  const bound = (days: number) => new Date(now - days * 86_400_000).toISOString();
  const counts = await reportTickets(db, actor, scope)
    .where(statusCategoryIn(UNSOLVED_CATEGORIES))
    .select((eb) =>
      BANDS.map((band, i) => {
        const previous = BANDS[i - 1]?.upToDays;
        const conditions = [
          ...(band.upToDays !== null ? [eb('tickets.created_at', '>', bound(band.upToDays))] : []),
          ...(previous !== undefined && previous !== null ? [eb('tickets.created_at', '<=', bound(previous))] : []),
        ];
        return eb.fn.sum<number>(eb.case().when(eb.and(conditions)).then(1).else(0).end()).as(`band${i}`);
      }),
    )
    .executeTakeFirst();
  const created = await reportTickets(db, actor, scope)
    .where(statusCategoryIn(UNSOLVED_CATEGORIES))
    .select('tickets.created_at')
    .execute();
  const ages = created.map((r) => (now - new Date(r.created_at).getTime()) / 3_600_000);
  const rows = BANDS.map((band, i) => ({
    band: band.key,
    open: Number((counts as Record<string, unknown> | undefined)?.[`band${i}`] ?? 0),
  }));
  return {
    report: 'backlog-age',
    range: { from: scope.fromDate, to: scope.toDate, timeZone: scope.timeZone },
    summary: {
      open: ages.length,
      medianHours: round1(median(ages)),
      p90Hours: round1(percentile(ages, 90)),
      oldestHours: ages.length > 0 ? round1(Math.max(...ages)) : null,
    },
    series: rows,
    breakdowns: {},
    columns: [
      { key: 'band', type: 'text' },
      { key: 'open', type: 'number' },
    ],
    rows,
  };
}
