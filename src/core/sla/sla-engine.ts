import type { StatusCategory } from '../../db/database.ts';
import { STATUS_KEYS, statusWithKey } from '../automation/account-limits.ts';
import type { BusinessCalendar, Interval } from '../calendars/business-hours.ts';
import { calendarRepository } from '../calendars/calendar.repository.ts';
import { matches } from '../conditions/conditions.ts';
import { statusNameOf, type TicketSnapshot, ticketContext } from '../conditions/ticket-context.ts';
import type { UnitOfWork } from '../shared/core-deps.ts';
import type { TicketRecord } from '../tickets/ticket.repository.ts';
import type { Vocabulary } from '../tickets/ticket-settings.service.ts';
import { type SlaTarget, slaRepository } from './sla.repository.ts';
import { dueTime, type SlaMetric, type SlaPolicy, type SlaState, warnTime } from './sla-policy.ts';

const WAITING: StatusCategory[] = ['pending', 'on_hold'];
const DONE: StatusCategory[] = ['solved', 'closed'];

export interface SlaFacts {
  ticket: Pick<TicketRecord, 'id' | 'createdAt' | 'statusCategory' | 'solvedAt'> & {
    status: string;
    /** In BACKLOG (by its key, whatever its name now). */
    inBacklog?: boolean;
  };
  /** `withCustomer`: an activity (a call, a session…) held with the customer's contact. */
  messages: { kind: string; author: string; at: string; withCustomer?: boolean }[];
  /**
   * Periods spent waiting on the customer or a third party, or in BACKLOG for the account's turn
   * (`backlog`); the last may still be open (to = null).
   */
  waiting: { from: string; to: string | null; backlog?: boolean }[];
}

function answersCustomer(m: SlaFacts['messages'][number]): boolean {
  return (m.kind === 'reply' && m.author === 'agent') || (m.kind === 'activity' && m.withCustomer === true);
}

/**
 * The targets a policy sets on a ticket at `now`: pure, so the same facts always give the same
 * due times (recomputing is how clocks pause, resume and restart).
 */
export function computeTargets(policy: SlaPolicy, calendar: BusinessCalendar, facts: SlaFacts, now: Date): SlaTarget[] {
  const { ticket, messages } = facts;
  // 003: a ticket waiting in BACKLOG for its account's turn is not late for it, whatever the policy.
  const pauses = facts.waiting.filter((w) => policy.pauseWhenWaiting || w.backlog);
  const closedPauses: Interval[] = pauses.map((w) => ({
    from: new Date(w.from),
    to: new Date(w.to ?? now.toISOString()),
  }));
  const pausedNow = pauses.some((w) => w.to === null);
  // 000/003: an activity with the customer (a call, a WhatsApp, a Teams session) answers them like a mail.
  const agentReplies = messages.filter(answersCustomer).map((m) => m.at);
  const done = DONE.includes(ticket.statusCategory);

  const starts: Partial<Record<SlaMetric, { start: string; metAt: string | null }>> = {};
  starts.first_reply = { start: ticket.createdAt, metAt: agentReplies[0] ?? null };
  const firstReply = agentReplies[0];
  if (firstReply) {
    const customerAfter = messages.filter((m) => m.kind === 'reply' && m.author === 'contact' && m.at > firstReply);
    const last = customerAfter.at(-1);
    if (last) {
      const answeredBefore = agentReplies.filter((a) => a < last.at).at(-1) ?? firstReply;
      const start = customerAfter.find((m) => m.at > answeredBefore)?.at ?? last.at;
      starts.next_reply = { start, metAt: agentReplies.find((a) => a > start) ?? null };
    }
  }
  // 003: tickets in BACKLOG are not expected to get daily news; all others are, EN COLA included.
  if (!ticket.inBacklog && !done) {
    const lastNews = messages
      .filter((m) => m.author !== 'contact' && (m.kind === 'reply' || m.kind === 'note' || m.withCustomer))
      .map((m) => m.at)
      .at(-1);
    starts.periodic_update = { start: lastNews ?? ticket.createdAt, metAt: null };
  }
  starts.resolution = { start: ticket.createdAt, metAt: done ? ticket.solvedAt : null };

  const targets: SlaTarget[] = [];
  for (const [metric, duration] of Object.entries(policy.targets) as [SlaMetric, SlaPolicy['targets'][SlaMetric]][]) {
    const start = starts[metric];
    if (!start || !duration) continue;
    // A solved ticket keeps only what was met; the other clocks no longer matter.
    if (done && !start.metAt) continue;
    const base = { ticketId: ticket.id, metric, policyId: policy.id, startedAt: start.start };
    if (pausedNow && !start.metAt) {
      targets.push({ ...base, dueAt: null, warnAt: null, state: 'paused', metAt: null });
      continue;
    }
    const startDate = new Date(start.start);
    const due = dueTime(calendar, startDate, duration, closedPauses);
    const warn = warnTime(calendar, startDate, duration, due, policy.warningShare, closedPauses);
    let state: SlaState;
    if (start.metAt) state = new Date(start.metAt) <= due ? 'met' : 'breached';
    else if (now >= due) state = 'breached';
    else if (now >= warn) state = 'warning';
    else state = 'ok';
    targets.push({
      ...base,
      dueAt: due.toISOString(),
      warnAt: warn.toISOString(),
      state,
      metAt: start.metAt ? new Date(start.metAt).toISOString() : null,
    });
  }
  return targets;
}

const SEVERITY: Record<SlaState, number> = { met: 0, paused: 1, ok: 2, warning: 3, breached: 4 };

export interface SlaTransition {
  metric: SlaMetric;
  from: SlaState | null;
  to: 'warning' | 'breached';
  policyName: string;
  dueAt: string | null;
}

/**
 * Recomputes a ticket's targets inside the caller's transaction from its facts, stores them and
 * returns the targets that just turned to warning or breached (each turns once).
 */
export async function recomputeSla(
  { trx, cache }: Pick<UnitOfWork, 'trx' | 'cache'>,
  snapshot: TicketSnapshot,
  vocabulary: Vocabulary,
  now: Date,
): Promise<SlaTransition[]> {
  const repo = slaRepository(trx);
  const ticket = await snapshot.ticket();
  if (!ticket) return [];
  const ticketId = ticket.id;
  const previous = await repo.targets(ticketId);
  const surroundings = await snapshot.surroundings();
  const calendar = surroundings.calendar;
  const context = ticketContext({ ticket, surroundings, vocabulary, event: 'sla', changes: [], now });
  const policies = await cache.get('slaPolicies', () => repo.listPolicies({ activeOnly: true }));
  const policy = policies.find((p) => matches(p.conditions, context));
  let targets: SlaTarget[] = [];
  if (policy && !ticket.mergedIntoId) {
    const calendarId = policy.calendarId;
    const own = calendarId
      ? await cache.get(`calendar:${calendarId}`, () => calendarRepository(trx).find(calendarId))
      : undefined;
    targets = computeTargets(
      policy,
      own ?? calendar,
      {
        ticket: {
          ...ticket,
          status: statusNameOf(vocabulary, ticket.statusId),
          inBacklog: ticket.statusId === statusWithKey(vocabulary, STATUS_KEYS.backlog)?.id,
        },
        messages: await repo.messageFacts(ticketId),
        waiting: waitingPeriods(vocabulary, ticket, await repo.statusChanges(ticketId)),
      },
      now,
    );
  }
  const open = targets.filter((t) => t.state !== 'met');
  const worst = open.reduce<SlaState | null>(
    (w, t) => (w === null || SEVERITY[t.state] > SEVERITY[w] ? t.state : w),
    null,
  );
  const dues = open
    .map((t) => t.dueAt)
    .filter((d): d is string => d !== null)
    .sort();
  const redUpdate = targets.find((t) => t.metric === 'periodic_update' && t.state === 'breached');
  const wasRed = previous.some((t) => t.metric === 'periodic_update' && t.state === 'breached');
  await repo.replaceTargets(
    ticketId,
    targets,
    { dueAt: dues[0] ?? null, state: worst, stale: !!redUpdate },
    now.toISOString(),
  );
  // The staleness report's history: red from the moment the update fell due, not from this scan.
  if (redUpdate && !wasRed) await repo.openRedSpell(ticketId, redUpdate.dueAt ?? now.toISOString());
  if (!redUpdate && wasRed) await repo.closeRedSpell(ticketId, now.toISOString());
  const transitions: SlaTransition[] = [];
  for (const target of targets) {
    if (target.state !== 'warning' && target.state !== 'breached') continue;
    const before = previous.find((p) => p.metric === target.metric);
    if (before?.state === target.state || (before?.state === 'breached' && target.state === 'warning')) continue;
    transitions.push({
      metric: target.metric,
      from: before?.state ?? null,
      to: target.state,
      policyName: policy?.name ?? '',
      dueAt: target.dueAt,
    });
  }
  return transitions;
}

/** The periods the ticket spent in a waiting category, read from its status history. */
function waitingPeriods(
  vocabulary: Vocabulary,
  ticket: TicketRecord,
  changes: { from: string | null; to: string | null; at: string }[],
): SlaFacts['waiting'] {
  const backlog = statusWithKey(vocabulary, STATUS_KEYS.backlog);
  // History rows name a status by id; rows from before 0045 that no status matched keep the name.
  const statusOf = (ref: string | null) => vocabulary.statuses.find((s) => s.id === ref || s.name === ref);
  const periods: SlaFacts['waiting'] = [];
  let current = changes[0]?.from ?? statusNameOf(vocabulary, ticket.statusId);
  let since = ticket.createdAt;
  const close = (until: string | null) => {
    const status = statusOf(current);
    if (status && status.id === backlog?.id) periods.push({ from: since, to: until, backlog: true });
    else if (status && WAITING.includes(status.category)) periods.push({ from: since, to: until });
  };
  for (const change of changes) {
    close(change.at);
    current = change.to ?? current;
    since = change.at;
  }
  close(null);
  return periods;
}
