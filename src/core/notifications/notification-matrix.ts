import { AppError } from '../shared/app-error.ts';
import { AGENT_TEMPLATE_KEYS, CUSTOMER_TEMPLATE_KEYS, type TemplateKey } from '../templates/default-templates.ts';
import { NOTICE_EVENTS, type NoticeEvent } from './notice-events.ts';

export { NOTICE_EVENTS, type NoticeEvent };

/**
 * Events told to one person by their nature (the agent mentioned, the reminder's owner), so
 * they are not in a department's matrix; each agent's preferences still apply.
 */
export const PERSONAL_EVENTS: readonly NoticeEvent[] = ['mentioned', 'reminder_due'];
export const MATRIX_EVENTS = NOTICE_EVENTS.filter((e) => !PERSONAL_EVENTS.includes(e));

export const RECIPIENT_KINDS = ['requester', 'assignee', 'department', 'supervisors', 'agent'] as const;
export type RecipientKind = (typeof RECIPIENT_KINDS)[number];

export interface MatrixEntry {
  event: NoticeEvent;
  recipient: RecipientKind;
  /** The named agent when `recipient` is 'agent'; null otherwise. */
  agentId: string | null;
  /** The mail template: a customer one for the requester, an agent notice for staff. */
  template: TemplateKey;
}

export interface NotificationMatrix {
  /** A department id, or 'default'. */
  scope: string;
  /** True when a department has no matrix of its own and follows the default one. */
  inherited: boolean;
  entries: MatrixEntry[];
}

export const DEFAULT_SCOPE = 'default';

/** An agent who has not chosen hears of everything in the console and by mail. */
export const DEFAULT_CHANNELS = 'both' as const;

/** The agent notice each event sends unless the matrix names another one. */
export const AGENT_TEMPLATE_OF: Record<NoticeEvent, TemplateKey> = {
  ticket_created: 'agent_new_ticket',
  ticket_assigned: 'agent_assigned',
  customer_replied: 'agent_customer_replied',
  status_changed: 'agent_ticket_updated',
  flag_set: 'agent_flag_set',
  flag_green: 'agent_flag_set',
  ticket_solved: 'agent_ticket_updated',
  ticket_closed: 'agent_ticket_closed',
  sla_warning: 'agent_sla_warning',
  sla_breach: 'agent_sla_breach',
  due_date: 'agent_due_date',
  mentioned: 'agent_mentioned',
  reminder_due: 'agent_reminder_due',
};

/** Refuses a matrix that could not be applied, naming the entry that is wrong. */
export function validateMatrix(entries: MatrixEntry[], agentIds: Set<string>): MatrixEntry[] {
  const seen = new Set<string>();
  const clean: MatrixEntry[] = [];
  for (const [i, entry] of entries.entries()) {
    const at = `entries[${i}]`;
    const refuse = (field: string, message: string) =>
      new AppError('VALIDATION_FAILED', `${at}.${field}: ${message}`, { field: `${at}.${field}` });
    if (!MATRIX_EVENTS.includes(entry.event)) throw refuse('event', `"${entry.event}" is not a matrix event`);
    if (!RECIPIENT_KINDS.includes(entry.recipient))
      throw refuse('recipient', `"${entry.recipient}" is not a recipient`);
    if (entry.recipient === 'agent') {
      if (!entry.agentId) throw refuse('agentId', 'name the agent');
      if (!agentIds.has(entry.agentId)) throw refuse('agentId', `no active agent "${entry.agentId}"`);
    }
    // The requester reads customer mail; staff read agent notices, never the other way round.
    const allowed: readonly string[] = entry.recipient === 'requester' ? CUSTOMER_TEMPLATE_KEYS : AGENT_TEMPLATE_KEYS;
    if (!allowed.includes(entry.template)) {
      throw refuse('template', `"${entry.template}" is not a template for ${entry.recipient}`);
    }
    const agentId = entry.recipient === 'agent' ? entry.agentId : null;
    const key = `${entry.event}|${entry.recipient}|${agentId ?? ''}`;
    if (seen.has(key)) continue;
    seen.add(key);
    clean.push({ event: entry.event, recipient: entry.recipient, agentId, template: entry.template });
  }
  return clean;
}

const entry = (event: NoticeEvent, recipient: RecipientKind, template?: TemplateKey): MatrixEntry => ({
  event,
  recipient,
  agentId: null,
  template: template ?? AGENT_TEMPLATE_OF[event],
});

/**
 * The matrix of a department that has none of its own: issue 7's agent notices (assigned to me,
 * new ticket in my department, customer replied on my ticket, SLA, flag green on a ticket I
 * review) and 004 III's customer mail ("notificación automática cuando su ticket es recibido
 * y/o actualizado": waiting on them, on a third party, solved). The acknowledgement of a new
 * ticket is sent by the channel that received it.
 */
export const DEFAULT_MATRIX: MatrixEntry[] = [
  entry('ticket_created', 'department'),
  entry('ticket_assigned', 'assignee'),
  entry('customer_replied', 'assignee'),
  entry('flag_green', 'assignee'),
  entry('flag_green', 'supervisors'),
  entry('sla_warning', 'assignee'),
  entry('sla_breach', 'assignee'),
  entry('sla_breach', 'supervisors'),
  // 001 (weknow) "Fecha límite": the assignee hears when it approaches and when it passes.
  entry('due_date', 'assignee'),
  entry('ticket_solved', 'requester', 'ticket_solved'),
  // 004 III: the customer hears when their ticket waits on them or on a third party (see announce).
  entry('status_changed', 'requester', 'ticket_updated'),
];

/**
 * 001 (weknow), "Correos y Avisos" per department. Named people are matched by name when the
 * department and its agents exist (the demo data has them); Majo is Educación's supervisor.
 */
export const WEKNOW_MATRICES: {
  department: string;
  created: string[];
  /** Besides the responsible: the department's supervisors and/or named people. */
  flagged: { supervisors: boolean; named: string[] };
  closed: string[];
}[] = [
  // Educación: nuevo ticket (Lucero, Majo y Saray); asignar (Responsable); banderas (Responsable y Majo); cerrado (Lucero y Saray).
  {
    department: 'Educación',
    created: ['Lucero Gómez', 'María José Pérez', 'Saray Méndez'],
    flagged: { supervisors: true, named: [] },
    closed: ['Lucero Gómez', 'Saray Méndez'],
  },
  // Empresas (the Capacitación department of the demo): nuevo ticket (Daniela); asignar (Responsable); banderas (Responsable y Daniela).
  {
    department: 'Capacitación',
    created: ['Daniela Ortiz'],
    flagged: { supervisors: false, named: ['Daniela Ortiz'] },
    closed: [],
  },
];

/** weknow's matrix of one department, with the named people resolved to agent ids. */
export function weknowMatrix(named: {
  created: string[];
  flagged: { supervisors: boolean; named: string[] };
  closed: string[];
}): MatrixEntry[] {
  const agents = (event: NoticeEvent, ids: string[]) =>
    ids.map((agentId): MatrixEntry => ({ ...entry(event, 'agent'), agentId }));
  return [
    ...agents('ticket_created', named.created),
    entry('ticket_assigned', 'assignee'),
    entry('flag_set', 'assignee'),
    ...(named.flagged.supervisors ? [entry('flag_set', 'supervisors')] : []),
    ...agents('flag_set', named.flagged.named),
    ...agents('ticket_closed', named.closed),
    entry('customer_replied', 'assignee'),
    entry('sla_breach', 'assignee'),
    entry('due_date', 'assignee'),
  ];
}
