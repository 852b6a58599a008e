import { type Selectable, type SelectQueryBuilder, sql } from 'kysely';
import type { Database, Db, ScheduledSessionsTable } from '../../db/database.ts';

export type AttendeeRole = 'organizer' | 'contact' | 'assignee' | 'colleague' | 'supervisor' | 'guest';

export interface SessionAttendee {
  name: string;
  email: string;
  role: AttendeeRole;
  agentId?: string;
  contactId?: string;
}

export interface ScheduledSession {
  id: string;
  ticketId: string;
  ticketNumber: string;
  messageId: string | null;
  title: string;
  startsAt: string;
  endsAt: string;
  attendees: SessionAttendee[];
  organizerId: string | null;
  sequence: number;
  cancelledAt: string | null;
  createdAt: string;
  /** The Teams or Skype link to join (0050); null when none was given. */
  joinUrl: string | null;
}

type Row = Selectable<ScheduledSessionsTable> & { ticket_number: string };

function toSession(row: Row): ScheduledSession {
  return {
    id: row.id,
    ticketId: row.ticket_id,
    ticketNumber: row.ticket_number,
    messageId: row.message_id,
    title: row.title,
    startsAt: row.starts_at,
    endsAt: row.ends_at,
    attendees: JSON.parse(row.attendees) as SessionAttendee[],
    organizerId: row.organizer_agent_id,
    sequence: row.sequence,
    cancelledAt: row.cancelled_at,
    createdAt: row.created_at,
    joinUrl: row.join_url,
  };
}

/** A LIKE pattern for attendee lists (JSON text, the same on both engines) holding this key and value. */
function containing(entry: Record<string, string>): string {
  return `%${JSON.stringify(entry)
    .slice(1, -1)
    .replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

export function scheduledSessionRepository(db: Db) {
  const base = () =>
    db
      .selectFrom('scheduled_sessions')
      .innerJoin('tickets', 'tickets.id', 'scheduled_sessions.ticket_id')
      .selectAll('scheduled_sessions')
      .select('tickets.number as ticket_number');

  return {
    async insert(session: Omit<ScheduledSession, 'ticketNumber'>): Promise<void> {
      await db
        .insertInto('scheduled_sessions')
        .values({
          id: session.id,
          ticket_id: session.ticketId,
          message_id: session.messageId,
          title: session.title,
          starts_at: session.startsAt,
          ends_at: session.endsAt,
          attendees: JSON.stringify(session.attendees),
          organizer_agent_id: session.organizerId,
          sequence: session.sequence,
          cancelled_at: session.cancelledAt,
          created_at: session.createdAt,
          join_url: session.joinUrl,
        })
        .execute();
    },

    async find(id: string): Promise<ScheduledSession | undefined> {
      const row = await base().where('scheduled_sessions.id', '=', id).executeTakeFirst();
      return row && toSession(row);
    },

    async setJoinUrl(id: string, joinUrl: string): Promise<void> {
      await db.updateTable('scheduled_sessions').set({ join_url: joinUrl }).where('id', '=', id).execute();
    },

    async listForTicket(ticketId: string): Promise<ScheduledSession[]> {
      const rows = await base()
        .where('scheduled_sessions.ticket_id', '=', ticketId)
        .orderBy('scheduled_sessions.starts_at')
        .orderBy('scheduled_sessions.id')
        .execute();
      return rows.map(toSession);
    },

    async listForMessages(messageIds: string[]): Promise<Map<string, ScheduledSession>> {
      if (messageIds.length === 0) return new Map();
      const rows = await base().where('scheduled_sessions.message_id', 'in', messageIds).execute();
      return new Map(rows.map((row) => [row.message_id as string, toSession(row)]));
    },

    /**
     * Sessions overlapping [from, to) on the tickets `ticketIds` (a subquery), not cancelled; with
     * `agentIds`, only those these agents organize or are invited to (the planner).
     */
    async across(opts: {
      ticketIds: SelectQueryBuilder<Database, 'tickets', { id: string }>;
      from: string;
      to: string;
      agentIds?: string[];
      limit: number;
    }): Promise<ScheduledSession[]> {
      const agentIds = opts.agentIds;
      let query = base()
        .where('scheduled_sessions.ticket_id', 'in', opts.ticketIds)
        .where('scheduled_sessions.starts_at', '<', opts.to)
        .where('scheduled_sessions.ends_at', '>', opts.from)
        .where('scheduled_sessions.cancelled_at', 'is', null);
      if (agentIds) {
        query = query.where((eb) =>
          eb.or([
            ...(agentIds.length > 0 ? [eb('scheduled_sessions.organizer_agent_id', 'in', agentIds)] : []),
            ...agentIds.map(
              (id) => sql<boolean>`scheduled_sessions.attendees like ${containing({ agentId: id })} escape '\\'`,
            ),
          ]),
        );
      }
      const rows = await query
        .orderBy('scheduled_sessions.starts_at')
        .orderBy('scheduled_sessions.id')
        .limit(opts.limit)
        .execute();
      return rows.map(toSession);
    },

    /**
     * Sessions overlapping [from, to) that an agent organizes or is invited to. Invitations are
     * found by the agent's email in the stored attendee list (JSON text, the same on both engines).
     */
    async agenda(opts: { agentId: string; email: string; from: string; to: string; limit: number }) {
      const pattern = containing({ email: opts.email });
      const rows = await base()
        .where('scheduled_sessions.starts_at', '<', opts.to)
        .where('scheduled_sessions.ends_at', '>', opts.from)
        .where('scheduled_sessions.cancelled_at', 'is', null)
        .where((eb) =>
          eb.or([
            eb('scheduled_sessions.organizer_agent_id', '=', opts.agentId),
            sql<boolean>`scheduled_sessions.attendees like ${pattern} escape '\\'`,
          ]),
        )
        .orderBy('scheduled_sessions.starts_at')
        .orderBy('scheduled_sessions.id')
        .limit(opts.limit)
        .execute();
      return rows.map(toSession);
    },
  };
}
