import type { Db } from '../../db/database.ts';
import { assertCan } from '../accounts/access.policy.ts';
import { outboxRepository } from '../outbox/outbox.repository.ts';
import type { Actor, Locale } from '../shared/actor.ts';
import { AppError } from '../shared/app-error.ts';
import type { CoreDeps, UnitOfWork } from '../shared/core-deps.ts';
import { newId } from '../shared/ids.ts';
import type { Page } from '../shared/pagination.ts';
import { loadVisibleTicket, type TicketRef } from '../tickets/ticket.access.ts';
import type { ScheduledSessionInput } from './activity.ts';
import { buildCalendarInvite } from './calendar-invite.ts';
import { type AgentCard, participantsRepository } from './participants.repository.ts';
import {
  type ScheduledSession,
  type SessionAttendee,
  scheduledSessionRepository,
} from './scheduled-session.repository.ts';

export type { ScheduledSession, SessionAttendee } from './scheduled-session.repository.ts';

export const INVITE_JOB = 'calendar.invite@1';
const MAX_AGENDA_DAYS = 366;
const AGENDA_LIMIT = 500;

/** Start and end as UTC ISO strings, the end after the start; throws naming the field otherwise. */
export function sessionTimes(input: ScheduledSessionInput, field = 'activity.scheduledSession') {
  const startsAt = Date.parse(input.startsAt);
  const endsAt = Date.parse(input.endsAt);
  if (Number.isNaN(startsAt)) {
    throw new AppError('VALIDATION_FAILED', 'The session start is not a date and time', { field: `${field}.startsAt` });
  }
  if (Number.isNaN(endsAt) || endsAt <= startsAt) {
    throw new AppError('VALIDATION_FAILED', 'The session must end after it starts', { field: `${field}.endsAt` });
  }
  return { startsAt: new Date(startsAt).toISOString(), endsAt: new Date(endsAt).toISOString() };
}

/**
 * Who is invited to a session on a ticket — 000 (Wolk): the customer, with a copy to the support
 * colleagues and the supervisor — and the organizer (issue 13: the session belongs in their own
 * calendar too), without anyone twice.
 */
export function sessionAttendees(input: {
  organizer: { id: string; name: string; email: string };
  contact: { id: string; name: string; email: string | null } | undefined;
  assignee: AgentCard | undefined;
  departmentStaff: AgentCard[];
  guests: { name?: string; email: string }[];
}): SessionAttendee[] {
  const seen = new Set<string>();
  const attendees: SessionAttendee[] = [];
  const add = (attendee: SessionAttendee) => {
    const email = attendee.email.trim().toLowerCase();
    if (!email || seen.has(email)) return;
    seen.add(email);
    attendees.push({ ...attendee, email });
  };
  const organizerId = input.organizer.id;
  add({ name: input.organizer.name, email: input.organizer.email, role: 'organizer', agentId: organizerId });
  if (input.contact?.email) {
    add({ name: input.contact.name, email: input.contact.email, role: 'contact', contactId: input.contact.id });
  }
  if (input.assignee && input.assignee.id !== organizerId) {
    add({ name: input.assignee.name, email: input.assignee.email, role: 'assignee', agentId: input.assignee.id });
  }
  for (const agent of input.departmentStaff) {
    if (agent.id === organizerId) continue;
    const role = agent.role === 'supervisor' ? 'supervisor' : 'colleague';
    add({ name: agent.name, email: agent.email, role, agentId: agent.id });
  }
  for (const guest of input.guests) add({ name: guest.name?.trim() ?? '', email: guest.email, role: 'guest' });
  return attendees;
}

const NEUTRAL_TITLE: Record<Locale, string> = { es: 'Sesión de soporte', en: 'Support session' };

/**
 * Records a session agreed in an activity and queues its invitation (an iCalendar REQUEST) in the
 * same transaction; the outbox worker mails it after the commit.
 */
/** A session's link: an http(s) URL (Teams, Skype, Meet…), as the customer will open it. */
export function joinUrlOf(value: string, field: string): string {
  const text = value.trim();
  let url: URL | undefined;
  try {
    url = new URL(text);
  } catch {
    url = undefined;
  }
  if (!url || !/^https?:$/.test(url.protocol)) {
    throw new AppError('VALIDATION_FAILED', 'The session link must be an http(s) address', { field });
  }
  return text;
}

export async function scheduleSession(
  uow: UnitOfWork,
  input: {
    actor: Actor;
    ticket: TicketRef;
    messageId: string;
    session: ScheduledSessionInput;
  },
): Promise<ScheduledSession> {
  const { trx, now, emit } = uow;
  const { startsAt, endsAt } = sessionTimes(input.session);
  const people = participantsRepository(trx);
  const organizerId =
    input.actor.kind === 'agent' ? input.actor.id : input.actor.kind === 'system' ? input.ticket.assigneeId : null;
  const organizer = organizerId ? await people.agent(organizerId) : undefined;
  if (!organizer) {
    throw new AppError('VALIDATION_FAILED', 'A session needs an agent to organize it', {
      field: 'activity.scheduledSession',
    });
  }
  const [contact, assignee, departmentStaff] = await Promise.all([
    people.contact(input.ticket.requesterId),
    input.ticket.assigneeId ? people.agent(input.ticket.assigneeId) : undefined,
    input.ticket.departmentId ? people.departmentStaff(input.ticket.departmentId) : [],
  ]);
  const attendees = sessionAttendees({
    organizer,
    contact,
    assignee: assignee?.active ? assignee : undefined,
    departmentStaff,
    guests: input.session.attendees ?? [],
  });
  // The invitation reaches the customer: without a title of its own it gets a neutral one, never
  // the activity's reason, which is internal.
  const title = input.session.title?.trim() || (contact?.locale === 'en' ? NEUTRAL_TITLE.en : NEUTRAL_TITLE.es);
  const session = {
    id: newId(),
    ticketId: input.ticket.id,
    messageId: input.messageId,
    title,
    startsAt,
    endsAt,
    attendees,
    organizerId: organizer.id,
    sequence: 0,
    cancelledAt: null,
    createdAt: now,
    joinUrl: input.session.joinUrl ? joinUrlOf(input.session.joinUrl, 'activity.scheduledSession.joinUrl') : null,
  };
  await scheduledSessionRepository(trx).insert(session);
  const ics = buildCalendarInvite({
    uid: `${session.id}@tiquete`,
    sequence: session.sequence,
    stamp: new Date(now),
    startsAt,
    endsAt,
    summary: `[${input.ticket.number}] ${title}`,
    description: `${input.ticket.number} — ${input.ticket.subject}`,
    organizer: { name: organizer.name, email: organizer.email },
    attendees,
  });
  await outboxRepository(trx).add({
    type: INVITE_JOB,
    ticketId: input.ticket.id,
    now,
    payload: {
      ticketId: input.ticket.id,
      sessionId: session.id,
      messageId: input.messageId,
      method: 'REQUEST',
      organizer: { name: organizer.name, email: organizer.email },
      recipients: attendees.map(({ name, email, role }) => ({ name, email, role })),
      ics,
    },
  });
  emit({
    type: 'session.scheduled',
    ticketId: input.ticket.id,
    organizationId: input.ticket.organizationId,
    actor: input.actor,
    data: { ticketId: input.ticket.id, sessionId: session.id, messageId: input.messageId, startsAt, endsAt },
  });
  return { ...session, ticketNumber: input.ticket.number };
}

export function createScheduledSessionService(deps: CoreDeps) {
  return {
    /** The sessions agreed on a ticket, soonest first. Staff only: sessions come from internal activities. */
    async listForTicket(actor: Actor, ticketIdOrNumber: string): Promise<Page<ScheduledSession>> {
      assertCan(actor, 'messages.read');
      const ticket = await loadVisibleTicket(deps.db, actor, ticketIdOrNumber);
      return { items: await scheduledSessionRepository(deps.db).listForTicket(ticket.id), nextCursor: null };
    },

    /** The signed-in agent's sessions (organized or invited to) overlapping [from, to). */
    async agenda(actor: Actor, range: { from?: string; to?: string }): Promise<Page<ScheduledSession>> {
      assertCan(actor, 'messages.read');
      if (actor.kind !== 'agent') return { items: [], nextCursor: null };
      const { from, to } = agendaRange(deps.clock.now(), range);
      const me = await participantsRepository(deps.db).agent(actor.id);
      if (!me) return { items: [], nextCursor: null };
      const items = await agendaOf(deps.db, { agentId: me.id, email: me.email.toLowerCase(), from, to });
      return { items, nextCursor: null };
    },
  };
}

function agendaOf(db: Db, opts: { agentId: string; email: string; from: string; to: string }) {
  return scheduledSessionRepository(db).agenda({ ...opts, limit: AGENDA_LIMIT });
}

/** From now to 30 days ahead unless said; at most a year, so one request cannot scan everything. */
function agendaRange(now: Date, range: { from?: string; to?: string }): { from: string; to: string } {
  const from = range.from ? Date.parse(range.from) : now.getTime();
  const to = range.to ? Date.parse(range.to) : from + 30 * 86_400_000;
  if (Number.isNaN(from)) throw new AppError('VALIDATION_FAILED', 'from is not a date and time', { field: 'from' });
  if (Number.isNaN(to) || to <= from) {
    throw new AppError('VALIDATION_FAILED', 'to must come after from', { field: 'to' });
  }
  if (to - from > MAX_AGENDA_DAYS * 86_400_000) {
    throw new AppError('VALIDATION_FAILED', `The agenda covers at most ${MAX_AGENDA_DAYS} days`, { field: 'to' });
  }
  return { from: new Date(from).toISOString(), to: new Date(to).toISOString() };
}
