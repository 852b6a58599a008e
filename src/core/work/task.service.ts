import type { Db } from '../../db/database.ts';
import { assertCan } from '../accounts/access.policy.ts';
import type { Actor } from '../shared/actor.ts';
import { AppError } from '../shared/app-error.ts';
import { type CoreDeps, inTransaction } from '../shared/core-deps.ts';
import { newId } from '../shared/ids.ts';
import type { Page } from '../shared/pagination.ts';
import { loadVisibleTicket } from '../tickets/ticket.access.ts';
import type { TicketVisibility } from '../tickets/ticket.policy.ts';
import { type TicketChange, ticketHistoryRepository } from '../tickets/ticket-history.repository.ts';
import { ticketRefRepository } from '../tickets/ticket-ref.repository.ts';
import { formatDuration } from './duration.ts';
import { type TaskChanges, type TaskRecord, type TaskStatus, taskRepository } from './task.repository.ts';
import { type MinutesByTask, timeEntryRepository } from './time-entry.repository.ts';
import { assertAgentMaySee, toUtc, WORK_VIA, workAgent } from './work-shared.ts';

export const MAX_TASK_TITLE = 300;

export interface NewTaskInput {
  /** By default the ticket's number and subject (003: "con el número y nombre del ticket"). */
  title?: string;
  assigneeId?: string | null;
  dueAt?: string | null;
}

export interface TaskUpdate {
  title?: string;
  assigneeId?: string | null;
  status?: TaskStatus;
  dueAt?: string | null;
}

/** A task with the time logged against it, rolled up from its time entries. */
export interface Task extends TaskRecord {
  minutes: number;
  billableMinutes: number;
  duration: string;
}

function withTime(task: TaskRecord, time: MinutesByTask | undefined): Task {
  const minutes = time?.minutes ?? 0;
  return { ...task, minutes, billableMinutes: time?.billableMinutes ?? 0, duration: formatDuration(minutes) };
}

function cleanTitle(title: string): string {
  const trimmed = title.trim();
  if (!trimmed) throw new AppError('VALIDATION_FAILED', 'The title must not be empty', { field: 'title' });
  if (trimmed.length > MAX_TASK_TITLE) {
    throw new AppError('VALIDATION_FAILED', `The title is longer than ${MAX_TASK_TITLE} characters`, {
      field: 'title',
    });
  }
  return trimmed;
}

/** A task's assignee: an active agent who can open the ticket the task is on. */
async function taskAssignee(db: Db, actor: Actor, agentId: string, ticket: TicketVisibility): Promise<string> {
  const agent = await workAgent(db, actor, agentId, 'assigneeId');
  assertAgentMaySee(agent, ticket, 'assigneeId');
  return agent.id;
}

export function createTaskService(deps: CoreDeps) {
  return {
    async list(actor: Actor, ticketIdOrNumber: string): Promise<Page<Task>> {
      assertCan(actor, 'work.read');
      const ticket = await loadVisibleTicket(deps.db, actor, ticketIdOrNumber);
      const [tasks, time] = await Promise.all([
        taskRepository(deps.db).listForTicket(ticket.id),
        timeEntryRepository(deps.db).minutesByTask(ticket.id),
      ]);
      return { items: tasks.map((task) => withTime(task, time.get(task.id))), nextCursor: null };
    },

    /** 003 (OpenPyme): each ticket gets a task (design, execution or just time) that everyone logs time on. */
    async create(actor: Actor, ticketIdOrNumber: string, input: NewTaskInput): Promise<Task> {
      assertCan(actor, 'work.write');
      const dueAt = input.dueAt ? toUtc(input.dueAt, 'dueAt') : null;
      return inTransaction(deps, async ({ trx, now, emit }) => {
        const ticket = await loadVisibleTicket(trx, actor, ticketIdOrNumber);
        const title = cleanTitle(input.title ?? `${ticket.number} ${ticket.subject}`);
        const assigneeId = input.assigneeId ? await taskAssignee(trx, actor, input.assigneeId, ticket) : null;
        const task: TaskRecord = {
          id: newId(),
          ticketId: ticket.id,
          title,
          assigneeId,
          status: 'open',
          dueAt,
          completedAt: null,
          createdAt: now,
          updatedAt: now,
        };
        await taskRepository(trx).insert(task);
        await ticketRefRepository(trx).touch(ticket.id, now);
        await ticketHistoryRepository(trx).record({
          ticketId: ticket.id,
          actor,
          via: WORK_VIA,
          now,
          changes: [{ field: 'task', from: null, to: title }],
        });
        emit({
          type: 'task.created',
          ticketId: ticket.id,
          organizationId: ticket.organizationId,
          actor,
          data: { ticketId: ticket.id, taskId: task.id, assigneeId },
        });
        return withTime(task, undefined);
      });
    },

    async update(actor: Actor, taskId: string, input: TaskUpdate): Promise<Task> {
      assertCan(actor, 'work.write');
      const title = input.title === undefined ? undefined : cleanTitle(input.title);
      const dueAt = input.dueAt === undefined ? undefined : input.dueAt === null ? null : toUtc(input.dueAt, 'dueAt');
      return inTransaction(deps, async ({ trx, now, emit }) => {
        const tasks = taskRepository(trx);
        const current = await tasks.find(taskId);
        const notFound = () => new AppError('TASK_NOT_FOUND', 'Task not found', { id: taskId });
        if (!current) throw notFound();
        const ticket = await loadVisibleTicket(trx, actor, current.ticketId).catch((error: unknown) => {
          throw error instanceof AppError && error.code === 'TICKET_NOT_FOUND' ? notFound() : error;
        });
        const changes: TaskChanges = { title, dueAt };
        if (input.assigneeId !== undefined) {
          changes.assigneeId = input.assigneeId ? await taskAssignee(trx, actor, input.assigneeId, ticket) : null;
        }
        const history: TicketChange[] = [];
        if (input.status !== undefined && input.status !== current.status) {
          changes.status = input.status;
          changes.completedAt = input.status === 'done' ? now : null;
          history.push({ field: 'task_status', from: `${current.title}: ${current.status}`, to: input.status });
        }
        if (title !== undefined && title !== current.title)
          history.push({ field: 'task', from: current.title, to: title });
        await tasks.update(taskId, changes, now);
        await ticketRefRepository(trx).touch(ticket.id, now);
        await ticketHistoryRepository(trx).record({ ticketId: ticket.id, actor, via: WORK_VIA, now, changes: history });
        const changed = Object.entries(changes)
          .filter(([, value]) => value !== undefined)
          .map(([key]) => key);
        emit({
          type: 'task.updated',
          ticketId: ticket.id,
          organizationId: ticket.organizationId,
          actor,
          data: { ticketId: ticket.id, taskId, changed, status: changes.status ?? current.status },
        });
        const time = await timeEntryRepository(trx).minutesByTask(ticket.id);
        return withTime((await tasks.find(taskId)) as TaskRecord, time.get(taskId));
      });
    },
  };
}

export type TaskService = ReturnType<typeof createTaskService>;
