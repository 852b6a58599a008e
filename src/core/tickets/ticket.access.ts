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
  const ticket = await ticketRefRepository(db).find(idOrNumber);
  if (!ticket || !canSeeTicket(actor, ticket)) {
    throw new AppError('TICKET_NOT_FOUND', `Ticket ${idOrNumber} not found`, { id: idOrNumber });
  }
  return ticket;
}

/** The ticket whatever the actor, for listeners that then filter each recipient with `canSeeTicket`. */
export function findTicketRef(db: Db, id: string): Promise<TicketRef | undefined> {
  return ticketRefRepository(db).find(id);
}
