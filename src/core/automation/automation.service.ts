import { createHmac } from 'node:crypto';
import type { Db, StatusCategory } from '../../db/database.ts';
import { assertCan } from '../accounts/access.policy.ts';
import { activeAgentDirectory, departmentAgentIds } from '../accounts/agent-directory.ts';
import { validateCalendar } from '../calendars/business-hours.ts';
import { calendarRepository, type StoredCalendar } from '../calendars/calendar.repository.ts';
import { type ConditionContext, matches } from '../conditions/conditions.ts';
import { loadSurroundings, type TicketSnapshot, ticketContext, ticketSnapshot } from '../conditions/ticket-context.ts';
import { insertIndexedMessage } from '../conversation/message.commands.ts';
import { announce, tellAgents } from '../notifications/notice.ts';
import { notifyAgents } from '../notifications/notification.service.ts';
import { outboxRepository } from '../outbox/outbox.repository.ts';
import type { Actor } from '../shared/actor.ts';
import { AppError } from '../shared/app-error.ts';
import { type CoreDeps, inSettingsTransaction, inTransaction, type UnitOfWork } from '../shared/core-deps.ts';
import { newId } from '../shared/ids.ts';
import { slaRepository } from '../sla/sla.repository.ts';
import { recomputeSla, type SlaTransition } from '../sla/sla-engine.ts';
import { SLA_METRICS, type SlaMetric, type SlaPolicy, validatePolicy } from '../sla/sla-policy.ts';
import { loadVisibleTicket } from '../tickets/ticket.access.ts';
import { type TicketRecord, ticketRepository } from '../tickets/ticket.repository.ts';
import type { TicketChanges } from '../tickets/ticket.service.ts';
import { type TicketChange, ticketHistoryRepository } from '../tickets/ticket-history.repository.ts';
import type { Vocabulary } from '../tickets/ticket-settings.service.ts';
import { ticketVocabularyRepository } from '../tickets/ticket-vocabulary.repository.ts';
import { priorityOf } from '../tickets/ticket-vocabulary.ts';
import { createAccountLimits } from './account-limits.service.ts';
import { automationRepository } from './automation.repository.ts';
import { dueDateRepository } from './due-date.repository.ts';
import { rewatchDueDates, tellDueDate, watchDueDate } from './due-dates.ts';
import { keepExplicitChoices } from './explicit-choice.ts';
import { ACCOUNT_LEADER, type Action, type Recipient, type Rule, validateRule } from './rules.ts';
import { isRuleActor, ruleActor, type TicketHooks, type TicketWrite } from './ticket-hooks.ts';

/** What automation needs of the ticket service: a change inside the caller's transaction. */
export interface TicketChanger {
  changeWithin(
    uow: UnitOfWork,
    actor: Actor,
    idOrNumber: string,
    changes: TicketChanges,
  ): Promise<{ diff: TicketChange[] }>;
}

const SLA_RULE = 'SLA';
const DAY_MS = 24 * 3600_000;
export const TIME_RULES_JOB = 'automation.time-rules@1';
export const TICKET_DUE_JOB = 'automation.ticket-due@1';
/** Never run: its rows only remember which notices were given (dedupe keys). */
const NOTICE_JOB = 'automation.notice-given@1';
const SESSION_NOTICE_MS = 15 * 60_000;

const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().trim();

function firstStatusOf(vocabulary: Vocabulary, category: StatusCategory, except: string[] = []) {
  return vocabulary.statuses.find(
    (s) => s.active && s.category === category && !except.some((e) => fold(e) === fold(s.name)),
  );
}

export function createAutomationService(deps: CoreDeps) {
  let tickets: TicketChanger | null = null;
  const changer = (): TicketChanger => {
    if (!tickets) throw new Error('automation is not bound to the ticket service');
    return tickets;
  };

  const vocabularyOf = (db: Db) => ticketVocabularyRepository(db).load();
  const limits = createAccountLimits(deps, changer, record);

  async function record(
    uow: UnitOfWork,
    ticketId: string,
    actor: Actor,
    field: string,
    from: string | null,
    to: string | null,
  ) {
    await ticketHistoryRepository(uow.trx).record({
      ticketId,
      actor,
      via: 'system',
      now: uow.now,
      changes: [{ field, from, to }],
    });
  }

  /** The agents (for the console) or addresses (for email) a recipient list names. */
  async function agentsFor(uow: UnitOfWork, ticket: TicketRecord, to: Recipient[]): Promise<string[]> {
    const repo = automationRepository(uow.trx);
    const ids: string[] = [];
    for (const r of to) {
      if (r === 'assignee' && ticket.assigneeId) ids.push(ticket.assigneeId);
      else if (r === 'department' && ticket.departmentId)
        ids.push(...(await departmentAgentIds(uow.trx, uow.cache, ticket.departmentId)));
      else if (r === 'supervisors') ids.push(...(await repo.supervisorsOf(ticket.departmentId)));
      else if (typeof r === 'object') ids.push(r.agentId);
    }
    return [...new Set(ids)];
  }

  async function emailsFor(uow: UnitOfWork, ticket: TicketRecord, to: Recipient[]): Promise<string[]> {
    const repo = automationRepository(uow.trx);
    const emails: string[] = [];
    for (const r of to) {
      if (r === 'requester') {
        const email = await repo.contactEmail(ticket.requesterId);
        if (email) emails.push(email);
      } else if (r === 'department') {
        const email = await repo.departmentEmail(ticket.departmentId);
        if (email) emails.push(email);
      }
    }
    emails.push(
      ...(await repo.agentEmails(
        await agentsFor(
          uow,
          ticket,
          to.filter((r) => r !== 'department'),
        ),
      )),
    );
    return [...new Set(emails)];
  }

  async function departmentIdOf(db: Db, value: string): Promise<string> {
    const found = (await automationRepository(db).departments()).find(
      (d) => d.id === value || fold(d.name) === fold(value),
    );
    if (!found)
      throw new AppError('REFERENCE_NOT_FOUND', `The department "${value}" does not exist`, { field: 'department' });
    return found.id;
  }

  /** Runs one rule's actions on the ticket: field changes first (one history entry), then the rest. */
  async function runActions(
    uow: UnitOfWork,
    rule: Rule,
    ticket: TicketRecord,
    ctx: ConditionContext,
    write: TicketWrite,
  ) {
    const repo = automationRepository(uow.trx);
    const actor = ruleActor(rule.name);
    const changes: TicketChanges = {};
    for (const action of rule.actions) {
      const before = { ...changes };
      switch (action.type) {
        case 'set': {
          const value = action.value;
          if (action.field === 'status' && value) changes.status = value;
          else if (action.field === 'priority' && value) changes.priority = value as TicketChanges['priority'];
          else if (action.field === 'type') changes.type = value;
          else if (action.field === 'category') changes.category = value;
          else if (action.field === 'flag') changes.flag = value as TicketChanges['flag'];
          else if (action.field === 'department')
            changes.departmentId = value && (await departmentIdOf(uow.trx, value));
          else if (action.field === 'assignee' && value === ACCOUNT_LEADER) {
            // 003: the organization's account leader, whoever it is now; none leaves the ticket as it is.
            const leader = await repo.accountLeaderOf(ticket.organizationId);
            if (leader) changes.assigneeId = leader;
          } else if (action.field === 'assignee') {
            const agent =
              value &&
              (await activeAgentDirectory(uow.trx, uow.cache)).find(
                (a) => a.id === value || fold(a.email) === fold(value),
              );
            if (value && !agent)
              throw new AppError('REFERENCE_NOT_FOUND', `The agent "${value}" does not exist`, { field: 'assignee' });
            changes.assigneeId = agent ? agent.id : null;
          }
          break;
        }
        case 'assign': {
          const department = action.department
            ? await departmentIdOf(uow.trx, action.department)
            : (changes.departmentId ?? ticket.departmentId);
          if (!department) throw new AppError('UNPROCESSABLE', 'The ticket has no department to assign within');
          const load = await repo.departmentLoad(department);
          const chosen =
            action.strategy === 'least_open'
              ? load[0]?.id
              : await repo.nextInTurn(
                  department,
                  load.map((a) => a.id),
                  uow.now,
                );
          if (chosen) changes.assigneeId = chosen;
          break;
        }
        case 'assign_by_keyword': {
          // 004 Anexo A: the first listed module code found in the subject or description.
          const routes = await uow.cache.get('keywordRoutes', () => repo.keywordRoutes());
          const hit = routes.find((r) => matches({ field: 'text', op: 'contains', value: r.keyword }, ctx));
          if (hit?.agentId) changes.assigneeId = hit.agentId;
          if (hit?.departmentId) changes.departmentId = hit.departmentId;
          if (!hit) {
            // No table row: the consultants' own module codes (their skills) answer.
            const expert = (await activeAgentDirectory(uow.trx, uow.cache)).find((a) =>
              a.skills.some((skill) => matches({ field: 'text', op: 'contains', value: skill }, ctx)),
            );
            if (expert) changes.assigneeId = expert.id;
          }
          break;
        }
        case 'tags':
          if (action.add?.length) changes.tagsAdd = [...(changes.tagsAdd ?? []), ...action.add];
          if (action.remove?.length) changes.tagsRemove = [...(changes.tagsRemove ?? []), ...action.remove];
          break;
        default:
          break;
      }
      keepExplicitChoices(action, before, changes, write.explicit ?? []);
    }
    const changed = Object.keys(changes).length > 0;
    if (changed) {
      const { diff } = await changer().changeWithin(uow, actor, ticket.id, changes);
      uow.ruleChanges.push(...diff.map((d) => ({ ticketId: ticket.id, rule: rule.name, ...d })));
    }
    const current = changed ? (((await ticketRepository(uow.trx).find(ticket.id)) as TicketRecord) ?? ticket) : ticket;
    for (const action of rule.actions) await runSideEffect(uow, rule, action, current, write.kind);
    // A note is a message: the SLA reads it, so the ticket counts as changed.
    return changed || rule.actions.some((action) => action.type === 'note');
  }

  async function runSideEffect(uow: UnitOfWork, rule: Rule, action: Action, ticket: TicketRecord, event: string) {
    switch (action.type) {
      case 'note':
        await insertIndexedMessage(uow.trx, ticket, {
          id: newId(),
          ticketId: ticket.id,
          kind: 'note',
          authorKind: 'system',
          authorAgentId: null,
          authorContactId: null,
          channel: 'internal',
          body: action.body,
          html: null,
          activity: null,
          createdAt: uow.now,
        });
        break;
      case 'email': {
        const to = await emailsFor(uow, ticket, action.to);
        if (to.length === 0) break;
        // The email channel renders the template and sends it after the commit.
        await outboxRepository(uow.trx).add({
          type: 'email.notification@1',
          payload: { ticketId: ticket.id, template: action.template, to, rule: rule.name },
          ticketId: ticket.id,
          now: uow.now,
        });
        break;
      }
      case 'notify': {
        const agents = await agentsFor(uow, ticket, action.to);
        await notifyAgents(uow, {
          agentIds: agents,
          ticketId: ticket.id,
          kind: 'rule',
          title: action.title,
          data: { number: ticket.number, subject: ticket.subject, rule: rule.name },
        });
        break;
      }
      case 'webhook': {
        const body = JSON.stringify({
          event,
          rule: rule.name,
          at: uow.now,
          ticket: {
            id: ticket.id,
            number: ticket.number,
            subject: ticket.subject,
            priority: priorityOf(ticket.priorityRank),
            statusCategory: ticket.statusCategory,
            departmentId: ticket.departmentId,
            assigneeId: ticket.assigneeId,
            organizationId: ticket.organizationId,
          },
        });
        const signature = createHmac('sha256', action.secret).update(body).digest('hex');
        await outboxRepository(uow.trx).add({
          type: 'webhook.post@1',
          payload: { url: action.url, body, headers: { 'X-Tiquete-Signature': `sha256=${signature}` } },
          ticketId: ticket.id,
          now: uow.now,
        });
        break;
      }
      default:
        break;
    }
  }

  /** Triggers of the event, in order, each at most once; a failing rule is logged and the others run. */
  async function runTriggers(uow: UnitOfWork, write: TicketWrite, vocabulary: Vocabulary, snapshot: TicketSnapshot) {
    const repo = automationRepository(uow.trx);
    const triggers = await uow.cache.get('triggers', () => repo.listRules('trigger', { activeOnly: true }));
    const rules = triggers.filter((r) => r.events.includes(write.kind));
    let step = 0;
    for (const rule of rules) {
      step++;
      const ticket = await snapshot.ticket();
      if (!ticket) return;
      const reported = uow.ruleChanges.length;
      try {
        const ctx = ticketContext({
          ticket,
          surroundings: await snapshot.surroundings(),
          vocabulary,
          event: write.kind,
          changes: write.changes,
          now: new Date(uow.now),
        });
        if (!matches(rule.conditions, ctx)) continue;
        // Field changes show in the history "por regla X"; notes, mails and notices speak for themselves.
        // Only a matching rule's actions need a savepoint: conditions read and change nothing.
        const changed = await repo.isolated(`rule_${step}`, () => runActions(uow, rule, ticket, ctx, write));
        // What a rule changed is what the next rule sees.
        if (changed) snapshot.invalidate();
      } catch (error) {
        // The savepoint undid the rule's changes: they are not reported either.
        uow.ruleChanges.length = reported;
        const message = error instanceof Error ? error.message : String(error);
        await record(uow, ticket.id, ruleActor(rule.name), 'rule_failed', rule.name, message);
        snapshot.invalidate();
      }
    }
  }

  async function reportSla(uow: UnitOfWork, ticketId: string, transitions: SlaTransition[]) {
    if (transitions.length === 0) return;
    const ticket = (await ticketRepository(uow.trx).find(ticketId)) as TicketRecord;
    const actor = ruleActor(`${SLA_RULE} ${transitions[0]?.policyName ?? ''}`.trim());
    for (const t of transitions) {
      await record(uow, ticketId, actor, `sla.${t.metric}`, t.from, t.to);
      // Who hears of it is the department's notification matrix.
      if (t.to === 'breached' || t.to === 'warning') {
        await announce(uow, ticket, t.to === 'breached' ? 'sla_breach' : 'sla_warning', {
          detail: { kind: 'sla', metric: t.metric, dueAt: t.dueAt },
        });
      }
    }
    uow.emit({
      type: 'ticket.sla_changed',
      ticketId,
      organizationId: ticket.organizationId,
      actor,
      data: { number: ticket.number, transitions },
    });
  }

  /**
   * What the minute's SLA scan would do at `now`, as history, not news: the clocks that ran out
   * turn and the history records it, and nobody is notified. For a replayed past (the demo week),
   * whose breaches would otherwise all reach the agents at the first real scan.
   */
  async function settleSla() {
    await inTransaction(deps, async (uow) => {
      const vocabulary = await vocabularyOf(uow.trx);
      for (const ticketId of await slaRepository(uow.trx).dueTickets(uow.now, 1000)) {
        const transitions = await recomputeSla(
          uow,
          ticketSnapshot(uow.trx, ticketId, uow.cache),
          vocabulary,
          new Date(uow.now),
        );
        const actor = ruleActor(`${SLA_RULE} ${transitions[0]?.policyName ?? ''}`.trim());
        for (const t of transitions) await record(uow, ticketId, actor, `sla.${t.metric}`, t.from, t.to);
      }
    });
  }

  const hooks: TicketHooks = {
    async afterTicketWrite(uow, write) {
      const vocabulary = await uow.cache.get('vocabulary', () => vocabularyOf(uow.trx));
      const snapshot = ticketSnapshot(uow.trx, write.ticketId, uow.cache);
      if (!isRuleActor(write.actor)) await runTriggers(uow, write, vocabulary, snapshot);
      await limits.assignLeader(uow, write, snapshot);
      await limits.apply(uow, write, vocabulary, snapshot);
      const transitions = await recomputeSla(uow, snapshot, vocabulary, new Date(uow.now));
      await reportSla(uow, write.ticketId, transitions);
      await watchDueDate(uow, write, snapshot);
    },
    async afterTicketsMerged(uow, merge) {
      const vocabulary = await vocabularyOf(uow.trx);
      for (const ticketId of [merge.sourceId, merge.targetId]) {
        const transitions = await recomputeSla(
          uow,
          ticketSnapshot(uow.trx, ticketId, uow.cache),
          vocabulary,
          new Date(uow.now),
        );
        await reportSla(uow, ticketId, transitions);
      }
    },
  };

  /** Every minute: queue one job per ticket that is due, so any instance may take each. */
  async function scanTimeRules(uow: UnitOfWork) {
    const repo = automationRepository(uow.trx);
    const now = new Date(uow.now);
    const queue = (payload: Record<string, unknown>, key: string) =>
      repo.enqueueJob({ name: TICKET_DUE_JOB, payload, runAt: uow.now, dedupeKey: key, now: uow.now });
    for (const ticketId of await slaRepository(uow.trx).dueTickets(uow.now, 1000)) {
      await queue({ what: 'sla', ticketId }, `sla:${ticketId}:${uow.now.slice(0, 16)}`);
    }
    for (const due of await dueDateRepository(uow.trx).crossed(uow.now, 1000)) {
      await queue({ what: 'due', ticketId: due.id }, `due:${due.id}:${due.stage}:${due.dueAt}`);
    }
    for (const reminder of await repo.dueReminders(uow.now, 1000)) {
      await queue({ what: 'reminder', reminderId: reminder.id }, `reminder:${reminder.id}`);
    }
    // A session is announced 15 minutes before it starts; the dedupe key makes it once per start time.
    const soon = new Date(now.getTime() + SESSION_NOTICE_MS).toISOString();
    for (const session of await repo.sessionsStarting(uow.now, soon)) {
      const agents = [session.organizer_agent_id, session.assignee_id].filter((a): a is string => a !== null);
      await notifyOnce(uow, `session:${session.id}:${session.starts_at}`, {
        agentIds: agents,
        ticketId: session.ticket_id,
        kind: 'session_due',
        title: session.title,
        data: { number: session.number, startsAt: session.starts_at },
      });
    }
    for (const rule of await repo.listRules('time', { activeOnly: true })) {
      const s = rule.schedule;
      if (s?.kind === 'close_solved') {
        const before = new Date(now.getTime() - s.days * DAY_MS).toISOString();
        for (const t of await repo.untouchedSince('solved', before, 1000)) {
          await queue({ what: 'close', ticketId: t.id, ruleId: rule.id }, `close:${rule.id}:${t.id}:${t.updated_at}`);
        }
      } else if (s?.kind === 'pending_reminder') {
        const before = new Date(now.getTime() - s.remindAfterDays * DAY_MS).toISOString();
        for (const t of await repo.untouchedSince('pending', before, 1000)) {
          const age = now.getTime() - new Date(t.updated_at).getTime();
          const stage = age >= s.solveAfterDays * DAY_MS ? 'solve' : 'remind';
          await queue(
            { what: 'pending', stage, ticketId: t.id, ruleId: rule.id },
            `pending:${rule.id}:${t.id}:${t.updated_at}:${stage}`,
          );
        }
      }
    }
  }

  /** Notifies once per key: the key is kept as a finished job row, so a second scan skips it. */
  async function notifyOnce(uow: UnitOfWork, key: string, input: Parameters<typeof notifyAgents>[1]) {
    const repo = automationRepository(uow.trx);
    const queued = await repo.enqueueJob({
      name: NOTICE_JOB,
      payload: {},
      runAt: uow.now,
      dedupeKey: key,
      now: uow.now,
      done: true,
    });
    if (queued) await notifyAgents(uow, input);
  }

  /** One due ticket: checked again here (the job may run late or twice), then acted on. */
  async function runTicketDue(uow: UnitOfWork, payload: Record<string, unknown>) {
    if (payload.what === 'reminder') {
      const reminder = await automationRepository(uow.trx).reminder(String(payload.reminderId));
      if (reminder?.status !== 'pending') return;
      await automationRepository(uow.trx).markReminderSent(reminder.id);
      const reminded = await ticketRepository(uow.trx).find(reminder.ticket_id);
      // The reminder's owner is told, in the console and/or by mail as they prefer.
      if (reminded) {
        await tellAgents(
          uow,
          reminded,
          'reminder_due',
          [{ agentId: reminder.agent_id, template: 'agent_reminder_due' }],
          {
            detail: { kind: 'text', text: reminder.note || reminder.number },
          },
        );
      }
      return;
    }
    const ticketId = String(payload.ticketId);
    const ticket = await ticketRepository(uow.trx).find(ticketId);
    if (!ticket) return;
    const vocabulary = await vocabularyOf(uow.trx);
    const now = new Date(uow.now);
    if (payload.what === 'due') {
      await tellDueDate(uow, ticket);
      return;
    }
    if (payload.what === 'sla') {
      await reportSla(
        uow,
        ticketId,
        await recomputeSla(uow, ticketSnapshot(uow.trx, ticketId, uow.cache), vocabulary, now),
      );
      return;
    }
    const rule = await automationRepository(uow.trx).findRule(String(payload.ruleId));
    const s = rule?.schedule;
    if (!rule?.active || !s) return;
    // A time rule acts only on the tickets its conditions describe (e.g. "solved and tagged X").
    const ctx = ticketContext({
      ticket,
      surroundings: await loadSurroundings(uow.trx, ticket),
      vocabulary,
      event: 'time',
      changes: [],
      now,
    });
    if (!matches(rule.conditions, ctx)) return;
    const idle = now.getTime() - new Date(ticket.updatedAt).getTime();
    const actor = ruleActor(rule.name);
    if (payload.what === 'close' && s.kind === 'close_solved') {
      // 004 VIII: solved and four days without activity → closed.
      const closed = firstStatusOf(vocabulary, 'closed');
      if (ticket.statusCategory === 'solved' && idle >= s.days * DAY_MS && closed) {
        await changer().changeWithin(uow, actor, ticketId, { status: closed.id });
      }
    } else if (payload.what === 'pending' && s.kind === 'pending_reminder' && ticket.statusCategory === 'pending') {
      if (payload.stage === 'solve' && idle >= s.solveAfterDays * DAY_MS) {
        const solved = firstStatusOf(vocabulary, 'solved');
        if (solved) await changer().changeWithin(uow, actor, ticketId, { status: solved.id });
      } else if (payload.stage === 'remind' && idle >= s.remindAfterDays * DAY_MS) {
        const to = await automationRepository(uow.trx).contactEmail(ticket.requesterId);
        if (to) {
          await outboxRepository(uow.trx).add({
            type: 'email.notification@1',
            payload: { ticketId, template: 'pending_reminder', to: [to], rule: rule.name },
            ticketId,
            now: uow.now,
          });
        }
        await record(uow, ticketId, actor, 'reminder', null, 'pending_reminder');
      }
    }
  }

  async function saveRule(actor: Actor, input: Omit<Rule, 'id' | 'position'> & { position?: number }, id = newId()) {
    assertCan(actor, 'automation.manage');
    validateRule(input);
    return inSettingsTransaction(deps, async (uow) => {
      const repo = automationRepository(uow.trx);
      if (await repo.ruleNameTaken(input.kind, input.name.trim(), id)) {
        throw new AppError('NAME_TAKEN', `A rule named "${input.name}" exists`, { field: 'name' });
      }
      const existing = await repo.findRule(id);
      const position = input.position ?? existing?.position ?? (await repo.listRules(input.kind)).length;
      const rule: Rule = { ...input, name: input.name.trim(), id, position };
      await repo.saveRule(rule, uow.now);
      return rule;
    });
  }

  async function savePolicy(
    actor: Actor,
    input: Omit<SlaPolicy, 'id' | 'position'> & { position?: number },
    id = newId(),
  ) {
    assertCan(actor, 'automation.manage');
    validatePolicy(input);
    return inSettingsTransaction(deps, async (uow) => {
      const repo = slaRepository(uow.trx);
      if (input.calendarId && !(await calendarRepository(uow.trx).find(input.calendarId))) {
        throw new AppError('REFERENCE_NOT_FOUND', `calendarId refers to ${input.calendarId}, which does not exist`, {
          field: 'calendarId',
        });
      }
      const policies = await repo.listPolicies();
      const position = input.position ?? policies.find((p) => p.id === id)?.position ?? policies.length;
      const policy: SlaPolicy = { ...input, id, position };
      await repo.savePolicy(policy, uow.now);
      return policy;
    });
  }

  return {
    hooks,
    /** Wires the ticket service in (it is built after automation, which it calls back). */
    bind(ticketService: TicketChanger) {
      tickets = ticketService;
    },
    settleSla,
    jobs: {
      [TIME_RULES_JOB]: (uow: UnitOfWork) => scanTimeRules(uow),
      [TICKET_DUE_JOB]: (uow: UnitOfWork, job: { payload: Record<string, unknown> }) => runTicketDue(uow, job.payload),
    },

    async listRules(actor: Actor, kind: Rule['kind']) {
      assertCan(actor, 'automation.read');
      return automationRepository(deps.db).listRules(kind);
    },
    createRule: (actor: Actor, input: Omit<Rule, 'id' | 'position'> & { position?: number }) => saveRule(actor, input),
    async updateRule(actor: Actor, id: string, input: Omit<Rule, 'id' | 'position'> & { position?: number }) {
      const existing = await automationRepository(deps.db).findRule(id);
      if (!existing) throw new AppError('RULE_NOT_FOUND', 'Rule not found', { id });
      return saveRule(actor, { ...input, kind: existing.kind }, id);
    },
    async removeRule(actor: Actor, id: string) {
      assertCan(actor, 'automation.manage');
      if (!(await inSettingsTransaction(deps, (uow) => automationRepository(uow.trx).removeRule(id))))
        throw new AppError('RULE_NOT_FOUND', 'Rule not found', { id });
    },

    /** "Test this rule against ticket X": would it match now, and what would it do (nothing is changed). */
    async testRule(
      actor: Actor,
      input: { rule: Omit<Rule, 'id' | 'position'>; ticket: string; event?: Rule['events'][number] },
    ) {
      assertCan(actor, 'automation.manage');
      validateRule(input.rule);
      const ref = await loadVisibleTicket(deps.db, actor, input.ticket);
      const ticket = (await ticketRepository(deps.db).find(ref.id)) as TicketRecord;
      const vocabulary = await vocabularyOf(deps.db);
      const ctx = ticketContext({
        ticket,
        surroundings: await loadSurroundings(deps.db, ticket),
        vocabulary,
        event: input.event ?? input.rule.events[0] ?? 'updated',
        changes: [],
        now: deps.clock.now(),
      });
      return { matches: matches(input.rule.conditions, ctx), actions: input.rule.actions, ticketNumber: ticket.number };
    },

    async listPolicies(actor: Actor) {
      assertCan(actor, 'automation.read');
      return slaRepository(deps.db).listPolicies();
    },
    createPolicy: (actor: Actor, input: Omit<SlaPolicy, 'id' | 'position'> & { position?: number }) =>
      savePolicy(actor, input),
    async updatePolicy(actor: Actor, id: string, input: Omit<SlaPolicy, 'id' | 'position'> & { position?: number }) {
      const exists = (await slaRepository(deps.db).listPolicies()).some((p) => p.id === id);
      if (!exists) throw new AppError('RULE_NOT_FOUND', 'SLA policy not found', { id });
      return savePolicy(actor, input, id);
    },
    async removePolicy(actor: Actor, id: string) {
      assertCan(actor, 'automation.manage');
      if (!(await inSettingsTransaction(deps, (uow) => slaRepository(uow.trx).removePolicy(id))))
        throw new AppError('RULE_NOT_FOUND', 'SLA policy not found', { id });
    },

    async listCalendars(actor: Actor) {
      assertCan(actor, 'automation.read');
      return calendarRepository(deps.db).list();
    },
    async saveCalendar(actor: Actor, input: Omit<StoredCalendar, 'id'> & { id?: string }) {
      assertCan(actor, 'automation.manage');
      validateCalendar(input);
      if (!input.name.trim()) throw new AppError('CALENDAR_INVALID', 'The calendar needs a name', { field: 'name' });
      const id = input.id ?? newId();
      return inSettingsTransaction(deps, async (uow) => {
        const repo = calendarRepository(uow.trx);
        if (input.id && !(await repo.find(input.id)))
          throw new AppError('CALENDAR_NOT_FOUND', 'Calendar not found', { id });
        const departments = new Set((await automationRepository(uow.trx).departments()).map((d) => d.id));
        const unknown = input.departmentIds.find((d) => !departments.has(d));
        if (unknown) {
          throw new AppError('REFERENCE_NOT_FOUND', `departmentIds refers to ${unknown}, which does not exist`, {
            field: 'departmentIds',
          });
        }
        await repo.save({ ...input, name: input.name.trim(), id }, uow.now);
        await rewatchDueDates(uow.trx);
        return (await repo.find(id)) as StoredCalendar;
      });
    },
    async removeCalendar(actor: Actor, id: string) {
      assertCan(actor, 'automation.manage');
      const removed = await inSettingsTransaction(deps, async (uow) => {
        if (!(await calendarRepository(uow.trx).remove(id))) return false;
        await rewatchDueDates(uow.trx);
        return true;
      });
      if (!removed) throw new AppError('CALENDAR_NOT_FOUND', 'Calendar not found', { id });
    },

    async keywords(actor: Actor) {
      assertCan(actor, 'automation.read');
      return automationRepository(deps.db).keywordRoutes();
    },
    /**
     * Replaces the Anexo A table. Each row names a keyword and an agent (id, email or name) and/or
     * a department (id or name); an unknown one is refused with its line.
     */
    async replaceKeywords(
      actor: Actor,
      rows: { keyword: string; agent?: string | null; department?: string | null }[],
    ) {
      assertCan(actor, 'automation.manage');
      return inSettingsTransaction(deps, async (uow) => {
        const repo = automationRepository(uow.trx);
        const agents = await activeAgentDirectory(uow.trx, uow.cache);
        const departments = await repo.departments();
        const routes = new Map<string, { keyword: string; agentId: string | null; departmentId: string | null }>();
        for (const [i, row] of rows.entries()) {
          const keyword = row.keyword.trim().toUpperCase();
          if (!keyword)
            throw new AppError('VALIDATION_FAILED', `Line ${i + 1}: the keyword is empty`, {
              field: `rows[${i}].keyword`,
            });
          const agent = row.agent?.trim()
            ? agents.find(
                (a) =>
                  a.id === row.agent ||
                  fold(a.email) === fold(row.agent ?? '') ||
                  fold(a.name) === fold(row.agent ?? ''),
              )
            : undefined;
          if (row.agent?.trim() && !agent) {
            throw new AppError('REFERENCE_NOT_FOUND', `Line ${i + 1}: no agent "${row.agent}"`, {
              field: `rows[${i}].agent`,
            });
          }
          const department = row.department?.trim()
            ? departments.find((d) => d.id === row.department || fold(d.name) === fold(row.department ?? ''))
            : undefined;
          if (row.department?.trim() && !department) {
            throw new AppError('REFERENCE_NOT_FOUND', `Line ${i + 1}: no department "${row.department}"`, {
              field: `rows[${i}].department`,
            });
          }
          if (!agent && !department) {
            throw new AppError('VALIDATION_FAILED', `Line ${i + 1}: name an agent or a department`, {
              field: `rows[${i}]`,
            });
          }
          routes.set(keyword, { keyword, agentId: agent?.id ?? null, departmentId: department?.id ?? null });
        }
        await repo.replaceKeywordRoutes([...routes.values()], uow.now);
        return [...routes.values()].sort((a, b) => a.keyword.localeCompare(b.keyword));
      });
    },
    /** The same from CSV text: `keyword,agent[,department]` per line; a header line is skipped. */
    importKeywordsCsv(actor: Actor, csv: string) {
      const rows = csv
        .split(/\r?\n/)
        .map((line) => line.split(/[,;]/).map((cell) => cell.trim().replace(/^"(.*)"$/, '$1')))
        .filter((cells) => cells.some((c) => c !== ''))
        .filter((cells, i) => !(i === 0 && /^(keyword|palabra|clave|c[oó]digo|m[oó]dulo)/i.test(cells[0] ?? '')));
      return this.replaceKeywords(
        actor,
        rows.map(([keyword = '', agent = '', department = '']) => ({ keyword, agent, department })),
      );
    },

    setAccountLimit: limits.setAccountLimit,
    accountLimits: limits.accountLimits,

    /** SLA targets of tickets, for queues and the ticket page. */
    async slaOf(ticketIds: string[]) {
      return slaRepository(deps.db).targetsOf(ticketIds);
    },

    /** One ticket's SLA targets with their policy's name, in metric order; 404 for a ticket the actor may not see. */
    async ticketSla(actor: Actor, idOrNumber: string) {
      assertCan(actor, 'tickets.read');
      const ticket = await loadVisibleTicket(deps.db, actor, idOrNumber);
      const sla = slaRepository(deps.db);
      const [targets, policies] = await Promise.all([sla.targets(ticket.id), sla.listPolicies()]);
      const policyNames = new Map(policies.map((p) => [p.id, p.name]));
      const order = (metric: SlaMetric) => SLA_METRICS.indexOf(metric);
      return {
        ticketId: ticket.id,
        number: ticket.number,
        items: targets
          .sort((a, b) => order(a.metric) - order(b.metric))
          .map((target) => ({
            metric: target.metric,
            policyId: target.policyId,
            // A policy deleted after the clock started leaves its target without a name.
            policyName: policyNames.get(target.policyId) ?? null,
            startedAt: target.startedAt,
            dueAt: target.dueAt,
            warnAt: target.warnAt,
            state: target.state,
            metAt: target.metAt,
          })),
      };
    },
  };
}

export type AutomationService = ReturnType<typeof createAutomationService>;
