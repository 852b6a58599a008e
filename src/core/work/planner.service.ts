import { assertCan } from '../accounts/access.policy.ts';
import { type ScheduledSession, scheduledSessionRepository } from '../conversation/scheduled-session.repository.ts';
import type { Actor } from '../shared/actor.ts';
import { AppError } from '../shared/app-error.ts';
import type { CoreDeps } from '../shared/core-deps.ts';
import { DEFAULT_PAGE_SIZE, decodeCursor, encodeCursor, type Page } from '../shared/pagination.ts';
import { resolveTicketQuery } from '../tickets/ticket-query.ts';
import { type PlannedTask, plannerRepository, visibleTicketIds } from './planner.repository.ts';
import { toUtc } from './work-shared.ts';

/** The planner's filters as clients send them (lists split on commas by the route). */
export interface PlannerQuery {
  /** Task assignees (or, for sessions, organizers and invited agents): ids, `me`, `none`. */
  assigneeId?: string[];
  organizationId?: string[];
  departmentId?: string[];
  state?: 'open' | 'done' | 'overdue';
  dueFrom?: string;
  dueTo?: string;
  limit?: number;
  cursor?: string;
}

export interface PlannerTask extends PlannedTask {
  /** Open and past its due time: the planner shows it apart. */
  overdue: boolean;
}

const SESSION_LIMIT = 500;
/** A calendar shows a week or a month; a longer range is a report. */
const MAX_SESSION_DAYS = 62;

function assigneesOf(actor: Actor, values: string[] | undefined): (string | null)[] | undefined {
  return values?.map((v) => (v === 'none' ? null : v === 'me' && actor.kind === 'agent' ? actor.id : v));
}

/**
 * Wolk's "planner de los procesos" (000) and issue 17: every task across the tickets the agent
 * may open, and the scheduled sessions beside them.
 */
export function createPlannerService(deps: CoreDeps) {
  return {
    async tasks(actor: Actor, query: PlannerQuery): Promise<Page<PlannerTask>> {
      assertCan(actor, 'work.read');
      const dueFrom = query.dueFrom === undefined ? undefined : toUtc(query.dueFrom, 'dueFrom');
      const dueTo = query.dueTo === undefined ? undefined : toUtc(query.dueTo, 'dueTo');
      if (dueFrom && dueTo && dueTo <= dueFrom) {
        throw new AppError('VALIDATION_FAILED', 'dueTo must come after dueFrom', { field: 'dueTo' });
      }
      const key = decodeCursor(query.cursor);
      const after = key === undefined ? undefined : parseKey(key);
      const now = deps.clock.now().toISOString();
      const limit = query.limit ?? DEFAULT_PAGE_SIZE;
      const rows = await plannerRepository(deps.db).tasks(actor, {
        tickets: resolveTicketQuery({ organizationId: query.organizationId, departmentId: query.departmentId }, actor),
        assigneeIds: assigneesOf(actor, query.assigneeId),
        state: query.state,
        dueFrom,
        dueTo,
        now,
        after,
        limit,
      });
      const items = rows.slice(0, limit).map((task) => ({
        ...task,
        overdue: task.status === 'open' && task.dueAt !== null && task.dueAt < now,
      }));
      const last = items.at(-1);
      return {
        items,
        nextCursor: rows.length > limit && last ? encodeCursor(JSON.stringify([last.dueAt, last.id])) : null,
      };
    },

    /** Scheduled sessions overlapping [from, to) on tickets the actor may see. */
    async sessions(
      actor: Actor,
      query: Pick<PlannerQuery, 'assigneeId' | 'organizationId' | 'departmentId'> & { from: string; to: string },
    ): Promise<Page<ScheduledSession>> {
      assertCan(actor, 'work.read');
      const from = toUtc(query.from, 'from');
      const to = toUtc(query.to, 'to');
      if (to <= from) throw new AppError('VALIDATION_FAILED', 'to must come after from', { field: 'to' });
      if (Date.parse(to) - Date.parse(from) > MAX_SESSION_DAYS * 86_400_000) {
        throw new AppError('VALIDATION_FAILED', `At most ${MAX_SESSION_DAYS} days at a time`, { field: 'to' });
      }
      const tickets = resolveTicketQuery(
        { organizationId: query.organizationId, departmentId: query.departmentId },
        actor,
      );
      const agentIds = assigneesOf(actor, query.assigneeId)?.filter((id): id is string => id !== null);
      const items = await scheduledSessionRepository(deps.db).across({
        ticketIds: visibleTicketIds(deps.db, actor, tickets),
        from,
        to,
        agentIds,
        limit: SESSION_LIMIT,
      });
      return { items, nextCursor: null };
    },
  };
}

function parseKey(key: string): { dueAt: string | null; id: string } {
  const bad = () => new AppError('VALIDATION_FAILED', 'The cursor is not valid', { field: 'cursor' });
  let parsed: unknown;
  try {
    parsed = JSON.parse(key);
  } catch {
    throw bad();
  }
  if (
    !Array.isArray(parsed) ||
    parsed.length !== 2 ||
    !(parsed[0] === null || typeof parsed[0] === 'string') ||
    typeof parsed[1] !== 'string'
  ) {
    throw bad();
  }
  return { dueAt: parsed[0], id: parsed[1] };
}

export type PlannerService = ReturnType<typeof createPlannerService>;
