import type { FastifyBaseLogger } from 'fastify';
import type { WebSocket } from 'ws';
import type { SignedIn } from '../../core/accounts/auth.service.ts';
import type { DomainEvent } from '../../core/shared/domain-events.ts';
import { newId } from '../../core/shared/ids.ts';
import { findTicketRef, loadVisibleTicket, type TicketRef } from '../../core/tickets/ticket.access.ts';
import { canSeeTicket } from '../../core/tickets/ticket.policy.ts';
import type { Db } from '../../db/database.ts';
import type { LiveRelay } from '../../db/live-relay.ts';

export type PresenceState = 'viewing' | 'typing';

interface Connection {
  socket: WebSocket;
  signedIn: SignedIn;
}

interface PresenceEntry {
  connectionId: string;
  ticketId: string;
  agentId: string;
  name: string;
  initials: string;
  state: PresenceState;
  seenAt: number;
}

// Clients repeat their presence every 20 s; an entry not repeated for this long is gone
// (a closed tab on an instance that crashed).
const PRESENCE_TTL_MS = 60_000;
// Room left in a relay message (NOTIFY takes under 8000 bytes) for a batch of events.
const BATCH_BYTES = 7000;

/**
 * Pushes domain events to the console's open WebSockets, each agent only what they may see, and
 * tells agents on the same ticket who else is viewing or typing (agent collision).
 */
export function createLiveHub(deps: { db: Db; relay: LiveRelay; log: FastifyBaseLogger }) {
  const connections = new Map<string, Connection>();
  const presence = new Map<string, PresenceEntry>();

  function send(connection: Connection, message: unknown) {
    if (connection.socket.readyState === connection.socket.OPEN) connection.socket.send(JSON.stringify(message));
  }

  function viewersOf(ticketId: string) {
    const now = Date.now();
    const viewers: Omit<PresenceEntry, 'connectionId' | 'ticketId' | 'seenAt'>[] = [];
    for (const [id, entry] of presence) {
      if (now - entry.seenAt > PRESENCE_TTL_MS) presence.delete(id);
      else if (entry.ticketId === ticketId) {
        viewers.push({ agentId: entry.agentId, name: entry.name, initials: entry.initials, state: entry.state });
      }
    }
    return viewers;
  }

  /**
   * The connections an event may go to before the visibility rule: a notification is its agent's
   * alone, so only their own consoles hear of it.
   */
  function audienceOf(event: DomainEvent): Connection[] {
    const all = [...connections.values()];
    if (event.type !== 'notification.created') return all;
    return all.filter((connection) => connection.signedIn.actor.id === event.data.agentId);
  }

  async function deliverEvent(event: DomainEvent) {
    // Looked up only when someone could receive it: a created ticket fans out into one event per
    // notified agent. A notification was written for its agent, so it needs no visibility lookup.
    const audience = audienceOf(event);
    if (audience.length === 0) return;
    let ticket: TicketRef | undefined;
    if (event.ticketId && event.type !== 'notification.created') {
      ticket = await findTicketRef(deps.db, event.ticketId);
      if (!ticket) return;
    }
    const message = {
      type: 'event',
      event: {
        type: event.type,
        ticketId: event.ticketId ?? null,
        at: event.at,
        actor: event.actor.kind === 'system' ? { kind: 'system' } : { kind: event.actor.kind, id: event.actor.id },
        data: event.data,
      },
    };
    for (const connection of audience) {
      if (!ticket || canSeeTicket(connection.signedIn.actor, ticket)) send(connection, message);
    }
  }

  function deliverPresence(entry: PresenceEntry | { connectionId: string; ticketId: null }) {
    const previous = presence.get(entry.connectionId);
    if (entry.ticketId === null) presence.delete(entry.connectionId);
    else presence.set(entry.connectionId, { ...entry, seenAt: Date.now() });
    // Everyone on the ticket the agent left and on the one they joined gets the new list.
    for (const ticketId of new Set([previous?.ticketId, entry.ticketId])) {
      if (!ticketId) continue;
      const message = { type: 'presence', ticketId, viewers: viewersOf(ticketId) };
      for (const [id, connection] of connections) {
        const here = presence.get(id);
        if (here?.ticketId === ticketId) send(connection, message);
      }
    }
  }

  const unsubscribe = deps.relay.subscribe((message) => {
    if (message.kind === 'events') {
      for (const event of message.events as DomainEvent[]) {
        deliverEvent(event).catch((error: unknown) => deps.log.error({ err: error }, 'live event failed'));
      }
    } else if (message.kind === 'presence') {
      deliverPresence(message.entry as PresenceEntry);
    } else if (message.kind === 'gap') {
      // The relay was cut off: events of other instances (and this one's) were missed meanwhile.
      for (const connection of connections.values()) send(connection, { type: 'gap' });
    }
  });

  async function announce(connectionId: string, signedIn: SignedIn, ticketId: string | null, state: PresenceState) {
    const entry =
      ticketId === null
        ? { connectionId, ticketId: null }
        : {
            connectionId,
            ticketId,
            agentId: signedIn.agent.id,
            name: signedIn.agent.name,
            initials: signedIn.agent.initials,
            state,
            seenAt: Date.now(),
          };
    await deps.relay.publish({ kind: 'presence', entry });
  }

  // Events published in the same turn (a created ticket and its notices: 14 in the bench) leave in
  // one relay message instead of one NOTIFY each.
  let pending: DomainEvent[] = [];
  function flush() {
    const events = pending;
    pending = [];
    let batch: DomainEvent[] = [];
    let size = 0;
    const send = () => {
      if (batch.length === 0) return;
      deps.relay
        .publish({ kind: 'events', events: batch })
        .catch((error: unknown) => deps.log.error({ err: error }, 'live relay failed'));
      batch = [];
      size = 0;
    };
    for (const event of events) {
      const length = JSON.stringify(event).length;
      if (size + length > BATCH_BYTES) send();
      batch.push(event);
      size += length + 1;
    }
    send();
  }

  return {
    /** Called for every domain event after its commit. */
    publish(event: DomainEvent) {
      if (pending.length === 0) setImmediate(flush);
      pending.push(event);
    },

    attach(socket: WebSocket, signedIn: SignedIn) {
      const connectionId = newId();
      const connection = { socket, signedIn };
      connections.set(connectionId, connection);
      socket.on('message', (raw) => {
        let message: { type?: unknown; ticketId?: unknown; state?: unknown };
        try {
          message = JSON.parse(String(raw));
        } catch {
          send(connection, { type: 'error', code: 'BAD_MESSAGE' });
          return;
        }
        if (message.type !== 'presence') return;
        const state: PresenceState = message.state === 'typing' ? 'typing' : 'viewing';
        const ticketId = typeof message.ticketId === 'string' ? message.ticketId : null;
        const check = ticketId ? loadVisibleTicket(deps.db, signedIn.actor, ticketId) : Promise.resolve(null);
        check
          .then((ticket) => announce(connectionId, signedIn, ticket?.id ?? null, state))
          .catch(() => send(connection, { type: 'error', code: 'TICKET_NOT_FOUND', ticketId }));
      });
      socket.on('close', () => {
        connections.delete(connectionId);
        announce(connectionId, signedIn, null, 'viewing').catch(() => {});
      });
      send(connection, { type: 'ready', connectionId });
    },

    async close() {
      unsubscribe();
      for (const { socket } of connections.values()) socket.close(1001, 'server shutting down');
      connections.clear();
    },
  };
}

export type LiveHub = ReturnType<typeof createLiveHub>;
