import {
  addBusinessMinutes,
  addCalendarMinutes,
  type BusinessCalendar,
  businessMinutesBetween,
  endOfBusinessDay,
  type Interval,
} from '../calendars/business-hours.ts';
import { type ConditionGroup, validateConditions } from '../conditions/conditions.ts';
import { AppError } from '../shared/app-error.ts';

export type SlaMetric = 'first_reply' | 'next_reply' | 'periodic_update' | 'resolution';
export const SLA_METRICS: readonly SlaMetric[] = ['first_reply', 'next_reply', 'periodic_update', 'resolution'];
export type SlaState = 'ok' | 'warning' | 'breached' | 'met' | 'paused';

/** How long a target gives: hours of opening time, wall-clock hours, or "before the day ends" (001). */
export type SlaDuration =
  | { unit: 'business_hours'; hours: number }
  | { unit: 'calendar_hours'; hours: number }
  | { unit: 'end_of_business_day' };

export interface SlaPolicy {
  id: string;
  name: string;
  position: number;
  active: boolean;
  conditions: ConditionGroup;
  targets: Partial<Record<SlaMetric, SlaDuration>>;
  calendarId: string | null;
  /** Clocks stop while the ticket waits on the customer or a third party. */
  pauseWhenWaiting: boolean;
  /** Share of the time after which the target turns to warning (0.75 = at three quarters). */
  warningShare: number;
}

/** `details.value` is the quoted culprit of the message, so translated messages can name it too. */
function refuse(message: string, field: string): AppError {
  const value = /"([^"]*)"/.exec(message)?.[1] ?? null;
  return new AppError('RULE_INVALID', message, { field, value, named: value === null ? '' : ` («${value}»)` });
}

export function validatePolicy(policy: Omit<SlaPolicy, 'id' | 'position'>): void {
  if (!policy.name.trim()) throw refuse('The policy needs a name', 'name');
  validateConditions(policy.conditions);
  if (!(policy.warningShare > 0 && policy.warningShare < 1)) {
    throw refuse('warningShare must be between 0 and 1', 'warningShare');
  }
  const entries = Object.entries(policy.targets);
  if (entries.length === 0) throw refuse('The policy needs at least one target', 'targets');
  for (const [metric, duration] of entries) {
    const at = `targets.${metric}`;
    if (!SLA_METRICS.includes(metric as SlaMetric)) throw refuse(`${at}: unknown target "${metric}"`, at);
    if (duration.unit === 'end_of_business_day') continue;
    if (duration.unit !== 'business_hours' && duration.unit !== 'calendar_hours') {
      throw refuse(`${at}: unknown unit "${(duration as { unit: string }).unit}"`, `${at}.unit`);
    }
    if (!(duration.hours > 0)) throw refuse(`${at}: hours must be more than 0`, `${at}.hours`);
  }
}

/** The due time of a target started at `start`, moved on by the pauses it met. */
export function dueTime(calendar: BusinessCalendar, start: Date, duration: SlaDuration, pauses: Interval[]): Date {
  switch (duration.unit) {
    case 'business_hours':
      return addBusinessMinutes(calendar, start, duration.hours * 60, pauses);
    case 'calendar_hours':
      return addCalendarMinutes(start, duration.hours * 60, pauses);
    case 'end_of_business_day':
      return endOfBusinessDay(calendar, start, pauses);
  }
}

/**
 * When a target turns to warning: `share` of its time, counted as the target counts it. 75 % of
 * 4 business hours is 3 business hours (Friday 17:00 → Monday 10:00 with 08:00–18:00), so no
 * warning fires at night or before the office opens.
 */
export function warnTime(
  calendar: BusinessCalendar,
  start: Date,
  duration: SlaDuration,
  due: Date,
  share: number,
  pauses: Interval[],
): Date {
  switch (duration.unit) {
    case 'business_hours':
      return addBusinessMinutes(calendar, start, duration.hours * 60 * share, pauses);
    case 'calendar_hours':
      return addCalendarMinutes(start, duration.hours * 60 * share, pauses);
    case 'end_of_business_day': {
      const paused = pauses.reduce(
        (sum, p) =>
          sum +
          businessMinutesBetween(
            calendar,
            new Date(Math.max(p.from.getTime(), start.getTime())),
            new Date(Math.min(p.to.getTime(), due.getTime())),
          ),
        0,
      );
      const working = businessMinutesBetween(calendar, start, due) - paused;
      return addBusinessMinutes(calendar, start, working * share, pauses);
    }
  }
}

const policy = (
  name: string,
  conditions: ConditionGroup,
  targets: SlaPolicy['targets'],
): Omit<SlaPolicy, 'id' | 'position'> => ({
  name,
  active: true,
  conditions,
  targets,
  calendarId: null,
  pauseWhenWaiting: true,
  warningShare: 0.75,
});

// 003: answer every mail within 4 business hours; 24 h without a mail or note turns red.
const COMMON = {
  first_reply: { unit: 'business_hours', hours: 4 },
  next_reply: { unit: 'business_hours', hours: 4 },
  periodic_update: { unit: 'calendar_hours', hours: 24 },
} as const;

/** 001 (weknow) resolution times by priority, with OpenPyme's reply and update clocks. */
export const DEFAULT_POLICIES: Omit<SlaPolicy, 'id' | 'position'>[] = [
  policy(
    'Crítica: resolver en 1 hora',
    { all: [{ field: 'priority', op: 'is', value: 'critica' }] },
    { ...COMMON, resolution: { unit: 'business_hours', hours: 1 } },
  ),
  policy(
    'Urgente: resolver antes de terminar el día',
    { all: [{ field: 'priority', op: 'is', value: 'urgente' }] },
    { ...COMMON, resolution: { unit: 'end_of_business_day' } },
  ),
  policy(
    'Normal y Alta: resolver en 24 horas',
    { all: [{ field: 'priority', op: 'in', value: ['normal', 'alta'] }] },
    {
      ...COMMON,
      resolution: { unit: 'calendar_hours', hours: 24 },
    },
  ),
  policy('Baja: responder y mantener informado', {}, { ...COMMON }),
];
