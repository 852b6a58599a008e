import type { Db } from '../../db/database.ts';
import type { Actor } from '../shared/actor.ts';
import { type TicketChange, ticketHistoryRepository } from '../tickets/ticket-history.repository.ts';
import { contractRepository } from './contract.repository.ts';

interface TicketRef {
  id: string;
  number: string;
}

/**
 * A ticket escalated to accounting (a contract extension, a payment to apply) follows up the one it
 * came from, and both histories say so; `originalChanges` adds what else changed on the original.
 */
export async function linkEscalation(
  trx: Db,
  input: {
    escalated: TicketRef;
    original: TicketRef;
    actor: Actor;
    via: string;
    now: string;
    originalChanges?: TicketChange[];
  },
): Promise<void> {
  const { escalated, original, actor, via, now } = input;
  await contractRepository(trx).linkFollowUp(escalated.id, original.id);
  const history = ticketHistoryRepository(trx);
  await history.record({
    ticketId: escalated.id,
    actor,
    via,
    now,
    changes: [{ field: 'follow_up_of', from: null, to: original.number }],
  });
  await history.record({
    ticketId: original.id,
    actor,
    via,
    now,
    changes: [{ field: 'escalated_to', from: null, to: escalated.number }, ...(input.originalChanges ?? [])],
  });
}
