import { createEvent, type EventAttributes } from 'ics';
import type { AttendeeRole, SessionAttendee } from './scheduled-session.repository.ts';

export interface InviteInput {
  /** Stable per session, so a later update or cancellation replaces the same calendar entry. */
  uid: string;
  sequence: number;
  stamp: Date;
  startsAt: string;
  endsAt: string;
  summary: string;
  description: string;
  organizer: { name: string; email: string };
  attendees: SessionAttendee[];
}

// 000 (Wolk): colleagues and the supervisor are copied ("con copia"); the customer and the owner are expected.
// The organizer attends as CHAIR (RFC 5545 3.2.16), so the event shows in their calendar too.
const ROLE_OF: Record<AttendeeRole, 'CHAIR' | 'REQ-PARTICIPANT' | 'OPT-PARTICIPANT'> = {
  organizer: 'CHAIR',
  contact: 'REQ-PARTICIPANT',
  assignee: 'REQ-PARTICIPANT',
  guest: 'REQ-PARTICIPANT',
  colleague: 'OPT-PARTICIPANT',
  supervisor: 'OPT-PARTICIPANT',
};

/** An RFC 5545 VCALENDAR with METHOD:REQUEST (an iTIP invitation) and one VEVENT, times in UTC. */
export function buildCalendarInvite(input: InviteInput): string {
  const attributes: EventAttributes & { timestamp: number } = {
    productId: '-//Tiquete//Tiquete//ES',
    method: 'REQUEST',
    uid: input.uid,
    sequence: input.sequence,
    timestamp: input.stamp.getTime(),
    start: Date.parse(input.startsAt),
    startInputType: 'utc',
    startOutputType: 'utc',
    end: Date.parse(input.endsAt),
    endInputType: 'utc',
    endOutputType: 'utc',
    title: input.summary,
    description: input.description,
    status: 'CONFIRMED',
    organizer: { name: input.organizer.name, email: input.organizer.email },
    attendees: input.attendees.map((attendee) => ({
      name: attendee.name || undefined,
      email: attendee.email,
      rsvp: true,
      partstat: 'NEEDS-ACTION',
      role: ROLE_OF[attendee.role],
    })),
  };
  const { error, value } = createEvent(attributes);
  if (error || !value) throw error ?? new Error('the calendar invitation could not be built');
  return value;
}
