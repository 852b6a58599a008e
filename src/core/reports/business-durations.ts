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
  // two binary searches each rather than a walk over their days. Tens of thousands of tickets at
  // scale, so the loop keeps to numbers and adds to the groups as it goes.
  const byDepartment = new Map<string | null, number[]>();
  for (const [i, t] of tickets.entries()) {
    const group = byDepartment.get(t.departmentId);
    if (group) group.push(i);
    else byDepartment.set(t.departmentId, [i]);
  }
  const bucketOf = bucketer(scope.timeZone, scope.interval);
  const byBucket = new Map<string, number[]>(
    bucketsBetween(scope.fromDate, scope.toDate, scope.interval).map((b) => [b, []]),
  );
  const byAgent = new Map<string, number[]>();
  const all: number[] = [];
  for (const [departmentId, group] of byDepartment) {
    const calendar = await calendarForTicket(db, departmentId);
    const starts = group.map((i) => Date.parse((tickets[i] as TimedTicket).start));
    const ends = group.map((i) => Date.parse((tickets[i] as TimedTicket).end));
    const first = starts.reduce((a, b) => Math.min(a, b));
    const last = ends.reduce((a, b) => Math.max(a, b));
    const clock = businessClock(calendar, new Date(first), new Date(last));
    for (const [k, i] of group.entries()) {
      const t = tickets[i] as TimedTicket;
      const minutes = clock.minutesBetween(new Date(starts[k] as number), new Date(ends[k] as number));
      all.push(minutes);
      byBucket.get(bucketOf(new Date(ends[k] as number)))?.push(minutes);
      const agent = t.assigneeName ?? '';
      const ofAgent = byAgent.get(agent);
      if (ofAgent) ofAgent.push(minutes);
      else byAgent.set(agent, [minutes]);
    }
  }
  const stats = (minutes: number[]) => {
    // Sorted once: median and percentile sort their own copies, which on sorted input is linear.
    const sorted = minutes.sort((a, b) => a - b);
    return { count: sorted.length, medianMinutes: round1(median(sorted)), p90Minutes: round1(percentile(sorted, 90)) };
  };
  const series: Row[] = [...byBucket].map(([bucket, minutes]) => ({ bucket, ...stats(minutes) }));
  return {
    report: name,
    range: { from: scope.fromDate, to: scope.toDate, timeZone: scope.timeZone },
    summary: stats(all),
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
