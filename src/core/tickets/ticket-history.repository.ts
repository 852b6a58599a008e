import type { Db } from '../../db/database.ts';
import { insertRows } from '../../db/prepared-query.ts';
import type { Actor } from '../shared/actor.ts';

export interface TicketChange {
  field: string;
  from: string | null;
  to: string | null;
}

export interface HistoryEntry extends TicketChange {
  id: number;
  ticketId: string;
  actorKind: 'agent' | 'contact' | 'system';
  actorId: string | null;
  /** The agent's or contact's name as it is now; null for Tiquete itself. */
  actorName: string | null;
  via: string;
  createdAt: string;
}

/**
 * A status change is told by name (what the timeline shows) and stored with the ids too, so a
 * later rename does not cut the history off from its statuses. Names are unique at any moment.
 */
async function statusIdsByName(db: Db, changes: TicketChange[]): Promise<Map<string, string>> {
  const names = changes
    .filter((c) => c.field === 'status')
    .flatMap((c) => [c.from, c.to])
    .filter((name): name is string => name !== null);
  if (names.length === 0) return new Map();
  const rows = await db.selectFrom('ticket_statuses').select(['id', 'name']).where('name', 'in', names).execute();
  return new Map(rows.map((r) => [r.name, r.id]));
}

/** Every change to a ticket, one row per field, written in the transaction that made it. */
export function ticketHistoryRepository(db: Db) {
  return {
    async record(input: { ticketId: string; actor: Actor; via: string; now: string; changes: TicketChange[] }) {
      if (input.changes.length === 0) return;
      const actorId = input.actor.kind === 'system' ? null : input.actor.id;
      const statusIds = await statusIdsByName(db, input.changes);
      await insertRows(
        db,
        'ticket_events',
        input.changes.map((change) => ({
          ticket_id: input.ticketId,
          actor_kind: input.actor.kind,
          actor_id: actorId,
          via: input.actor.kind === 'system' ? `${input.via}:${input.actor.reason}` : input.via,
          field: change.field,
          from_value: change.from,
          to_value: change.to,
          from_ref: change.field === 'status' && change.from !== null ? (statusIds.get(change.from) ?? null) : null,
          to_ref: change.field === 'status' && change.to !== null ? (statusIds.get(change.to) ?? null) : null,
          created_at: input.now,
        })),
      );
    },

    async list(ticketId: string): Promise<HistoryEntry[]> {
      const rows = await db
        .selectFrom('ticket_events')
        .leftJoin('agents', (join) =>
          join.onRef('agents.id', '=', 'ticket_events.actor_id').on('ticket_events.actor_kind', '=', 'agent'),
        )
        .leftJoin('contacts', (join) =>
          join.onRef('contacts.id', '=', 'ticket_events.actor_id').on('ticket_events.actor_kind', '=', 'contact'),
        )
        .selectAll('ticket_events')
        .select(['agents.name as agent_name', 'contacts.name as contact_name'])
        .where('ticket_events.ticket_id', '=', ticketId)
        .orderBy('ticket_events.id')
        .execute();
      return rows.map((row) => ({
        id: Number(row.id),
        ticketId: row.ticket_id,
        actorKind: row.actor_kind,
        actorId: row.actor_id,
        actorName: row.agent_name ?? row.contact_name ?? null,
        via: row.via,
        field: row.field,
        from: row.from_value,
        to: row.to_value,
        createdAt: row.created_at,
      }));
    },
  };
}
