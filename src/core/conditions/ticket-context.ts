import { DateTime } from 'luxon';
import type { Db } from '../../db/database.ts';
import { automationRepository } from '../automation/automation.repository.ts';
import { type BusinessCalendar, DEFAULT_CALENDAR, isOpen } from '../calendars/business-hours.ts';
import { calendarRepository } from '../calendars/calendar.repository.ts';
import type { TicketRecord } from '../tickets/ticket.repository.ts';
import type { TicketChange } from '../tickets/ticket-history.repository.ts';
import type { Vocabulary } from '../tickets/ticket-settings.service.ts';
import { priorityOf } from '../tickets/ticket-vocabulary.ts';
import type { ConditionContext } from './conditions.ts';

/** The calendar a ticket's clocks run on: its department's, else the default, else office hours in the department's zone. */
export async function calendarForTicket(db: Db, departmentId: string | null): Promise<BusinessCalendar> {
  const calendars = calendarRepository(db);
  const found = await calendars.forDepartment(departmentId);
  if (found) return found;
  const zone = await calendars.departmentTimeZone(departmentId);
  return zone ? { ...DEFAULT_CALENDAR, timeZone: zone } : DEFAULT_CALENDAR;
}

export function statusNameOf(vocabulary: Vocabulary, statusId: string): string {
  return vocabulary.statuses.find((s) => s.id === statusId)?.name ?? statusId;
}

/** What conditions see of a ticket at `now`, for an event and its changes. */
export async function ticketContext(
  db: Db,
  input: {
    ticket: TicketRecord;
    vocabulary: Vocabulary;
    event: string;
    changes: TicketChange[];
    now: Date;
    calendar?: BusinessCalendar;
  },
): Promise<ConditionContext> {
  const { ticket, vocabulary } = input;
  const repo = automationRepository(db);
  const calendar = input.calendar ?? (await calendarForTicket(db, ticket.departmentId));
  const local = DateTime.fromJSDate(input.now, { zone: calendar.timeZone });
  const nameOf = (items: { id: string; name: string }[], id: string | null) =>
    id === null ? null : (items.find((i) => i.id === id)?.name ?? id);
  const view = {
    subject: ticket.subject,
    description: await repo.description(ticket.id),
    status: statusNameOf(vocabulary, ticket.statusId),
    statusCategory: ticket.statusCategory,
    priority: priorityOf(ticket.priorityRank),
    type: nameOf(vocabulary.types, ticket.typeId),
    category: nameOf(vocabulary.categories, ticket.categoryId),
    departmentId: ticket.departmentId,
    assigneeId: ticket.assigneeId,
    organizationId: ticket.organizationId,
    requesterId: ticket.requesterId,
    channel: ticket.channel,
    flag: ticket.flag,
    tags: ticket.tags,
  };
  // A new ticket "changed" every field it was created with, so "type changed to Problema" fires on create too.
  const changes =
    input.event === 'created'
      ? Object.entries({
          ...view,
          tags: view.tags.join(', '),
        })
          .filter(([field, value]) => value !== null && value !== '' && field !== 'description')
          .map(([field, value]) => ({ field, from: null, to: String(value) }))
      : input.changes;
  return {
    ticket: view,
    organizationTier: await repo.organizationTier(ticket.organizationId),
    event: input.event,
    changes,
    businessHoursNow: isOpen(calendar, input.now),
    hour: local.hour,
    weekday: local.weekday,
  };
}
