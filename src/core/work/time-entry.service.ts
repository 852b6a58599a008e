import { DateTime } from 'luxon';
import { assertCan } from '../accounts/access.policy.ts';
import type { Actor } from '../shared/actor.ts';
import { AppError } from '../shared/app-error.ts';
import { type CoreDeps, inTransaction } from '../shared/core-deps.ts';
import { newId } from '../shared/ids.ts';
import { loadVisibleTicket } from '../tickets/ticket.access.ts';
import { ticketHistoryRepository } from '../tickets/ticket-history.repository.ts';
import { ticketRefRepository } from '../tickets/ticket-ref.repository.ts';
import { formatDuration, parseDuration } from './duration.ts';
import { taskRepository } from './task.repository.ts';
import { type TimeEntry, timeEntryRepository } from './time-entry.repository.ts';
import { assertAgentMaySee, canChangeWorkOf, WORK_VIA, workAgent } from './work-shared.ts';

export const MAX_DESCRIPTION = 2000;

export interface NewTimeEntryInput {
  description: string;
  /** `"h:mm"` (the seeds' "00:30") or minutes. */
  duration: string | number;
  /** YYYY-MM-DD; today in the agent's time zone when left out. */
  date?: string;
  billable?: boolean;
  taskId?: string | null;
  /** Whose time it is; the caller's by default. */
  agentId?: string;
}

export interface TimeEntryView extends TimeEntry {
  duration: string;
}

export interface TimeTotals {
  minutes: number;
  billableMinutes: number;
  byAgent: { agentId: string; name: string; initials: string; minutes: number; billableMinutes: number }[];
  byTask: { taskId: string; minutes: number; billableMinutes: number }[];
}

export interface TimeSheet {
  items: TimeEntryView[];
  totals: TimeTotals;
}

const view = (entry: TimeEntry): TimeEntryView => ({ ...entry, duration: formatDuration(entry.minutes) });

/** Sums a ticket's entries in total, per agent (with initials, 003) and per task. */
export function totalsOf(entries: TimeEntry[]): TimeTotals {
  const byAgent = new Map<string, TimeTotals['byAgent'][number]>();
  const byTask = new Map<string, TimeTotals['byTask'][number]>();
  let minutes = 0;
  let billableMinutes = 0;
  for (const entry of entries) {
    const billable = entry.billable ? entry.minutes : 0;
    minutes += entry.minutes;
    billableMinutes += billable;
    const agent = byAgent.get(entry.agentId) ?? {
      agentId: entry.agentId,
      name: entry.agentName,
      initials: entry.initials,
      minutes: 0,
      billableMinutes: 0,
    };
    agent.minutes += entry.minutes;
    agent.billableMinutes += billable;
    byAgent.set(entry.agentId, agent);
    if (entry.taskId) {
      const task = byTask.get(entry.taskId) ?? { taskId: entry.taskId, minutes: 0, billableMinutes: 0 };
      task.minutes += entry.minutes;
      task.billableMinutes += billable;
      byTask.set(entry.taskId, task);
    }
  }
  return { minutes, billableMinutes, byAgent: [...byAgent.values()], byTask: [...byTask.values()] };
}

function checkDate(date: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || !DateTime.fromISO(date, { zone: 'utc' }).isValid) {
    throw new AppError('VALIDATION_FAILED', `"${date}" is not a date (YYYY-MM-DD)`, { field: 'date' });
  }
  return date;
}

export function createTimeEntryService(deps: CoreDeps) {
  return {
    async list(actor: Actor, ticketIdOrNumber: string): Promise<TimeSheet> {
      assertCan(actor, 'work.read');
      const ticket = await loadVisibleTicket(deps.db, actor, ticketIdOrNumber);
      const entries = await timeEntryRepository(deps.db).listForTicket(ticket.id);
      return { items: entries.map(view), totals: totalsOf(entries) };
    },

    /** 001 (weknow) "Billing" and 003 (OpenPyme): everyone who worked on a ticket logs their time on it. */
    async add(actor: Actor, ticketIdOrNumber: string, input: NewTimeEntryInput): Promise<TimeEntryView> {
      assertCan(actor, 'work.write');
      const minutes = parseDuration(input.duration);
      const description = input.description.trim();
      if (!description) {
        throw new AppError('VALIDATION_FAILED', 'Say what was done', { field: 'description' });
      }
      if (description.length > MAX_DESCRIPTION) {
        throw new AppError('VALIDATION_FAILED', `The description is longer than ${MAX_DESCRIPTION} characters`, {
          field: 'description',
        });
      }
      const date = input.date === undefined ? undefined : checkDate(input.date);
      return inTransaction(deps, async ({ trx, now, emit }) => {
        const ticket = await loadVisibleTicket(trx, actor, ticketIdOrNumber);
        const agent = await workAgent(trx, actor, input.agentId);
        // A plain agent logs only their own time; a supervisor may log it for whoever did the work.
        if (!canChangeWorkOf(actor, agent.id)) {
          throw new AppError('FORBIDDEN', "Only a supervisor may log time in another agent's name", {
            field: 'agentId',
          });
        }
        assertAgentMaySee(agent, ticket);
        if (input.taskId) {
          const task = await taskRepository(trx).find(input.taskId);
          if (!task) {
            throw new AppError('REFERENCE_NOT_FOUND', 'The task does not exist', { field: 'taskId', id: input.taskId });
          }
          if (task.ticketId !== ticket.id) {
            throw new AppError('TASK_NOT_ON_TICKET', 'The task belongs to another ticket', {
              field: 'taskId',
              id: input.taskId,
            });
          }
        }
        const entry = {
          id: newId(),
          ticketId: ticket.id,
          taskId: input.taskId ?? null,
          agentId: agent.id,
          description,
          minutes,
          date: date ?? (DateTime.fromISO(now).setZone(agent.timeZone).toISODate() as string),
          billable: input.billable ?? true,
          createdAt: now,
        };
        const entries = timeEntryRepository(trx);
        await entries.insert(entry);
        await ticketRefRepository(trx).touch(ticket.id, now);
        await ticketHistoryRepository(trx).record({
          ticketId: ticket.id,
          actor,
          via: WORK_VIA,
          now,
          changes: [{ field: 'time_entry', from: null, to: `${agent.initials} ${formatDuration(minutes)}` }],
        });
        emit({
          type: 'time_entry.added',
          ticketId: ticket.id,
          organizationId: ticket.organizationId,
          actor,
          data: { ticketId: ticket.id, timeEntryId: entry.id, agentId: agent.id, minutes, taskId: entry.taskId },
        });
        return view((await entries.find(entry.id)) as TimeEntry);
      });
    },

    /** Removes an entry; the agent whose time it is, or an admin or supervisor, may. */
    async remove(actor: Actor, ticketIdOrNumber: string, entryId: string): Promise<void> {
      assertCan(actor, 'work.write');
      await inTransaction(deps, async ({ trx, now, emit }) => {
        const ticket = await loadVisibleTicket(trx, actor, ticketIdOrNumber);
        const entries = timeEntryRepository(trx);
        const entry = await entries.find(entryId);
        if (!entry || entry.ticketId !== ticket.id) {
          throw new AppError('TIME_ENTRY_NOT_FOUND', 'Time entry not found', { id: entryId });
        }
        if (!canChangeWorkOf(actor, entry.agentId)) {
          throw new AppError('FORBIDDEN', 'Only the agent whose time it is, or a supervisor, may remove it');
        }
        await entries.remove(entry.id);
        await ticketRefRepository(trx).touch(ticket.id, now);
        await ticketHistoryRepository(trx).record({
          ticketId: ticket.id,
          actor,
          via: WORK_VIA,
          now,
          changes: [{ field: 'time_entry', from: `${entry.initials} ${formatDuration(entry.minutes)}`, to: null }],
        });
        emit({
          type: 'time_entry.removed',
          ticketId: ticket.id,
          organizationId: ticket.organizationId,
          actor,
          data: { ticketId: ticket.id, timeEntryId: entry.id, agentId: entry.agentId, minutes: entry.minutes },
        });
      });
    },
  };
}

export type TimeEntryService = ReturnType<typeof createTimeEntryService>;
