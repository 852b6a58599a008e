import { api } from '../../app/api.ts';
import type { PlannerTask, ScheduledSession } from '../../app/api-types.ts';
import { fromWallTime } from '../../app/time.ts';

export type TaskState = 'open' | 'overdue' | 'done' | 'all';

export interface PlannerFilters {
  /** An agent id, `me`, `none` or empty for everyone. */
  assigneeId: string;
  organizationId: string;
  state: TaskState;
}

const DAY_MS = 86_400_000;

/** `YYYY-MM-DD` plus `days` (calendar days; no time zone involved). */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** The Monday of the week `date` falls in (weeks start on Monday in Latin America's calendars). */
export function mondayOf(date: string): string {
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
  return addDays(date, -((weekday + 6) % 7));
}

/** The seven days from `monday`, and the UTC instants the week starts and ends at in `timeZone`. */
export function weekOf(monday: string, timeZone: string) {
  const days = Array.from({ length: 7 }, (_, i) => addDays(monday, i));
  return {
    days,
    from: fromWallTime(`${monday}T00:00`, timeZone) as string,
    to: fromWallTime(`${addDays(monday, 7)}T00:00`, timeZone) as string,
  };
}

function filterQuery(filters: PlannerFilters): Record<string, string> {
  const query: Record<string, string> = {};
  if (filters.assigneeId) query.assigneeId = filters.assigneeId;
  if (filters.organizationId) query.organizationId = filters.organizationId;
  return query;
}

export const plannerKeys = {
  tasks: (filters: PlannerFilters, range?: { from: string; to: string }) =>
    ['planner', 'tasks', filters, range] as const,
  sessions: (filters: PlannerFilters, range: { from: string; to: string }) =>
    ['planner', 'sessions', filters, range] as const,
};

/** Every page of tasks matching the filters (a planner shows a team's work, a few hundred at most). */
export async function fetchPlannerTasks(
  filters: PlannerFilters,
  range: { from: string; to: string } | undefined,
  signal?: AbortSignal,
): Promise<PlannerTask[]> {
  const query: Record<string, string> = { ...filterQuery(filters), limit: '200' };
  if (filters.state !== 'all') query.state = filters.state;
  if (range) Object.assign(query, { dueFrom: range.from, dueTo: range.to });
  const tasks: PlannerTask[] = [];
  let cursor: string | null = null;
  do {
    const page: { items: PlannerTask[]; nextCursor: string | null } = await api('/tasks', {
      query: cursor ? { ...query, cursor } : query,
      ...(signal ? { signal } : {}),
    });
    tasks.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor && tasks.length < 1000);
  return tasks;
}

export async function fetchPlannerSessions(
  filters: PlannerFilters,
  range: { from: string; to: string },
  signal?: AbortSignal,
): Promise<ScheduledSession[]> {
  const page: { items: ScheduledSession[] } = await api('/sessions', {
    query: { ...filterQuery(filters), ...range },
    ...(signal ? { signal } : {}),
  });
  return page.items;
}
