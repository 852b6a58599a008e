import { sql } from 'kysely';
import type { Db, StatusCategory } from '../../db/database.ts';
import { preparedQuery } from '../../db/prepared-query.ts';
import type { ConditionGroup } from '../conditions/conditions.ts';
import { newId } from '../shared/ids.ts';
import type { Action, Rule, TimeSchedule, TriggerEvent } from './rules.ts';

const OPEN_WORK: StatusCategory[] = ['new', 'open', 'pending', 'on_hold'];

// The ticket's first message, which rules read as its description on every ticket write.
const firstMessageText = preparedQuery((db, p: { ticketId: string }) =>
  db
    .selectFrom('messages')
    .select('body_text')
    .where('ticket_id', '=', p.ticketId)
    .orderBy('created_at')
    .orderBy('id')
    .limit(1),
);

export function automationRepository(db: Db) {
  return {
    async listRules(kind: Rule['kind'], opts: { activeOnly?: boolean } = {}): Promise<Rule[]> {
      let query = db.selectFrom('automation_rules').selectAll().where('kind', '=', kind);
      if (opts.activeOnly) query = query.where('active', '=', 1);
      const rows = await query.orderBy('position').orderBy('name').execute();
      return rows.map((row) => ({
        id: row.id,
        kind: row.kind,
        name: row.name,
        position: Number(row.position),
        active: Number(row.active) === 1,
        events: JSON.parse(row.events) as TriggerEvent[],
        conditions: JSON.parse(row.conditions) as ConditionGroup,
        actions: JSON.parse(row.actions) as Action[],
        schedule: row.schedule ? (JSON.parse(row.schedule) as TimeSchedule) : null,
      }));
    },

    async findRule(id: string): Promise<Rule | undefined> {
      const row = await db.selectFrom('automation_rules').select(['kind']).where('id', '=', id).executeTakeFirst();
      if (!row) return undefined;
      return (await this.listRules(row.kind)).find((r) => r.id === id);
    },

    async saveRule(rule: Rule, now: string): Promise<void> {
      const values = {
        kind: rule.kind,
        name: rule.name,
        position: rule.position,
        active: rule.active ? 1 : 0,
        events: JSON.stringify(rule.events),
        conditions: JSON.stringify(rule.conditions),
        actions: JSON.stringify(rule.actions),
        schedule: rule.schedule ? JSON.stringify(rule.schedule) : null,
        updated_at: now,
      };
      const existing = await db
        .selectFrom('automation_rules')
        .select('id')
        .where('id', '=', rule.id)
        .executeTakeFirst();
      if (existing) await db.updateTable('automation_rules').set(values).where('id', '=', rule.id).execute();
      else
        await db
          .insertInto('automation_rules')
          .values({ id: rule.id, ...values, created_at: now })
          .execute();
    },

    async ruleNameTaken(kind: Rule['kind'], name: string, exceptId: string): Promise<boolean> {
      const row = await db
        .selectFrom('automation_rules')
        .select('id')
        .where('kind', '=', kind)
        .where('name', '=', name)
        .where('id', '!=', exceptId)
        .executeTakeFirst();
      return row !== undefined;
    },

    async removeRule(id: string): Promise<boolean> {
      const result = await db.deleteFrom('automation_rules').where('id', '=', id).executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    },

    async countRules(): Promise<number> {
      const row = await db
        .selectFrom('automation_rules')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirst();
      return Number(row?.n ?? 0);
    },

    /** The customer's first words: the oldest message of the ticket. */
    async description(ticketId: string): Promise<string> {
      const [row] = (await firstMessageText(db, { ticketId })).rows;
      return row?.body_text ?? '';
    },

    async organizationTier(organizationId: string | null): Promise<string | null> {
      if (!organizationId) return null;
      const row = await db
        .selectFrom('organizations')
        .select('tier')
        .where('id', '=', organizationId)
        .executeTakeFirst();
      return row?.tier ?? null;
    },

    async keywordRoutes(): Promise<{ keyword: string; agentId: string | null; departmentId: string | null }[]> {
      const rows = await db.selectFrom('keyword_routes').selectAll().orderBy('keyword').execute();
      return rows.map((r) => ({ keyword: r.keyword, agentId: r.agent_id, departmentId: r.department_id }));
    },

    async replaceKeywordRoutes(
      routes: { keyword: string; agentId: string | null; departmentId: string | null }[],
      now: string,
    ): Promise<void> {
      await db.deleteFrom('keyword_routes').execute();
      for (const route of routes) {
        await db
          .insertInto('keyword_routes')
          .values({
            keyword: route.keyword,
            agent_id: route.agentId,
            department_id: route.departmentId,
            created_at: now,
          })
          .execute();
      }
    },

    async activeAgents(): Promise<{ id: string; email: string; name: string; skills: string[] }[]> {
      const rows = await db
        .selectFrom('agents')
        .select(['id', 'email', 'name', 'skills'])
        .where('active', '=', 1)
        .execute();
      return rows.map((r) => ({ id: r.id, email: r.email, name: r.name, skills: JSON.parse(r.skills) as string[] }));
    },

    async departments(): Promise<{ id: string; name: string }[]> {
      return db.selectFrom('departments').select(['id', 'name']).where('active', '=', 1).execute();
    },

    /** Active agents of a department with how many unsolved tickets each holds, fewest first. */
    async departmentLoad(departmentId: string): Promise<{ id: string; open: number }[]> {
      const rows = await db
        .selectFrom('agent_departments')
        .innerJoin('agents', 'agents.id', 'agent_departments.agent_id')
        .leftJoin('tickets', (join) =>
          join.onRef('tickets.assignee_id', '=', 'agents.id').on('tickets.status_category', 'in', OPEN_WORK),
        )
        .select(['agents.id as id', (eb) => eb.fn.count<number>('tickets.id').as('open')])
        .where('agent_departments.department_id', '=', departmentId)
        .where('agents.active', '=', 1)
        .groupBy('agents.id')
        .execute();
      return rows
        .map((r) => ({ id: r.id, open: Number(r.open) }))
        .sort((a, b) => a.open - b.open || a.id.localeCompare(b.id));
    },

    /** Round robin: the agent after the one who got the department's last ticket. */
    async nextInTurn(departmentId: string, agentIds: string[], now: string): Promise<string | undefined> {
      if (agentIds.length === 0) return undefined;
      const key = `automation.round_robin.${departmentId}`;
      const row = await db.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirst();
      const sorted = [...agentIds].sort();
      const last = row?.value ?? '';
      const next = sorted.find((id) => id > last) ?? (sorted[0] as string);
      if (row) await db.updateTable('settings').set({ value: next, updated_at: now }).where('key', '=', key).execute();
      else await db.insertInto('settings').values({ key, value: next, updated_at: now }).execute();
      return next;
    },

    async agentEmails(ids: string[]): Promise<string[]> {
      if (ids.length === 0) return [];
      const rows = await db
        .selectFrom('agents')
        .select('email')
        .where('id', 'in', ids)
        .where('active', '=', 1)
        .execute();
      return rows.map((r) => r.email);
    },

    async supervisorsOf(departmentId: string | null): Promise<string[]> {
      let query = db.selectFrom('agents').select('agents.id').where('agents.role', 'in', ['supervisor', 'admin']);
      if (departmentId) {
        query = query
          .innerJoin('agent_departments', 'agent_departments.agent_id', 'agents.id')
          .where('agent_departments.department_id', '=', departmentId);
      }
      const rows = await query.where('agents.active', '=', 1).execute();
      return [...new Set(rows.map((r) => r.id))];
    },

    async departmentEmail(departmentId: string | null): Promise<string | null> {
      if (!departmentId) return null;
      const row = await db.selectFrom('departments').select('email').where('id', '=', departmentId).executeTakeFirst();
      return row?.email ?? null;
    },

    async contactEmail(contactId: string): Promise<string | null> {
      const row = await db
        .selectFrom('contact_emails')
        .select('email')
        .where('contact_id', '=', contactId)
        .orderBy('is_primary', 'desc')
        .executeTakeFirst();
      return row?.email ?? null;
    },

    /** Unsolved tickets of an organization and type, oldest first, with their statuses. */
    async organizationWork(organizationId: string, typeId: string) {
      const rows = await db
        .selectFrom('tickets')
        .select(['id', 'number', 'created_at', 'status_id', 'requester_id'])
        .where('organization_id', '=', organizationId)
        .where('type_id', '=', typeId)
        .where('status_category', 'in', OPEN_WORK)
        .where('merged_into_id', 'is', null)
        .orderBy('created_at')
        .orderBy('number')
        .execute();
      return rows.map((r) => ({
        id: r.id,
        number: r.number,
        createdAt: r.created_at,
        statusId: r.status_id,
        requesterId: r.requester_id,
      }));
    },

    /** The organization's own limit of tickets in work for a type, if it has one (003 special accounts). */
    async accountLimit(organizationId: string, typeId: string): Promise<number | undefined> {
      const row = await db
        .selectFrom('account_type_limits')
        .select('max_in_work')
        .where('organization_id', '=', organizationId)
        .where('type_id', '=', typeId)
        .executeTakeFirst();
      return row ? Number(row.max_in_work) : undefined;
    },

    /** The organization's own limits, by ticket type id. */
    async accountLimits(organizationId: string): Promise<Map<string, number>> {
      const rows = await db
        .selectFrom('account_type_limits')
        .select(['type_id', 'max_in_work'])
        .where('organization_id', '=', organizationId)
        .execute();
      return new Map(rows.map((r) => [r.type_id, Number(r.max_in_work)]));
    },

    /** How many of the organization's open tickets sit in each (type, status): what its limits count. */
    async organizationWorkCounts(organizationId: string) {
      const rows = await db
        .selectFrom('tickets')
        .select(['type_id', 'status_id', (eb) => eb.fn.countAll<number>().as('n')])
        .where('organization_id', '=', organizationId)
        .where('status_category', 'in', OPEN_WORK)
        .where('merged_into_id', 'is', null)
        .groupBy(['type_id', 'status_id'])
        .execute();
      return rows.map((r) => ({ typeId: r.type_id, statusId: r.status_id, count: Number(r.n) }));
    },

    async setAccountLimit(organizationId: string, typeId: string, maxInWork: number | null): Promise<void> {
      await db
        .deleteFrom('account_type_limits')
        .where('organization_id', '=', organizationId)
        .where('type_id', '=', typeId)
        .execute();
      if (maxInWork !== null) {
        await db
          .insertInto('account_type_limits')
          .values({ organization_id: organizationId, type_id: typeId, max_in_work: maxInWork })
          .execute();
      }
    },

    /** Sets a ticket's status without the change rules (the account-limit queue); history is the caller's. */
    async setStatus(ticketId: string, status: { id: string; category: StatusCategory }, now: string): Promise<void> {
      await db
        .updateTable('tickets')
        .set({ status_id: status.id, status_category: status.category, updated_at: now })
        .where('id', '=', ticketId)
        .execute();
    },

    /**
     * The organization's tickets that wait for their turn (in one of `waitingStatusIds`) or still
     * carry a place from when they did, oldest first: what its queue positions are computed from.
     */
    async queueOf(organizationId: string, waitingStatusIds: string[]) {
      return db
        .selectFrom('tickets')
        .select(['id', 'type_id', 'status_id', 'status_category', 'merged_into_id', 'queue_position'])
        .where('organization_id', '=', organizationId)
        .where((eb) =>
          eb.or([
            ...(waitingStatusIds.length > 0 ? [eb('status_id', 'in', waitingStatusIds)] : []),
            eb('queue_position', 'is not', null),
          ]),
        )
        .orderBy('created_at')
        .orderBy('number')
        .execute();
    },

    async setQueuePosition(ticketId: string, position: number | null): Promise<void> {
      await db.updateTable('tickets').set({ queue_position: position }).where('id', '=', ticketId).execute();
    },

    /** The organization's account leader, if it has one who can still take tickets. */
    async accountLeaderOf(organizationId: string | null): Promise<string | null> {
      if (!organizationId) return null;
      const row = await db
        .selectFrom('organizations')
        .innerJoin('agents', 'agents.id', 'organizations.account_leader_id')
        .select('agents.id')
        .where('organizations.id', '=', organizationId)
        .where('agents.active', '=', 1)
        .executeTakeFirst();
      return row?.id ?? null;
    },

    /** Tickets in a status category without activity since `before`, oldest first. */
    async untouchedSince(category: StatusCategory, before: string, limit: number) {
      return db
        .selectFrom('tickets')
        .select(['id', 'updated_at'])
        .where('status_category', '=', category)
        .where('updated_at', '<=', before)
        .orderBy('updated_at')
        .limit(limit)
        .execute();
    },

    /** Reminders whose time has come and that nobody was told about yet. */
    async dueReminders(now: string, limit: number) {
      return db
        .selectFrom('reminders')
        .select(['id'])
        .where('status', '=', 'pending')
        .where('remind_at', '<=', now)
        .orderBy('remind_at')
        .limit(limit)
        .execute();
    },

    async reminder(id: string) {
      return db
        .selectFrom('reminders')
        .innerJoin('tickets', 'tickets.id', 'reminders.ticket_id')
        .select([
          'reminders.id',
          'reminders.agent_id',
          'reminders.ticket_id',
          'reminders.note',
          'reminders.status',
          'tickets.number',
        ])
        .where('reminders.id', '=', id)
        .executeTakeFirst();
    },

    async markReminderSent(id: string): Promise<void> {
      await db
        .updateTable('reminders')
        .set({ status: 'sent' })
        .where('id', '=', id)
        .where('status', '=', 'pending')
        .execute();
    },

    /** Scheduled sessions starting between `from` and `to` that were not cancelled. */
    async sessionsStarting(from: string, to: string) {
      return db
        .selectFrom('scheduled_sessions')
        .innerJoin('tickets', 'tickets.id', 'scheduled_sessions.ticket_id')
        .select([
          'scheduled_sessions.id',
          'scheduled_sessions.ticket_id',
          'scheduled_sessions.title',
          'scheduled_sessions.starts_at',
          'scheduled_sessions.organizer_agent_id',
          'tickets.assignee_id',
          'tickets.number',
        ])
        .where('scheduled_sessions.cancelled_at', 'is', null)
        .where('scheduled_sessions.starts_at', '>', from)
        .where('scheduled_sessions.starts_at', '<=', to)
        .execute();
    },

    /** Queues a job unless the same work (dedupe key) is already queued. */
    async enqueueJob(job: {
      name: string;
      payload: Record<string, unknown>;
      runAt: string;
      dedupeKey: string;
      now: string;
      /** Only a record that the work was done (a notice given): never claimed. */
      done?: boolean;
    }): Promise<boolean> {
      const result = await db
        .insertInto('jobs')
        .values({
          id: newId(),
          name: job.name,
          payload: JSON.stringify(job.payload),
          run_at: job.runAt,
          status: job.done ? 'done' : 'pending',
          attempts: 0,
          last_error: null,
          dedupe_key: job.dedupeKey,
          created_at: job.now,
          finished_at: job.done ? job.now : null,
        })
        .onConflict((oc) => oc.column('dedupe_key').doNothing())
        .executeTakeFirst();
      return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
    },

    /**
     * Runs `work` so that its writes are undone alone when it fails (a savepoint), leaving the
     * rest of the transaction usable; rethrows the failure.
     */
    async isolated<T>(name: string, work: () => Promise<T>): Promise<T> {
      // Names are ours (rule_1, rule_2…), never user input.
      const point = sql.raw(name.replace(/[^a-z0-9_]/gi, '_'));
      await sql`savepoint ${point}`.execute(db);
      try {
        const result = await work();
        await sql`release savepoint ${point}`.execute(db);
        return result;
      } catch (error) {
        await sql`rollback to savepoint ${point}`.execute(db);
        throw error;
      }
    },
  };
}
