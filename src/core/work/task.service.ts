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
import { type TaskChanges, type TaskRecord, type TaskRef, type TaskStatus, taskRepository } from './task.repository.ts';
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

/** A task with the time logged against it, rolled up from its time entries, and what it waits for. */
export interface Task extends TaskRecord {
  minutes: number;
  billableMinutes: number;
  duration: string;
  /** Open tasks this one depends on (a playbook's order); empty when it may go ahead. */
  waitingFor: TaskRef[];
}

export function withTime(task: TaskRecord, time: MinutesByTask | undefined, waitingFor: TaskRef[] = []): Task {
  const minutes = time?.minutes ?? 0;
  return {
    ...task,
    minutes,
    billableMinutes: time?.billableMinutes ?? 0,
    duration: formatDuration(minutes),
    waitingFor,
  };
}

/**
 * 000 (Wolk): "no agendar capacitación de facturación hasta que ya la migración se haya efectuado":
 * a task that waits for another open one can be neither completed nor given a date.
 */
function assertNotBlocked(task: TaskRecord, waitingFor: TaskRef[]): void {
  if (waitingFor.length === 0) return;
  const titles = waitingFor.map((w) => `"${w.title}"`).join(', ');
  throw new AppError('TASK_BLOCKED', `"${task.title}" waits for ${titles}`, {
    task: task.title,
    waitingFor: waitingFor.map((w) => w.title).join(', '),
    waitingForIds: waitingFor.map((w) => w.id),
  });
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
      const repository = taskRepository(deps.db);
      const [tasks, time] = await Promise.all([
        repository.listForTicket(ticket.id),
        timeEntryRepository(deps.db).minutesByTask(ticket.id),
      ]);
      const waiting = await repository.waitingFor(tasks.map((task) => task.id));
      return {
        items: tasks.map((task) => withTime(task, time.get(task.id), waiting.get(task.id))),
        nextCursor: null,
      };
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
          playbookRunId: null,
          playbookPosition: null,
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
        const completing = input.status === 'done' && current.status !== 'done';
        if (completing || (dueAt && dueAt !== current.dueAt)) {
          assertNotBlocked(current, (await tasks.waitingFor([taskId])).get(taskId) ?? []);
        }
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
        const waiting = await tasks.waitingFor([taskId]);
        return withTime((await tasks.find(taskId)) as TaskRecord, time.get(taskId), waiting.get(taskId));
      });
    },
  };
}

export type TaskService = ReturnType<typeof createTaskService>;
