import type { Db } from '../../db/database.ts';
import type { TicketHooks } from '../automation/ticket-hooks.ts';
import { noSettingsCache, type SettingsCache } from '../settings/settings-cache.ts';
import type { Clock } from './clock.ts';
import type { DomainEvent, EventBus } from './domain-events.ts';

/** What every domain service receives; never a global. */
export interface CoreDeps {
  db: Db;
  clock: Clock;
  events: EventBus;
  /** Automation (triggers, SLA clocks, account limits), run in the transaction of each ticket write. */
  hooks?: TicketHooks;
  /** Configuration and signed-in agents read by every request, kept between requests (none: read each time). */
  cache?: SettingsCache;
}

/** A field a rule changed in this transaction: the agent who saved is shown it at once (issue 13). */
export interface RuleChange {
  ticketId: string;
  rule: string;
  field: string;
  from: string | null;
  to: string | null;
}

export interface UnitOfWork {
  trx: Db;
  now: string;
  /** Queues an event; it is published only if the transaction commits. */
  emit(event: Omit<DomainEvent, 'at'>): void;
  /**
   * Work for the end of this transaction, after everything the use case itself writes: a rule's
   * customer notice queued there follows the acknowledgement of the ticket that caused it (003).
   */
  atEnd(task: () => Promise<void>): void;
  /** What rules changed so far in this transaction, in order; the services return it to the caller. */
  ruleChanges: RuleChange[];
  /** The configuration cache; a miss loads through `trx` (SQLite's one connection is this transaction's). */
  cache: SettingsCache;
}

/**
 * Runs `work` in one transaction and publishes the events it emitted after the commit, so no
 * listener ever sees a change that was rolled back.
 */
export async function inTransaction<T>(deps: CoreDeps, work: (uow: UnitOfWork) => Promise<T>): Promise<T> {
  const pending: DomainEvent[] = [];
  const now = deps.clock.now().toISOString();
  const result = await deps.db.transaction().execute(async (trx) => {
    const last: (() => Promise<void>)[] = [];
    const value = await work({
      trx,
      now,
      emit: (event) => pending.push({ ...event, at: now }),
      atEnd: (task) => last.push(task),
      ruleChanges: [],
      cache: deps.cache ?? noSettingsCache,
    });
    for (const task of last) await task();
    return value;
  });
  for (const event of pending) deps.events.publish(event);
  return result;
}

/**
 * `inTransaction` for a write of something the cache holds: configuration that ticket writes read
 * (vocabulary, rules, SLA policies, calendars, the notification matrix) or the agents (and their
 * departments) every signed-in request resolves. After its commit every instance re-reads it.
 */
export async function inSettingsTransaction<T>(deps: CoreDeps, work: (uow: UnitOfWork) => Promise<T>): Promise<T> {
  try {
    return await inTransaction(deps, work);
  } finally {
    deps.cache?.changed();
  }
}
