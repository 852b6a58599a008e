import type { Db, StatusCategory } from '../../db/database.ts';
import { agentRepository } from '../accounts/agent.repository.ts';
import { activeAgentDirectory, departmentAgentIds } from '../accounts/agent-directory.ts';
import { agentActor } from '../accounts/auth.service.ts';
import type { TicketHooks, TicketWrite } from '../automation/ticket-hooks.ts';
import { outboxRepository } from '../outbox/outbox.repository.ts';
import type { Locale } from '../shared/actor.ts';
import type { UnitOfWork } from '../shared/core-deps.ts';
import { DEFAULT_TIME_ZONE } from '../shared/time-zone.ts';
import {
  AGENT_TEMPLATE_KEYS,
  agentNoticeTitle,
  CUSTOMER_TEMPLATE_KEYS,
  type TemplateKey,
} from '../templates/default-templates.ts';
import { canSeeTicket, type TicketVisibility } from '../tickets/ticket.policy.ts';
import { type TicketRecord, ticketRepository } from '../tickets/ticket.repository.ts';
import { ticketVocabularyRepository } from '../tickets/ticket-vocabulary.repository.ts';
import { mentionedAgentIds } from './mentions.ts';
import { writeNotifications } from './notification.service.ts';
import { AGENT_TEMPLATE_OF, DEFAULT_CHANNELS, type NoticeEvent } from './notification-matrix.ts';
import {
  customerLocale,
  type NoticeChannels,
  notificationSettingsRepository,
} from './notification-settings.repository.ts';

/** The mail kind the email channel renders from a template and sends (see its outbox handlers). */
export const NOTICE_EMAIL_JOB = 'email.notification@1';

/** Words that make a notice's detail readable in either language. */
const WORDS: Record<Locale, Record<string, string>> = {
  es: {
    orange: 'naranja',
    blue: 'azul',
    green: 'verde',
    flag: 'Bandera',
    status: 'Estado',
    first_reply: 'primera respuesta',
    next_reply: 'siguiente respuesta',
    periodic_update: 'actualización periódica',
    resolution: 'resolución',
    due: 'vence',
    'due.soon': 'Fecha límite próxima',
    'due.passed': 'Fecha límite vencida',
  },
  en: {
    orange: 'orange',
    blue: 'blue',
    green: 'green',
    flag: 'Flag',
    status: 'Status',
    first_reply: 'first reply',
    next_reply: 'next reply',
    periodic_update: 'periodic update',
    resolution: 'resolution',
    due: 'due',
    'due.soon': 'Due date approaching',
    'due.passed': 'Due date passed',
    // The statuses' customer labels are written in Spanish; an English customer reads their category.
    'category.new': 'Received',
    'category.open': 'Being worked on',
    'category.pending': 'Waiting for your reply',
    'category.on_hold': 'Waiting on a third party',
    'category.solved': 'Solved',
    'category.closed': 'Closed',
  },
};

/** What a notice says beyond the ticket: the message, the flag, the status, the SLA target. */
export type NoticeDetail =
  | { kind: 'none' }
  | { kind: 'text'; text: string }
  | { kind: 'flag'; flag: string }
  | { kind: 'status'; name: string; customerLabel: string | null; category?: StatusCategory | null }
  | { kind: 'sla'; metric: string; dueAt: string | null }
  | { kind: 'due'; stage: 'soon' | 'passed'; dueAt: string };

/** A moment as the reader reads a clock: their language, their time zone, 24 h in Spanish. */
function readableTime(iso: string, locale: Locale, timeZone: string): string {
  return new Intl.DateTimeFormat(locale === 'es' ? 'es-CR' : 'en-US', {
    dateStyle: 'medium',
    timeStyle: 'short',
    hourCycle: locale === 'es' ? 'h23' : 'h12',
    timeZone,
  }).format(new Date(iso));
}

function detailText(detail: NoticeDetail, locale: Locale, forCustomer: boolean, timeZone = DEFAULT_TIME_ZONE): string {
  const w = WORDS[locale];
  switch (detail.kind) {
    case 'text':
      return detail.text.length > 2000 ? `${detail.text.slice(0, 2000)}…` : detail.text;
    case 'flag':
      return `${w.flag}: ${w[detail.flag] ?? detail.flag}`;
    case 'status': {
      if (!forCustomer) return `${w.status}: ${detail.name}`;
      const translated = locale === 'es' ? undefined : w[`category.${detail.category}`];
      return `${w.status}: ${translated ?? detail.customerLabel ?? detail.name}`;
    }
    case 'sla':
      return `SLA ${w[detail.metric] ?? detail.metric}${detail.dueAt ? ` (${w.due} ${readableTime(detail.dueAt, locale, timeZone)})` : ''}`;
    case 'due':
      return `${w[`due.${detail.stage}`]}: ${readableTime(detail.dueAt, locale, timeZone)}`;
    default:
      return '';
  }
}

const delivered = new WeakMap<UnitOfWork, Set<string>>();

/** True the first time a key is seen in this transaction: a notice is given once per write. */
function firstTime(uow: UnitOfWork, key: string): boolean {
  let seen = delivered.get(uow);
  if (!seen) {
    seen = new Set();
    delivered.set(uow, seen);
  }
  if (seen.has(key)) return false;
  seen.add(key);
  return true;
}

const NO_CHOICES: ReadonlyMap<string, NoticeChannels> = new Map();

interface AgentTarget {
  agentId: string;
  template: TemplateKey;
}

/**
 * Tells agents of one event on a ticket, in the caller's transaction: a console notification
 * and/or a mail (an outbox row), as each agent prefers. The agent who caused it is not told.
 */
export async function tellAgents(
  uow: UnitOfWork,
  ticket: TicketRecord,
  event: NoticeEvent,
  targets: AgentTarget[],
  opts: { detail?: NoticeDetail; exceptAgentId?: string | null } = {},
): Promise<void> {
  const repo = notificationSettingsRepository(uow.trx);
  const byAgent = new Map<string, TemplateKey>();
  for (const target of targets) {
    if (target.agentId === opts.exceptAgentId) continue;
    if (!firstTime(uow, `${ticket.id}|${event}|agent:${target.agentId}`)) continue;
    if (!byAgent.has(target.agentId)) byAgent.set(target.agentId, target.template);
  }
  if (byAgent.size === 0) return;
  const agents = (await activeAgentDirectory(uow.trx, uow.cache)).filter((a) => byAgent.has(a.id));
  const choices = (await uow.cache.get('noticePreferences', () => repo.preferencesByEvent())).get(event) ?? NO_CHOICES;
  const detail = opts.detail ?? { kind: 'none' };
  const consoleItems: Parameters<typeof writeNotifications>[1] = [];
  const mails: Parameters<ReturnType<typeof outboxRepository>['addMany']>[0] = [];
  for (const agent of agents) {
    const channels = choices.get(agent.id) ?? DEFAULT_CHANNELS;
    if (channels === 'none') continue;
    const template = byAgent.get(agent.id) ?? AGENT_TEMPLATE_OF[event];
    const agentTemplate = (AGENT_TEMPLATE_KEYS as readonly string[]).includes(template)
      ? (template as (typeof AGENT_TEMPLATE_KEYS)[number])
      : (AGENT_TEMPLATE_OF[event] as (typeof AGENT_TEMPLATE_KEYS)[number]);
    const text = detailText(detail, agent.locale, false, agent.timeZone);
    if (channels === 'console' || channels === 'both') {
      consoleItems.push({
        agentId: agent.id,
        ticketId: ticket.id,
        kind: event,
        title: agentNoticeTitle(agentTemplate, agent.locale),
        data: { number: ticket.number, subject: ticket.subject, event, ...(text ? { detail: text } : {}) },
      });
    }
    if (channels === 'email' || channels === 'both') {
      mails.push({
        type: NOTICE_EMAIL_JOB,
        payload: {
          ticketId: ticket.id,
          template: agentTemplate,
          to: [agent.email],
          locale: agent.locale,
          recipientAgentId: agent.id,
          detail: text,
          event,
        },
        ticketId: ticket.id,
        now: uow.now,
      });
    }
  }
  // One statement each, however many agents a department has.
  await writeNotifications(uow, consoleItems);
  await outboxRepository(uow.trx).addMany(mails);
}

/** Mails the requester one customer template in their language (an outbox row). */
export async function tellRequester(
  uow: UnitOfWork,
  ticket: TicketRecord,
  event: NoticeEvent,
  template: TemplateKey,
  detail: NoticeDetail = { kind: 'none' },
): Promise<void> {
  if (!(CUSTOMER_TEMPLATE_KEYS as readonly string[]).includes(template)) return;
  if (!firstTime(uow, `${ticket.id}|${event}|requester`)) return;
  const repo = notificationSettingsRepository(uow.trx);
  const target = await repo.contactMailTarget(ticket.requesterId);
  if (!target?.email) return;
  const locale = customerLocale(target.locale, await repo.mailboxLanguage(ticket.departmentId));
  await outboxRepository(uow.trx).add({
    type: NOTICE_EMAIL_JOB,
    payload: {
      ticketId: ticket.id,
      template,
      to: [target.email],
      locale,
      detail: detailText(detail, locale, true),
      event,
    },
    ticketId: ticket.id,
    now: uow.now,
  });
}

/**
 * 004 III ("recibirá notificación automática cuando su ticket es … actualizado"): the customer
 * hears when their ticket starts waiting on them (PENDIENTE) or on a third party (EN ESPERA);
 * moves between our own working statuses are not news, and neither is a status set with the
 * reply they just got (the console's "status after sending"), which already told them.
 */
const CUSTOMER_STATUS_CATEGORIES: readonly StatusCategory[] = ['pending', 'on_hold'];
const WITH_REPLY_MS = 2 * 60_000;

async function customerCares(uow: UnitOfWork, ticket: TicketRecord, detail: NoticeDetail | undefined) {
  if (detail?.kind !== 'status' || !detail.category || !CUSTOMER_STATUS_CATEGORIES.includes(detail.category)) {
    return false;
  }
  const since = new Date(new Date(uow.now).getTime() - WITH_REPLY_MS).toISOString();
  return !(await notificationSettingsRepository(uow.trx).agentRepliedSince(ticket.id, since));
}

/**
 * Tells everyone the department's matrix names for an event: the requester by mail, agents as
 * they prefer. An SLA clock running out on a ticket nobody owns goes to the supervisors instead.
 */
export async function announce(
  uow: UnitOfWork,
  ticket: TicketRecord,
  event: NoticeEvent,
  opts: { detail?: NoticeDetail; actorAgentId?: string | null } = {},
): Promise<void> {
  const repo = notificationSettingsRepository(uow.trx);
  const matrix = await uow.cache.get(`matrix:${ticket.departmentId}`, () => repo.effectiveEntries(ticket.departmentId));
  const entries = matrix.filter((e) => e.event === event);
  const targets: AgentTarget[] = [];
  for (const entry of entries) {
    switch (entry.recipient) {
      case 'requester':
        if (event === 'status_changed' && !(await customerCares(uow, ticket, opts.detail))) break;
        await tellRequester(uow, ticket, event, entry.template, opts.detail);
        break;
      case 'assignee':
        if (ticket.assigneeId) targets.push({ agentId: ticket.assigneeId, template: entry.template });
        else if ((event === 'sla_warning' || event === 'sla_breach') && ticket.departmentId) {
          for (const id of await repo.supervisorsOf(ticket.departmentId))
            targets.push({ agentId: id, template: entry.template });
        }
        break;
      case 'department':
        if (ticket.departmentId) {
          for (const id of await departmentAgentIds(uow.trx, uow.cache, ticket.departmentId))
            targets.push({ agentId: id, template: entry.template });
        }
        break;
      case 'supervisors':
        if (ticket.departmentId) {
          for (const id of await repo.supervisorsOf(ticket.departmentId))
            targets.push({ agentId: id, template: entry.template });
        }
        break;
      case 'agent':
        if (entry.agentId) targets.push({ agentId: entry.agentId, template: entry.template });
        break;
    }
  }
  await tellAgents(uow, ticket, event, targets, { detail: opts.detail, exceptAgentId: opts.actorAgentId });
}

/** The events a ticket write means, with what each notice should say. */
async function eventsOf(
  uow: UnitOfWork,
  write: TicketWrite,
  ticket: TicketRecord,
): Promise<{ event: NoticeEvent; detail?: NoticeDetail }[]> {
  const events: { event: NoticeEvent; detail?: NoticeDetail }[] = [];
  const changed = (field: string) => write.changes.find((c) => c.field === field);
  if (write.kind === 'created') {
    events.push({ event: 'ticket_created' });
    if (ticket.assigneeId) events.push({ event: 'ticket_assigned' });
    if (ticket.flag) {
      events.push({ event: 'flag_set', detail: { kind: 'flag', flag: ticket.flag } });
      if (ticket.flag === 'green') events.push({ event: 'flag_green', detail: { kind: 'flag', flag: 'green' } });
    }
    return events;
  }
  if (write.kind === 'message_from_customer') {
    const body = write.messageId
      ? (await notificationSettingsRepository(uow.trx).messageOf(write.messageId))?.body_text
      : '';
    events.push({ event: 'customer_replied', detail: body ? { kind: 'text', text: body } : undefined });
    return events;
  }
  if (write.kind !== 'updated') return events;
  if (changed('assigneeId')?.to) events.push({ event: 'ticket_assigned' });
  const flag = changed('flag')?.to;
  if (flag) {
    events.push({ event: 'flag_set', detail: { kind: 'flag', flag } });
    if (flag === 'green') events.push({ event: 'flag_green', detail: { kind: 'flag', flag } });
  }
  const status = changed('status');
  if (status) {
    const statuses = (await ticketVocabularyRepository(uow.trx).load()).statuses;
    const to = statuses.find((s) => s.id === ticket.statusId);
    const from = statuses.find((s) => s.name === status.from);
    const detail: NoticeDetail = {
      kind: 'status',
      name: to?.name ?? status.to ?? '',
      customerLabel: to?.customerLabel ?? null,
      category: to?.category ?? null,
    };
    if (ticket.statusCategory === 'solved' && from?.category !== 'solved')
      events.push({ event: 'ticket_solved', detail });
    else if (ticket.statusCategory === 'closed' && from?.category !== 'closed')
      events.push({ event: 'ticket_closed', detail });
    else events.push({ event: 'status_changed', detail });
  }
  return events;
}

async function agentsWhoMaySee(db: Db, ticket: TicketVisibility, agentIds: string[]): Promise<string[]> {
  const agents = agentRepository(db);
  const allowed: string[] = [];
  for (const id of agentIds) {
    const agent = await agents.find(id);
    if (agent && canSeeTicket(agentActor(agent), ticket)) allowed.push(id);
  }
  return allowed;
}

/** An internal note's `@initials` and `@email-localpart` tell the agents it names. */
async function tellMentioned(uow: UnitOfWork, write: TicketWrite, ticket: TicketRecord): Promise<void> {
  if (write.kind !== 'message_from_agent' || !write.messageId) return;
  const repo = notificationSettingsRepository(uow.trx);
  const message = await repo.messageOf(write.messageId);
  if (message?.kind !== 'note') return;
  const mentioned = mentionedAgentIds(message.body_text, await repo.mentionable());
  // A note's text reaches only agents who may open the ticket; a mention of anyone else tells nobody.
  const ids = await agentsWhoMaySee(uow.trx, ticket, mentioned);
  await tellAgents(
    uow,
    ticket,
    'mentioned',
    ids.map((agentId) => ({ agentId, template: AGENT_TEMPLATE_OF.mentioned })),
    { detail: { kind: 'text', text: message.body_text }, exceptAgentId: message.author_agent_id },
  );
}

/** Runs after automation in each ticket write: whoever the matrix names hears of what happened. */
export function noticeHooks(): TicketHooks {
  return {
    async afterTicketWrite(uow, write) {
      const ticket = await ticketRepository(uow.trx).find(write.ticketId);
      if (!ticket) return;
      const actorAgentId = write.actor.kind === 'agent' ? write.actor.id : null;
      for (const { event, detail } of await eventsOf(uow, write, ticket)) {
        await announce(uow, ticket, event, { detail, actorAgentId });
      }
      await tellMentioned(uow, write, ticket);
    },
  };
}

/** Both sets of hooks in order: automation first, so notices see the ticket its rules left. */
export function chainHooks(...all: (TicketHooks | undefined)[]): TicketHooks {
  return {
    async afterTicketWrite(uow, write) {
      for (const hooks of all) await hooks?.afterTicketWrite(uow, write);
    },
    async afterTicketsMerged(uow, merge) {
      for (const hooks of all) await hooks?.afterTicketsMerged?.(uow, merge);
    },
  };
}
