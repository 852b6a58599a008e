import type { TicketStatus, TicketType, Vocabulary } from '../tickets/ticket-vocabulary.repository.ts';

/**
 * 003 (OpenPyme), "En las cuentas generales se atenderá uno por uno el soporte y máximo un cambio…
 * en las cuentas especiales se atenderá uno por uno el soporte y los cambios acordados para cada
 * cuenta". The rule finds its types and statuses by stable key, so a rename does not break it.
 */
export type LimitRule = 'one_by_one' | 'agreed';

/** `one_by_one`: one in work for every account; `agreed`: one in general accounts, the agreed number in special ones. */
export const TYPE_LIMIT_RULES: Record<string, LimitRule> = { support: 'one_by_one', change: 'agreed' };
const GENERAL_LIMIT = 1;

export const STATUS_KEYS = { backlog: 'backlog', queued: 'queued' } as const;

export function limitRuleOf(type: Pick<TicketType, 'key'>): LimitRule | null {
  return (type.key && TYPE_LIMIT_RULES[type.key]) || null;
}

/** The limit before an organization's own number: what the seed says for this type and tier. */
export function defaultLimit(type: Pick<TicketType, 'key'>, tier: string | null): number | null {
  const rule = limitRuleOf(type);
  if (rule === 'one_by_one' || (rule === 'agreed' && tier === 'general')) return GENERAL_LIMIT;
  return null;
}

/** How many tickets of the type the organization may have in work; null: no limit. */
export function limitFor(type: Pick<TicketType, 'key'>, tier: string | null, own: number | undefined): number | null {
  // Soporte is one at a time whatever the account agreed.
  if (limitRuleOf(type) === 'one_by_one') return GENERAL_LIMIT;
  return own ?? defaultLimit(type, tier);
}

export function statusWithKey(vocabulary: Vocabulary, key: string): TicketStatus | undefined {
  return vocabulary.statuses.find((s) => s.key === key);
}

/** The statuses a ticket waits for its turn in: BACKLOG and the queued status ("EN COLA"). */
export function waitingStatusIds(vocabulary: Vocabulary): string[] {
  return [STATUS_KEYS.backlog, STATUS_KEYS.queued]
    .map((key) => statusWithKey(vocabulary, key)?.id)
    .filter((id): id is string => id !== undefined);
}

/**
 * Where a ticket of the type waits: BACKLOG if the type may be there (Cambio), else the queued
 * status (003: "si es clasificado como soporte no puede estar en la etapa de backlog").
 */
export function waitingStatusFor(vocabulary: Vocabulary, type: TicketType): TicketStatus | undefined {
  const usable = (s: TicketStatus | undefined) => (s?.active && !type.barredStatusIds.includes(s.id) ? s : undefined);
  return (
    usable(statusWithKey(vocabulary, STATUS_KEYS.backlog)) ?? usable(statusWithKey(vocabulary, STATUS_KEYS.queued))
  );
}

/** Where a promoted ticket goes: the first active open status that is not a waiting one. */
export function workStatus(vocabulary: Vocabulary): TicketStatus | undefined {
  const waiting = waitingStatusIds(vocabulary);
  return vocabulary.statuses.find((s) => s.active && s.category === 'open' && !waiting.includes(s.id));
}
