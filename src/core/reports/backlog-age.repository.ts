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
 * band, with the median and p90 age in hours. One read of the open tickets' creation times; the
 * bands are counted from it here.
 */
export async function backlogAgeReport(db: Db, actor: Actor, scope: ReportScope): Promise<Report> {
  const now = scope.now.getTime();
  const created = await reportTickets(db, actor, scope)
    .where(statusCategoryIn(UNSOLVED_CATEGORIES))
    .select('tickets.created_at')
    .execute();
  const ages = created.map((r) => (now - Date.parse(r.created_at)) / 3_600_000);
  const counts = BANDS.map(() => 0);
  for (const hours of ages) {
    // Upper bounds excluded: a ticket exactly a day old is in 1-3.
    const band = BANDS.findIndex((b) => b.upToDays === null || hours < b.upToDays * 24);
    counts[band] = (counts[band] ?? 0) + 1;
  }
  const rows = BANDS.map((band, i) => ({ band: band.key, open: counts[i] ?? 0 }));
  return {
    report: 'backlog-age',
    range: { from: scope.fromDate, to: scope.toDate, timeZone: scope.timeZone },
    summary: {
      open: ages.length,
      medianHours: round1(median(ages)),
      p90Hours: round1(percentile(ages, 90)),
      // A loop, not Math.max(...ages): a spread of a large backlog overflows the call stack.
      oldestHours: ages.length > 0 ? round1(ages.reduce((a, b) => Math.max(a, b))) : null,
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
