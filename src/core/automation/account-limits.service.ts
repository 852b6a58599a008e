import { assertCan } from '../accounts/access.policy.ts';
import type { TicketSnapshot } from '../conditions/ticket-context.ts';
import { outboxRepository } from '../outbox/outbox.repository.ts';
import type { Actor } from '../shared/actor.ts';
import { AppError } from '../shared/app-error.ts';
import { type CoreDeps, inTransaction, type UnitOfWork } from '../shared/core-deps.ts';
import { findByIdOrName, type Vocabulary } from '../tickets/ticket-settings.service.ts';
import { ticketVocabularyRepository } from '../tickets/ticket-vocabulary.repository.ts';
import {
  defaultLimit,
  limitFor,
  limitRuleOf,
  waitingStatusFor,
  waitingStatusIds,
  workStatus,
} from './account-limits.ts';
import { automationRepository } from './automation.repository.ts';
import type { TicketChanger } from './automation.service.ts';
import { ruleActor, type TicketWrite } from './ticket-hooks.ts';

export const LIMIT_RULE = 'Límite de cuenta';
const LEADER_RULE = 'Líder de cuenta';

type RecordChange = (
  uow: UnitOfWork,
  ticketId: string,
  actor: Actor,
  field: string,
  from: string | null,
  to: string | null,
) => Promise<void>;

/** A mail to the ticket's requester, rendered in their language by the email channel after the commit. */
async function tellRequester(uow: UnitOfWork, ticketId: string, requesterId: string, template: string, extra = {}) {
  const to = await automationRepository(uow.trx).contactEmail(requesterId);
  if (!to) return;
  await outboxRepository(uow.trx).add({
    type: 'email.notification@1',
    payload: { ticketId, template, to: [to], rule: LIMIT_RULE, ...extra },
    ticketId,
    now: uow.now,
  });
}

/**
 * 003 (OpenPyme): tickets of an account over its limit wait for their turn, each with its place in
 * the queue, and the oldest waiting one goes into work when there is room; the account leader
 * takes the tickets of their organization once classified.
 */
export function createAccountLimits(deps: CoreDeps, changer: () => TicketChanger, record: RecordChange) {
  const vocabularyOf = (uow: UnitOfWork) => ticketVocabularyRepository(uow.trx).load();

  /** Numbers the organization's waiting tickets 1, 2, … per type, oldest first; null for the others. */
  async function renumber(uow: UnitOfWork, vocabulary: Vocabulary, organizationId: string) {
    const repo = automationRepository(uow.trx);
    const waiting = waitingStatusIds(vocabulary);
    const places = new Map<string, number>();
    for (const row of await repo.queueOf(organizationId, waiting)) {
      const waits =
        row.type_id !== null &&
        row.merged_into_id === null &&
        waiting.includes(row.status_id) &&
        row.status_category !== 'solved' &&
        row.status_category !== 'closed';
      let place: number | null = null;
      if (waits) {
        place = (places.get(row.type_id as string) ?? 0) + 1;
        places.set(row.type_id as string, place);
      }
      const stored = row.queue_position === null ? null : Number(row.queue_position);
      if (stored !== place) await repo.setQueuePosition(row.id, place);
    }
  }

  /** Moves up to `free` waiting tickets, oldest first, into work and tells each customer (003). */
  async function promote(
    uow: UnitOfWork,
    vocabulary: Vocabulary,
    waiting: { id: string; requesterId: string }[],
    free: number,
  ) {
    const open = workStatus(vocabulary);
    if (!open) return 0;
    const promoted = waiting.slice(0, Math.max(0, free));
    for (const next of promoted) {
      await changer().changeWithin(uow, ruleActor(LIMIT_RULE), next.id, { status: open.id });
      // The waiting notice promised it: "we will let you know when we start working on it".
      await tellRequester(uow, next.id, next.requesterId, 'ticket_started');
    }
    return promoted.length;
  }

  async function apply(uow: UnitOfWork, write: TicketWrite, vocabulary: Vocabulary, snapshot: TicketSnapshot) {
    const ticket = await snapshot.ticket();
    if (!ticket?.organizationId) return;
    const organizationId = ticket.organizationId;
    const waitingIds = waitingStatusIds(vocabulary);
    const type = vocabulary.types.find((t) => t.id === ticket.typeId);
    let moved = false;
    if (type) {
      const repo = automationRepository(uow.trx);
      const { organizationTier } = await snapshot.surroundings();
      const limit = limitFor(type, organizationTier, await repo.accountLimit(organizationId, type.id));
      if (limit !== null) {
        const work = await repo.organizationWork(organizationId, type.id);
        const waiting = work.filter((w) => waitingIds.includes(w.statusId));
        const inWork = work.filter((w) => !waitingIds.includes(w.statusId));
        const typed = write.kind === 'created' || write.changes.some((c) => c.field === 'type');
        const wait = waitingStatusFor(vocabulary, type);
        if (typed && wait && inWork.some((w) => w.id === ticket.id) && inWork.length > limit) {
          await queue(uow, vocabulary, ticket, wait, waiting.length + 1);
          snapshot.invalidate();
          moved = true;
        } else {
          moved = (await promote(uow, vocabulary, waiting, limit - inWork.length)) > 0;
        }
      }
    }
    if (moved || ticket.queuePosition != null || waitingIds.includes(ticket.statusId)) {
      await renumber(uow, vocabulary, organizationId);
      snapshot.invalidate();
    }
  }

  async function queue(
    uow: UnitOfWork,
    vocabulary: Vocabulary,
    ticket: { id: string; number: string; statusId: string; requesterId: string; organizationId: string | null },
    wait: { id: string; name: string; category: Vocabulary['statuses'][number]['category'] },
    position: number,
  ) {
    const actor = ruleActor(LIMIT_RULE);
    const from = vocabulary.statuses.find((s) => s.id === ticket.statusId)?.name ?? null;
    // Straight to the waiting status: the rule itself decides, no agent's change rules apply.
    await automationRepository(uow.trx).setStatus(ticket.id, { id: wait.id, category: wait.category }, uow.now);
    await record(uow, ticket.id, actor, 'status', from, wait.name);
    await record(uow, ticket.id, actor, 'queuePosition', null, String(position));
    // After the acknowledgement that the same write may still queue: the customer reads them in order.
    uow.atEnd(() => tellRequester(uow, ticket.id, ticket.requesterId, 'ticket_queued', { position }));
    uow.emit({
      type: 'ticket.updated',
      ticketId: ticket.id,
      organizationId: ticket.organizationId,
      actor,
      data: { number: ticket.number, changes: ['status'], queuePosition: position },
    });
  }

  /**
   * 003: "lo primero a realizar es clasificar y asignar el líder de cuenta": once a ticket gets its
   * type, its organization's account leader takes it, unless a rule or an agent already assigned it.
   */
  async function assignLeader(uow: UnitOfWork, write: TicketWrite, snapshot: TicketSnapshot) {
    const ticket = await snapshot.ticket();
    if (!ticket?.typeId || ticket.assigneeId || !ticket.organizationId) return;
    const classified =
      write.kind === 'created' || write.changes.some((c) => c.field === 'type' && c.from === null && c.to !== null);
    if (!classified) return;
    const leader = await automationRepository(uow.trx).accountLeaderOf(ticket.organizationId);
    if (!leader) return;
    await changer().changeWithin(uow, ruleActor(LEADER_RULE), ticket.id, { assigneeId: leader });
    snapshot.invalidate();
  }

  return {
    apply,
    assignLeader,

    async setAccountLimit(actor: Actor, organizationId: string, typeRef: string, maxInWork: number | null) {
      assertCan(actor, 'automation.manage');
      await inTransaction(deps, async (uow) => {
        const repo = automationRepository(uow.trx);
        const tier = await repo.organizationTier(organizationId);
        if (tier === null)
          throw new AppError('ORGANIZATION_NOT_FOUND', 'Organization not found', { id: organizationId });
        const vocabulary = await vocabularyOf(uow);
        const type = findByIdOrName(vocabulary.types, typeRef);
        if (!type) {
          throw new AppError('REFERENCE_NOT_FOUND', `type refers to "${typeRef}", which does not exist`, {
            field: 'type',
            value: typeRef,
          });
        }
        if (limitRuleOf(type) === 'one_by_one') {
          throw new AppError('ACCOUNT_LIMIT_FIXED', `${type.name} is worked one at a time in every account`, {
            field: 'type',
            type: type.name,
          });
        }
        await repo.setAccountLimit(organizationId, type.id, maxInWork);
        // A raised limit (or none at all) lets the oldest waiting tickets into work now, not at the next solve.
        const limit = limitFor(type, tier, maxInWork ?? undefined) ?? Number.POSITIVE_INFINITY;
        const waitingIds = waitingStatusIds(vocabulary);
        const work = await repo.organizationWork(organizationId, type.id);
        const waiting = work.filter((w) => waitingIds.includes(w.statusId));
        await promote(uow, vocabulary, waiting, limit - (work.length - waiting.length));
        await renumber(uow, vocabulary, organizationId);
      });
    },

    /**
     * 003: an organization's limits per ticket type (its own, else the seed's default for its tier)
     * beside what it has in work and waiting for its turn now; `rule` says which types the seed limits.
     */
    async accountLimits(actor: Actor, organizationId: string) {
      assertCan(actor, 'automation.read');
      const repo = automationRepository(deps.db);
      const tier = await repo.organizationTier(organizationId);
      if (tier === null) throw new AppError('ORGANIZATION_NOT_FOUND', 'Organization not found', { id: organizationId });
      const [vocabulary, own, work] = await Promise.all([
        ticketVocabularyRepository(deps.db).load(),
        repo.accountLimits(organizationId),
        repo.organizationWorkCounts(organizationId),
      ]);
      const waitingIds = waitingStatusIds(vocabulary);
      const sum = (rows: typeof work) => rows.reduce((total, row) => total + row.count, 0);
      const items = vocabulary.types
        .filter((type) => type.active || own.has(type.id) || work.some((w) => w.typeId === type.id))
        .map((type) => {
          const ownLimit = own.get(type.id) ?? null;
          const counts = work.filter((w) => w.typeId === type.id);
          return {
            type: type.name,
            typeId: type.id,
            rule: limitRuleOf(type),
            ownLimit: limitRuleOf(type) === 'one_by_one' ? null : ownLimit,
            defaultLimit: defaultLimit(type, tier),
            limit: limitFor(type, tier, ownLimit ?? undefined),
            inWork: sum(counts.filter((c) => !waitingIds.includes(c.statusId))),
            waiting: sum(counts.filter((c) => waitingIds.includes(c.statusId))),
          };
        });
      return { organizationId, tier, waiting: sum(work.filter((w) => waitingIds.includes(w.statusId))), items };
    },
  };
}

export type AccountLimits = ReturnType<typeof createAccountLimits>;
