import type { Db } from '../../db/database.ts';
import { insertRows, preparedQuery } from '../../db/prepared-query.ts';
import type { ConditionGroup } from '../conditions/conditions.ts';
import type { SlaMetric, SlaPolicy, SlaState } from './sla-policy.ts';

export interface SlaTarget {
  ticketId: string;
  metric: SlaMetric;
  policyId: string;
  startedAt: string;
  dueAt: string | null;
  warnAt: string | null;
  state: SlaState;
  metAt: string | null;
}

// Every ticket write recomputes its SLA from these (issue 18: built once, not per write).
const messageFactsOf = preparedQuery((db, p: { ticketId: string }) =>
  db
    .selectFrom('messages')
    .select(['kind', 'author_kind', 'created_at', 'activity'])
    .where('ticket_id', '=', p.ticketId)
    .orderBy('created_at')
    .orderBy('id'),
);
const statusChangesOf = preparedQuery((db, p: { ticketId: string }) =>
  db
    .selectFrom('ticket_events')
    .select(['from_value', 'to_value', 'from_ref', 'to_ref', 'created_at'])
    .where('ticket_id', '=', p.ticketId)
    .where('field', '=', 'status')
    .orderBy('id'),
);
const targetsOf = preparedQuery((db, p: { ticketId: string }) =>
  db.selectFrom('ticket_sla_targets').selectAll().where('ticket_id', '=', p.ticketId).orderBy('metric'),
);
const deleteTargets = preparedQuery((db, p: { ticketId: string }) =>
  db.deleteFrom('ticket_sla_targets').where('ticket_id', '=', p.ticketId),
);
const setSlaSummary = preparedQuery(
  (db, p: { ticketId: string; dueAt: string | null; state: string | null; stale: 0 | 1 }) =>
    db
      .updateTable('tickets')
      .set({ sla_due_at: p.dueAt, sla_state: p.state, stale: p.stale })
      .where('id', '=', p.ticketId),
);

export function slaRepository(db: Db) {
  return {
    async listPolicies(opts: { activeOnly?: boolean } = {}): Promise<SlaPolicy[]> {
      let query = db.selectFrom('sla_policies').selectAll();
      if (opts.activeOnly) query = query.where('active', '=', 1);
      const rows = await query.orderBy('position').orderBy('name').execute();
      return rows.map((row) => ({
        id: row.id,
        name: row.name,
        position: Number(row.position),
        active: Number(row.active) === 1,
        conditions: JSON.parse(row.conditions) as ConditionGroup,
        targets: JSON.parse(row.targets) as SlaPolicy['targets'],
        calendarId: row.calendar_id,
        pauseWhenWaiting: Number(row.pause_when_waiting) === 1,
        warningShare: Number(row.warning_share),
      }));
    },

    async savePolicy(policy: SlaPolicy, now: string): Promise<void> {
      const values = {
        name: policy.name,
        position: policy.position,
        active: policy.active ? 1 : 0,
        conditions: JSON.stringify(policy.conditions),
        targets: JSON.stringify(policy.targets),
        calendar_id: policy.calendarId,
        pause_when_waiting: policy.pauseWhenWaiting ? 1 : 0,
        warning_share: policy.warningShare,
        updated_at: now,
      };
      const existing = await db.selectFrom('sla_policies').select('id').where('id', '=', policy.id).executeTakeFirst();
      if (existing) await db.updateTable('sla_policies').set(values).where('id', '=', policy.id).execute();
      else
        await db
          .insertInto('sla_policies')
          .values({ id: policy.id, ...values, created_at: now })
          .execute();
    },

    async removePolicy(id: string): Promise<boolean> {
      const result = await db.deleteFrom('sla_policies').where('id', '=', id).executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    },

    async countPolicies(): Promise<number> {
      const row = await db
        .selectFrom('sla_policies')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirst();
      return Number(row?.n ?? 0);
    },

    /** The conversation's timeline: who wrote what kind of message, when. */
    async messageFacts(ticketId: string) {
      const { rows } = await messageFactsOf(db, { ticketId });
      return rows.map((r) => ({
        kind: r.kind,
        author: r.author_kind,
        at: r.created_at,
        withCustomer: r.activity ? Boolean((JSON.parse(r.activity) as { contactId?: string | null }).contactId) : false,
      }));
    },

    /** Status changes of the ticket, oldest first (names, as the history keeps them). */
    async statusChanges(ticketId: string) {
      const { rows } = await statusChangesOf(db, { ticketId });
      // By id: a status renamed since the change still is the same status.
      return rows.map((r) => ({ from: r.from_ref ?? r.from_value, to: r.to_ref ?? r.to_value, at: r.created_at }));
    },

    async targets(ticketId: string): Promise<SlaTarget[]> {
      const { rows } = await targetsOf(db, { ticketId });
      return rows.map((r) => ({
        ticketId: r.ticket_id,
        metric: r.metric,
        policyId: r.policy_id,
        startedAt: r.started_at,
        dueAt: r.due_at,
        warnAt: r.warn_at,
        state: r.state,
        metAt: r.met_at,
      }));
    },

    async targetsOf(ticketIds: string[]): Promise<SlaTarget[]> {
      if (ticketIds.length === 0) return [];
      const rows = await db.selectFrom('ticket_sla_targets').selectAll().where('ticket_id', 'in', ticketIds).execute();
      return rows.map((r) => ({
        ticketId: r.ticket_id,
        metric: r.metric,
        policyId: r.policy_id,
        startedAt: r.started_at,
        dueAt: r.due_at,
        warnAt: r.warn_at,
        state: r.state,
        metAt: r.met_at,
      }));
    },

    /** Replaces a ticket's targets and its summary columns (nearest due, worst state, stale). */
    async replaceTargets(
      ticketId: string,
      targets: SlaTarget[],
      summary: { dueAt: string | null; state: string | null; stale: boolean },
      now: string,
    ): Promise<void> {
      await deleteTargets(db, { ticketId });
      await insertRows(
        db,
        'ticket_sla_targets',
        targets.map((t) => ({
          ticket_id: t.ticketId,
          metric: t.metric,
          policy_id: t.policyId,
          started_at: t.startedAt,
          due_at: t.dueAt,
          warn_at: t.warnAt,
          state: t.state,
          met_at: t.metAt,
          updated_at: now,
        })),
      );
      await setSlaSummary(db, { ticketId, dueAt: summary.dueAt, state: summary.state, stale: summary.stale ? 1 : 0 });
    },

    /** The ticket turned red (its periodic update fell due at `since`): a spell opens. */
    async openRedSpell(ticketId: string, since: string): Promise<void> {
      await db
        .insertInto('ticket_red_spells')
        .values({ ticket_id: ticketId, started_at: since, ended_at: null })
        .execute();
    },

    /** News, solving or a pause turned the ticket white again at `at`: its open spell ends. */
    async closeRedSpell(ticketId: string, at: string): Promise<void> {
      await db
        .updateTable('ticket_red_spells')
        .set({ ended_at: at })
        .where('ticket_id', '=', ticketId)
        .where('ended_at', 'is', null)
        .execute();
    },

    /** Tickets whose warning or due time has come and not yet been acted on (the sweep's work). */
    async dueTickets(now: string, limit: number): Promise<string[]> {
      const breaching = await db
        .selectFrom('ticket_sla_targets')
        .select('ticket_id')
        .where('state', 'in', ['ok', 'warning'])
        .where('due_at', '<=', now)
        .limit(limit)
        .execute();
      const warning = await db
        .selectFrom('ticket_sla_targets')
        .select('ticket_id')
        .where('state', '=', 'ok')
        .where('warn_at', '<=', now)
        .limit(limit)
        .execute();
      return [...new Set([...breaching, ...warning].map((r) => r.ticket_id))];
    },
  };
}
