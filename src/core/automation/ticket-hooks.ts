import type { Actor } from '../shared/actor.ts';
import type { UnitOfWork } from '../shared/core-deps.ts';
import type { TicketChange } from '../tickets/ticket-history.repository.ts';

/** What just happened to a ticket, told to automation inside the same transaction. */
export interface TicketWrite {
  kind: 'created' | 'updated' | 'message_from_customer' | 'message_from_agent' | 'satisfaction_rated';
  ticketId: string;
  actor: Actor;
  changes: TicketChange[];
  /** The message a `message_from_*` write added (notices quote it; notes may mention agents). */
  messageId?: string;
  /** Fields the agent set explicitly in this request: rules leave them alone unless they override (issue 13). */
  explicit?: readonly string[];
}

/** Called by the ticket and message services after each write, before the commit. */
export interface TicketHooks {
  afterTicketWrite(uow: UnitOfWork, write: TicketWrite): Promise<void>;
  /**
   * After a merge: the source closed and its messages moved. Not a write of either for triggers
   * (the customer already gets the merge notice), but both tickets' SLA clocks change.
   */
  afterTicketsMerged?(uow: UnitOfWork, merge: { sourceId: string; targetId: string }): Promise<void>;
}

const RULE_PREFIX = 'por regla ';

/** The actor of a change made by a rule; the history shows "por regla X". */
export function ruleActor(ruleName: string): Actor {
  return { kind: 'system', reason: `${RULE_PREFIX}${ruleName}` };
}

/** Loop guard: changes made by rules do not fire triggers again. */
export function isRuleActor(actor: Actor): boolean {
  return actor.kind === 'system' && actor.reason.startsWith(RULE_PREFIX);
}
