import type { Db } from '../../db/database.ts';
import { businessClock } from '../calendars/business-hours.ts';
import { calendarForTicket } from '../conditions/ticket-context.ts';
import type { Report, ReportName, ReportScope, Row } from './report.ts';
import { bucketer, bucketsBetween, median, percentile, round1 } from './report-stats.ts';

export interface TimedTicket {
  departmentId: string | null;
  assigneeName: string | null;
  start: string;
  end: string;
}

/**
 * Business minutes from `start` to `end` of each ticket on its department's calendar (the SLA
 * clocks' calendar), with the median and p90 per day or week of `end` and per agent.
 */
export async function businessDurationReport(
  db: Db,
  name: ReportName,
  scope: ReportScope,
  tickets: TimedTicket[],
): Promise<Report> {
  // One clock per department over the span its tickets cover: a month's tickets are timed with
  // two binary searches each rather than a walk over their days.
  const byDepartment = new Map<string | null, TimedTicket[]>();
  for (const t of tickets) {
    const group = byDepartment.get(t.departmentId);
    if (group) group.push(t);
    else byDepartment.set(t.departmentId, [t]);
  }
  const bucketOf = bucketer(scope.timeZone, scope.interval);
  const timed: (TimedTicket & { minutes: number; bucket: string })[] = [];
  for (const [departmentId, group] of byDepartment) {
    const calendar = await calendarForTicket(db, departmentId);
    const starts = group.map((t) => Date.parse(t.start));
    const ends = group.map((t) => Date.parse(t.end));
    const first = starts.reduce((a, b) => Math.min(a, b));
    const last = ends.reduce((a, b) => Math.max(a, b));
    const clock = businessClock(calendar, new Date(first), new Date(last));
    for (const [i, t] of group.entries()) {
      timed.push({
        ...t,
        minutes: clock.minutesBetween(new Date(starts[i] as number), new Date(ends[i] as number)),
        bucket: bucketOf(t.end),
      });
    }
  }
  const stats = (minutes: number[]) => ({
    count: minutes.length,
    medianMinutes: round1(median(minutes)),
    p90Minutes: round1(percentile(minutes, 90)),
  });
  const byBucket = new Map<string, number[]>(
    bucketsBetween(scope.fromDate, scope.toDate, scope.interval).map((b) => [b, []]),
  );
  const byAgent = new Map<string, number[]>();
  for (const t of timed) {
    byBucket.get(t.bucket)?.push(t.minutes);
    const agent = t.assigneeName ?? '';
    const minutes = byAgent.get(agent);
    if (minutes) minutes.push(t.minutes);
    else byAgent.set(agent, [t.minutes]);
  }
  const series: Row[] = [...byBucket].map(([bucket, minutes]) => ({ bucket, ...stats(minutes) }));
  return {
    report: name,
    range: { from: scope.fromDate, to: scope.toDate, timeZone: scope.timeZone },
    summary: stats(timed.map((t) => t.minutes)),
    series,
    breakdowns: {
      byAgent: [...byAgent]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([agent, minutes]) => ({ agent: agent || null, ...stats(minutes) })),
    },
    columns: [
      { key: 'bucket', type: 'date' },
      { key: 'count', type: 'number' },
      { key: 'medianMinutes', type: 'minutes' },
      { key: 'p90Minutes', type: 'minutes' },
    ],
    rows: series,
  };
}
