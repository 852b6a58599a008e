import { assertCan } from '../accounts/access.policy.ts';
import type { Actor } from '../shared/actor.ts';
import { AppError } from '../shared/app-error.ts';
import { type CoreDeps, inTransaction } from '../shared/core-deps.ts';
import { newId } from '../shared/ids.ts';
import type { Page } from '../shared/pagination.ts';
import { findTicketRef, loadVisibleTicket } from '../tickets/ticket.access.ts';
import { canSeeTicket } from '../tickets/ticket.policy.ts';
import { type Reminder, type ReminderChanges, reminderRepository } from './reminder.repository.ts';
import { assertAgentMaySee, canChangeWorkOf, toUtc, workAgent } from './work-shared.ts';

export type { Reminder } from './reminder.repository.ts';

export const MAX_REMINDER_NOTE = 2000;
const MY_REMINDERS_LIMIT = 200;

export interface NewReminderInput {
  remindAt: string;
  note?: string;
  /** Who is reminded; the caller by default. */
  agentId?: string;
}

/** Dismiss, or move (snooze) and reword; moving a dismissed reminder makes it pending again. */
export interface ReminderUpdate {
  status?: 'dismissed' | 'pending';
  remindAt?: string;
  note?: string;
}

function cleanNote(note: string | undefined): string {
  const trimmed = (note ?? '').trim();
  if (trimmed.length > MAX_REMINDER_NOTE) {
    throw new AppError('VALIDATION_FAILED', `The note is longer than ${MAX_REMINDER_NOTE} characters`, {
      field: 'note',
    });
  }
  return trimmed;
}

/**
 * 001 (weknow) "Follow up": reminders on a ticket. They stay `pending` until the scheduler of a
 * later issue mails them; the console shows the due ones.
 */
export function createReminderService(deps: CoreDeps) {
  return {
    async listForTicket(actor: Actor, ticketIdOrNumber: string): Promise<Page<Reminder>> {
      assertCan(actor, 'work.read');
      const ticket = await loadVisibleTicket(deps.db, actor, ticketIdOrNumber);
      return { items: await reminderRepository(deps.db).listForTicket(ticket.id), nextCursor: null };
    },

    /** The caller's pending reminders; with `due`, only those whose time has come. */
    async mine(actor: Actor, opts: { due?: boolean } = {}): Promise<Page<Reminder>> {
      assertCan(actor, 'work.read');
      if (actor.kind !== 'agent') return { items: [], nextCursor: null };
      const pending = await reminderRepository(deps.db).pendingFor(actor.id, {
        dueBy: opts.due ? deps.clock.now().toISOString() : undefined,
        limit: MY_REMINDERS_LIMIT,
      });
      // An agent who left the ticket's department no longer sees its subject through a reminder.
      const visible = new Map<string, boolean>();
      for (const ticketId of new Set(pending.map((r) => r.ticketId))) {
        const ticket = await findTicketRef(deps.db, ticketId);
        visible.set(ticketId, ticket !== undefined && canSeeTicket(actor, ticket));
      }
      return { items: pending.filter((r) => visible.get(r.ticketId)), nextCursor: null };
    },

    async create(actor: Actor, ticketIdOrNumber: string, input: NewReminderInput): Promise<Reminder> {
      assertCan(actor, 'work.write');
      const remindAt = toUtc(input.remindAt, 'remindAt');
      const note = cleanNote(input.note);
      return inTransaction(deps, async ({ trx, now, emit }) => {
        const ticket = await loadVisibleTicket(trx, actor, ticketIdOrNumber);
        const agent = await workAgent(trx, actor, input.agentId);
        assertAgentMaySee(agent, ticket);
        const reminder = {
          id: newId(),
          ticketId: ticket.id,
          agentId: agent.id,
          remindAt,
          note,
          status: 'pending' as const,
          createdAt: now,
        };
        const reminders = reminderRepository(trx);
        await reminders.insert(reminder);
        emit({
          type: 'reminder.created',
          ticketId: ticket.id,
          organizationId: ticket.organizationId,
          actor,
          data: { ticketId: ticket.id, reminderId: reminder.id, agentId: agent.id, remindAt },
        });
        return (await reminders.find(reminder.id)) as Reminder;
      });
    },

    /** The reminded agent (or an admin or supervisor) dismisses or moves a reminder. */
    async update(actor: Actor, id: string, input: ReminderUpdate): Promise<Reminder> {
      assertCan(actor, 'work.write');
      const changes: ReminderChanges = {};
      if (input.remindAt !== undefined) {
        changes.remindAt = toUtc(input.remindAt, 'remindAt');
        changes.status = 'pending';
      }
      if (input.note !== undefined) changes.note = cleanNote(input.note);
      if (input.status !== undefined) changes.status = input.status;
      if (Object.keys(changes).length === 0) {
        throw new AppError('VALIDATION_FAILED', 'Nothing to change', { field: 'status' });
      }
      return inTransaction(deps, async ({ trx, emit }) => {
        const reminders = reminderRepository(trx);
        const current = await reminders.find(id);
        const notFound = () => new AppError('REMINDER_NOT_FOUND', 'Reminder not found', { id });
        if (!current) throw notFound();
        await loadVisibleTicket(trx, actor, current.ticketId).catch((error: unknown) => {
          throw error instanceof AppError && error.code === 'TICKET_NOT_FOUND' ? notFound() : error;
        });
        if (!canChangeWorkOf(actor, current.agentId)) {
          throw new AppError('FORBIDDEN', 'Only the reminded agent, or a supervisor, may change a reminder');
        }
        await reminders.update(id, changes);
        emit({
          type: changes.status === 'dismissed' ? 'reminder.dismissed' : 'reminder.updated',
          ticketId: current.ticketId,
          actor,
          data: { ticketId: current.ticketId, reminderId: id, agentId: current.agentId, status: changes.status },
        });
        return (await reminders.find(id)) as Reminder;
      });
    },
  };
}

export type ReminderService = ReturnType<typeof createReminderService>;
