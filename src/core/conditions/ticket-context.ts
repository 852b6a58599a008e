import { DateTime } from 'luxon';
import type { Db } from '../../db/database.ts';
import { automationRepository } from '../automation/automation.repository.ts';
import { type BusinessCalendar, DEFAULT_CALENDAR, isOpen } from '../calendars/business-hours.ts';
import { calendarRepository } from '../calendars/calendar.repository.ts';
import { satisfactionRepository } from '../satisfaction/satisfaction.repository.ts';
import { noSettingsCache, type SettingsCache } from '../settings/settings-cache.ts';
import { type TicketRecord, ticketRepository } from '../tickets/ticket.repository.ts';
import type { TicketChange } from '../tickets/ticket-history.repository.ts';
import type { Vocabulary } from '../tickets/ticket-settings.service.ts';
import { priorityOf } from '../tickets/ticket-vocabulary.ts';
import type { ConditionContext } from './conditions.ts';

/** The calendar a ticket's clocks run on: its department's, else the default, else office hours in the department's zone. */
export async function calendarForTicket(
  db: Db,
  departmentId: string | null,
  cache: SettingsCache = noSettingsCache,
): Promise<BusinessCalendar> {
  return cache.get(`departmentCalendar:${departmentId}`, () => readCalendarForTicket(db, departmentId));
}

async function readCalendarForTicket(db: Db, departmentId: string | null): Promise<BusinessCalendar> {
  const calendars = calendarRepository(db);
  const found = await calendars.forDepartment(departmentId);
  if (found) return found;
  const zone = await calendars.departmentTimeZone(departmentId);
  return zone ? { ...DEFAULT_CALENDAR, timeZone: zone } : DEFAULT_CALENDAR;
}

export function statusNameOf(vocabulary: Vocabulary, statusId: string): string {
  return vocabulary.statuses.find((s) => s.id === statusId)?.name ?? statusId;
}

/** What conditions read around a ticket besides its row. */
export interface TicketSurroundings {
  description: string;
  organizationTier: string | null;
  accountLeaderId: string | null;
  satisfaction: string | null;
  calendar: BusinessCalendar;
}

export async function loadSurroundings(
  db: Db,
  ticket: TicketRecord,
  cache: SettingsCache = noSettingsCache,
): Promise<TicketSurroundings> {
  const repo = automationRepository(db);
  return {
    description: await repo.description(ticket.id),
    organizationTier: await repo.organizationTier(ticket.organizationId),
    accountLeaderId: await repo.accountLeaderOf(ticket.organizationId),
    satisfaction: (await satisfactionRepository(db).byTicket(ticket.id))?.rating ?? null,
    calendar: await calendarForTicket(db, ticket.departmentId, cache),
  };
}

/**
 * A ticket and its surroundings read once for everything that runs after one write (each trigger,
 * the account limits, the SLA) instead of once per rule; whoever changes the ticket calls
 * `invalidate`, and the next read sees the change.
 */
export function ticketSnapshot(db: Db, ticketId: string, cache: SettingsCache = noSettingsCache) {
  let ticket: Promise<TicketRecord | undefined> | undefined;
  let surroundings: Promise<TicketSurroundings> | undefined;
  const snapshot = {
    ticket: () => {
      ticket ??= ticketRepository(db).find(ticketId);
      return ticket;
    },
    async surroundings(): Promise<TicketSurroundings> {
      const current = await snapshot.ticket();
      if (!current) throw new Error(`ticket ${ticketId} vanished`);
      surroundings ??= loadSurroundings(db, current, cache);
      return surroundings;
    },
    invalidate() {
      ticket = undefined;
      surroundings = undefined;
    },
  };
  return snapshot;
}

export type TicketSnapshot = ReturnType<typeof ticketSnapshot>;

/** What conditions see of a ticket at `now`, for an event and its changes. */
export function ticketContext(input: {
  ticket: TicketRecord;
  surroundings: TicketSurroundings;
  vocabulary: Vocabulary;
  event: string;
  changes: TicketChange[];
  now: Date;
}): ConditionContext {
  const { ticket, vocabulary, surroundings } = input;
  const local = DateTime.fromJSDate(input.now, { zone: surroundings.calendar.timeZone });
  const nameOf = (items: { id: string; name: string }[], id: string | null) =>
    id === null ? null : (items.find((i) => i.id === id)?.name ?? id);
  const view = {
    subject: ticket.subject,
    description: surroundings.description,
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
    organizationTier: surroundings.organizationTier,
    accountLeaderId: surroundings.accountLeaderId,
    satisfaction: surroundings.satisfaction,
    event: input.event,
    changes,
    businessHoursNow: isOpen(surroundings.calendar, input.now),
    hour: local.hour,
    weekday: local.weekday,
  };
}
