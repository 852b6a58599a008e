import { describe, expect, it } from 'vitest';
import { buildCalendarInvite } from './calendar-invite.ts';
import { sessionAttendees } from './scheduled-session.service.ts';

const agent = (id: string, name: string, role: 'agent' | 'supervisor' | 'admin' = 'agent') => ({
  id,
  name,
  email: `${id}@tiquete.example`,
  initials: '',
  role,
  timeZone: 'America/Costa_Rica',
  active: true,
});

describe('calendar invitations', () => {
  it('invites the organizer and the customer, copies the colleagues and the supervisor, and leaves out repeats', () => {
    const attendees = sessionAttendees({
      organizer: { id: 'silvia', name: 'Silvia Luna', email: 'silvia@tiquete.example' },
      contact: { id: 'c1', name: 'Jesús Rodríguez', email: 'Jesus@Cliente.example' },
      assignee: agent('silvia', 'Silvia Luna'),
      departmentStaff: [
        agent('alicia', 'Alicia Rodríguez', 'supervisor'),
        agent('david', 'David Nieto'),
        agent('silvia', 'Silvia Luna'),
      ],
      guests: [{ email: 'david@tiquete.example' }, { name: 'Contadora', email: 'conta@cliente.example' }],
    });
    // Issue 13: the agent who scheduled it is invited too, once, as the organizer.
    expect(attendees.map((a) => [a.email, a.role])).toEqual([
      ['silvia@tiquete.example', 'organizer'],
      ['jesus@cliente.example', 'contact'],
      ['alicia@tiquete.example', 'supervisor'],
      ['david@tiquete.example', 'colleague'],
      ['conta@cliente.example', 'guest'],
    ]);
  });

  it('writes an iTIP REQUEST with one event in UTC, the organizer and every attendee', () => {
    const ics = buildCalendarInvite({
      uid: 'abc@tiquete',
      sequence: 0,
      stamp: new Date('2026-01-05T15:00:00Z'),
      startsAt: '2026-01-06T21:00:00.000Z',
      endsAt: '2026-01-06T22:00:00.000Z',
      summary: '[OP10044] Capacitación de facturación',
      description: 'OP10044 — Desbloqueo de usuario',
      organizer: { name: 'Silvia Luna', email: 'silvia@tiquete.example' },
      attendees: [
        { name: 'Jesús Rodríguez', email: 'jesus@cliente.example', role: 'contact' },
        { name: 'Alicia Rodríguez', email: 'alicia@tiquete.example', role: 'supervisor' },
      ],
    });
    expect(ics.includes('\r\n')).toBe(true);
    const lines = ics
      .replace(/\r\n[ \t]/g, '')
      .split('\r\n')
      .filter(Boolean);
    expect(lines[0]).toBe('BEGIN:VCALENDAR');
    expect(lines.at(-1)).toBe('END:VCALENDAR');
    expect(lines).toEqual(
      expect.arrayContaining([
        'VERSION:2.0',
        'METHOD:REQUEST',
        'BEGIN:VEVENT',
        'UID:abc@tiquete',
        'DTSTAMP:20260105T150000Z',
        'DTSTART:20260106T210000Z',
        'DTEND:20260106T220000Z',
        'SUMMARY:[OP10044] Capacitación de facturación',
        'END:VEVENT',
      ]),
    );
    expect(lines.find((l) => l.startsWith('ORGANIZER'))).toMatch(/CN="Silvia Luna":MAILTO:silvia@tiquete\.example$/i);
    const attendees = lines.filter((l) => l.startsWith('ATTENDEE'));
    expect(attendees).toHaveLength(2);
    expect(attendees[0]).toMatch(/ROLE="?REQ-PARTICIPANT"?.*mailto:jesus@cliente\.example$/i);
    expect(attendees[1]).toMatch(/ROLE="?OPT-PARTICIPANT"?.*mailto:alicia@tiquete\.example$/i);
  });
});
