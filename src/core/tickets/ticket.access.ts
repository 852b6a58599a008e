import type { Db } from '../../db/database.ts';
import type { Actor } from '../shared/actor.ts';
import { AppError } from '../shared/app-error.ts';
import { canSeeTicket } from './ticket.policy.ts';
import { type TicketRef, ticketRefRepository } from './ticket-ref.repository.ts';

export type { TicketRef } from './ticket-ref.repository.ts';

/**
 * The ticket `idOrNumber` if the actor may see it. A ticket that exists but is not theirs answers
 * exactly like one that does not exist (404), so existence never leaks.
 */
export async function loadVisibleTicket(db: Db, actor: Actor, idOrNumber: string): Promise<TicketRef> {
  const remembered = rememberedTickets.get(actor);
  let found = remembered?.get(idOrNumber);
  if (!found) {
    found = ticketRefRepository(db).find(idOrNumber);
    remembered?.set(idOrNumber, found);
  }
  const ticket = await found;
  if (!ticket || !canSeeTicket(actor, ticket)) {
    throw new AppError('TICKET_NOT_FOUND', `Ticket ${idOrNumber} not found`, { id: idOrNumber });
  }
  return ticket;
}

const rememberedTickets = new WeakMap<Actor, Map<string, Promise<TicketRef | undefined>>>();

/**
 * The same actor, for a read-only request that loads one ticket's parts in parallel (the ticket
 * page): each part resolves the ticket once instead of once per part. Never for a request that
 * writes, where a ticket may change between two checks.
 */
export function readingOnce(actor: Actor): Actor {
  const copy = { ...actor };
  rememberedTickets.set(copy, new Map());
  return copy;
}

/** The ticket whatever the actor, for listeners that then filter each recipient with `canSeeTicket`. */
export function findTicketRef(db: Db, id: string): Promise<TicketRef | undefined> {
  return ticketRefRepository(db).find(id);
}
