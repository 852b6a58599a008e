import type { Db } from '../../db/database.ts';
import { businessMinutesBefore } from '../calendars/business-hours.ts';
import type { TicketSnapshot } from '../conditions/ticket-context.ts';
import { calendarForTicket } from '../conditions/ticket-context.ts';
import { announce } from '../notifications/notice.ts';
import { readDueLeadMinutes } from '../settings/due-lead.ts';
import type { UnitOfWork } from '../shared/core-deps.ts';
import type { TicketRecord } from '../tickets/ticket.repository.ts';
import { dueDateRepository } from './due-date.repository.ts';
import type { TicketWrite } from './ticket-hooks.ts';

/**
 * Issue 12 (001, weknow "Fecha límite"): after a write that sets or moves a ticket's due date (or
 * its department, whose calendar counts the lead), the moment it counts as approaching: the
 * admin's lead in business minutes before it. A new due date is told again, threshold by threshold.
 */
export async function watchDueDate(uow: UnitOfWork, write: TicketWrite, snapshot: TicketSnapshot): Promise<void> {
  const moved = write.changes.some((c) => c.field === 'dueAt');
  if (write.kind !== 'created' && !moved && !write.changes.some((c) => c.field === 'departmentId')) return;
  const ticket = await snapshot.ticket();
  if (!ticket) return;
  const repo = dueDateRepository(uow.trx);
  if (!ticket.dueAt) {
    if (moved) await repo.setWarnAt(ticket.id, null, true);
    return;
  }
  const { calendar } = await snapshot.surroundings();
  const lead = await readDueLeadMinutes(uow.trx);
  const warnAt = businessMinutesBefore(calendar, new Date(ticket.dueAt), lead).toISOString();
  await repo.setWarnAt(ticket.id, warnAt, moved || write.kind === 'created');
}

/**
 * After the lead or a calendar changed, in the admin's transaction: every open ticket whose due
 * date has not been told yet is warned at the new moment, so no warning fires by the old rule.
 */
export async function rewatchDueDates(db: Db): Promise<void> {
  const lead = await readDueLeadMinutes(db);
  const repo = dueDateRepository(db);
  // Tickets share a handful of departments' calendars: each is read once.
  const calendars = new Map<string | null, ReturnType<typeof calendarForTicket>>();
  for (const ticket of await repo.untold()) {
    let calendar = calendars.get(ticket.departmentId);
    if (!calendar) {
      calendar = calendarForTicket(db, ticket.departmentId);
      calendars.set(ticket.departmentId, calendar);
    }
    await repo.setWarnAt(
      ticket.id,
      businessMinutesBefore(await calendar, new Date(ticket.dueAt), lead).toISOString(),
      false,
    );
  }
}

/**
 * One ticket whose due date came near or passed (the minute's scan queued it): the matrix's
 * recipients of `due_date` hear of it once per threshold; an open ticket only.
 */
export async function tellDueDate(uow: UnitOfWork, ticket: TicketRecord): Promise<void> {
  if (!ticket.dueAt || ticket.mergedIntoId || ['solved', 'closed'].includes(ticket.statusCategory)) return;
  const repo = dueDateRepository(uow.trx);
  const watch = await repo.watch(ticket.id);
  if (!watch?.warnAt) return;
  const now = Date.parse(uow.now);
  const stage = Date.parse(ticket.dueAt) <= now ? 'passed' : Date.parse(watch.warnAt) <= now ? 'soon' : null;
  if (!stage || watch.notice === stage || watch.notice === 'passed') return;
  await repo.markTold(ticket.id, stage);
  await announce(uow, ticket, 'due_date', {
    detail: { kind: 'due', stage, dueAt: new Date(ticket.dueAt).toISOString() },
  });
}
