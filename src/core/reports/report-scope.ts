import { DateTime } from 'luxon';
import type { Actor } from '../shared/actor.ts';
import { AppError } from '../shared/app-error.ts';
import { assertTimeZone } from '../shared/time-zone.ts';
import { resolveTicketQuery } from '../tickets/ticket-query.ts';
import type { ReportScope } from './report.ts';

/** A report's query as clients write it: local dates and lists of ids/values. */
export interface ReportQuery {
  from?: string;
  to?: string;
  /** Time zone of the days; the install's default calendar's when absent. */
  tz?: string;
  interval?: 'day' | 'week';
  departmentId?: string[];
  /** The ticket's assignee; in the time report, who logged the time. */
  agentId?: string[];
  organizationId?: string[];
  typeId?: string[];
  priority?: string[];
  channel?: string[];
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
/** A year and a bit: a report longer than that is a data export, not a report. */
const MAX_DAYS = 400;
const DEFAULT_DAYS = 30;

function localDate(field: string, value: string, zone: string): DateTime {
  const parsed = DateTime.fromISO(value, { zone });
  if (!DATE.test(value) || !parsed.isValid) {
    throw new AppError('VALIDATION_FAILED', `${field} must be a date YYYY-MM-DD (got "${value}")`, { field });
  }
  return parsed;
}

/** Turns a query into the period (UTC bounds of local days) and ticket filters of one report run. */
export function resolveReportScope(
  query: ReportQuery,
  actor: Actor,
  opts: { now: Date; defaultTimeZone: string; agentFilterOn: 'assignee' | 'time_entry' },
): ReportScope {
  const timeZone = query.tz ?? opts.defaultTimeZone;
  assertTimeZone(timeZone, 'tz');
  const today = DateTime.fromJSDate(opts.now, { zone: timeZone }).startOf('day');
  const to = query.to ? localDate('to', query.to, timeZone) : today;
  const from = query.from ? localDate('from', query.from, timeZone) : to.minus({ days: DEFAULT_DAYS - 1 });
  if (from > to) throw new AppError('VALIDATION_FAILED', 'from must not be after to', { field: 'from' });
  if (to.diff(from, 'days').days >= MAX_DAYS) {
    throw new AppError('VALIDATION_FAILED', `The period may cover at most ${MAX_DAYS} days`, { field: 'from' });
  }
  const filters = resolveTicketQuery(
    {
      departmentId: query.departmentId,
      assigneeId: opts.agentFilterOn === 'assignee' ? query.agentId : undefined,
      organizationId: query.organizationId,
      typeId: query.typeId,
      priority: query.priority,
      channel: query.channel,
    },
    actor,
  );
  return {
    fromAt: from.toUTC().toISO() as string,
    toAt: to.plus({ days: 1 }).toUTC().toISO() as string,
    fromDate: from.toISODate() as string,
    toDate: to.toISODate() as string,
    timeZone,
    interval: query.interval ?? 'day',
    now: opts.now,
    tickets: filters,
    agentIds:
      opts.agentFilterOn === 'time_entry'
        ? query.agentId?.map((a) => (a === 'me' && actor.kind === 'agent' ? actor.id : a))
        : undefined,
  };
}
