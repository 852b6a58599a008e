import type { Db } from '../../db/database.ts';
import { type BusinessCalendar, businessMinutesBetween } from '../calendars/business-hours.ts';
import { calendarForTicket } from '../conditions/ticket-context.ts';
import type { Report, ReportName, ReportScope, Row } from './report.ts';
import { bucketOf, bucketsBetween, median, percentile, round1 } from './report-stats.ts';

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
  const calendars = new Map<string | null, Promise<BusinessCalendar>>();
  const calendarOf = (departmentId: string | null) => {
    let found = calendars.get(departmentId);
    if (!found) {
      found = calendarForTicket(db, departmentId);
      calendars.set(departmentId, found);
    }
    return found;
  };
  const timed = await Promise.all(
    tickets.map(async (t) => ({
      ...t,
      minutes: businessMinutesBetween(await calendarOf(t.departmentId), new Date(t.start), new Date(t.end)),
      bucket: bucketOf(t.end, scope.timeZone, scope.interval),
    })),
  );
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
    byAgent.set(agent, [...(byAgent.get(agent) ?? []), t.minutes]);
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
