import type { Actor } from '../shared/actor.ts';
import type { TicketChanges } from '../tickets/ticket.service.ts';
import type { Action } from './rules.ts';

/** The ticket fields a rule's actions may change, as the ticket service names them. */
const RULE_FIELDS = ['status', 'priority', 'type', 'category', 'departmentId', 'assigneeId', 'flag'] as const;
type RuleField = (typeof RULE_FIELDS)[number];

/**
 * The fields an agent set explicitly in one create or update request (issue 13). Only an agent's
 * own choice counts: a channel's defaults (a mailbox's department) are not a choice rules must respect.
 */
export function explicitFields(actor: Actor, input: TicketChanges): RuleField[] {
  if (actor.kind !== 'agent') return [];
  return RULE_FIELDS.filter((field) => input[field] !== undefined);
}

/**
 * Drops from `changes` what `action` just set (compared with `before`) on a field the agent chose
 * explicitly, unless the action is marked to override the agent.
 */
export function keepExplicitChoices(
  action: Action,
  before: TicketChanges,
  changes: TicketChanges,
  explicit: readonly string[],
): void {
  if (('override' in action && action.override === true) || explicit.length === 0) return;
  for (const field of RULE_FIELDS) {
    if (!explicit.includes(field) || changes[field] === before[field]) continue;
    if (field in before) (changes as Record<string, unknown>)[field] = before[field];
    else delete changes[field];
  }
}
