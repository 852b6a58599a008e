import { type ConditionGroup, validateConditions } from '../conditions/conditions.ts';
import { AppError } from '../shared/app-error.ts';
import { FLAGS, PRIORITIES } from '../tickets/ticket-vocabulary.ts';

export type TriggerEvent =
  | 'created'
  | 'updated'
  | 'message_from_customer'
  | 'message_from_agent'
  | 'satisfaction_rated';
export const TRIGGER_EVENTS: readonly TriggerEvent[] = [
  'created',
  'updated',
  'message_from_customer',
  'message_from_agent',
  // The requester answered the satisfaction survey (issue 15): e.g. a bad rating tells the supervisors.
  'satisfaction_rated',
];

/** Who hears from a rule: the requester, the assignee, the department, its supervisors, named agents. */
export type Recipient = 'requester' | 'assignee' | 'department' | 'supervisors' | { agentId: string };

/** `{ type: 'set', field: 'assignee', value: ACCOUNT_LEADER }`: the ticket's organization's account leader (003). */
export const ACCOUNT_LEADER = 'account_leader';

export type SettableField = 'status' | 'priority' | 'type' | 'category' | 'department' | 'assignee' | 'flag';
const SETTABLE: readonly SettableField[] = ['status', 'priority', 'type', 'category', 'department', 'assignee', 'flag'];

/**
 * `override`: the action changes a field even when the agent set that field in the same request
 * (issue 13: by default the agent's explicit choice wins over a rule).
 */
export type Action =
  | { type: 'set'; field: SettableField; value: string | null; override?: boolean }
  | { type: 'assign'; strategy: 'least_open' | 'round_robin'; department?: string; override?: boolean }
  | { type: 'assign_by_keyword'; override?: boolean }
  | { type: 'tags'; add?: string[]; remove?: string[] }
  | { type: 'note'; body: string }
  | { type: 'email'; template: string; to: Recipient[] }
  | { type: 'notify'; to: Recipient[]; title: string }
  | { type: 'webhook'; url: string; secret: string };

/** What a time rule does to the tickets that are due. */
export type TimeSchedule =
  | { kind: 'close_solved'; days: number }
  | { kind: 'pending_reminder'; remindAfterDays: number; solveAfterDays: number };

export interface Rule {
  id: string;
  kind: 'trigger' | 'time';
  name: string;
  position: number;
  active: boolean;
  events: TriggerEvent[];
  conditions: ConditionGroup;
  actions: Action[];
  schedule: TimeSchedule | null;
}

/** `details.value` is the quoted culprit of the message, so translated messages can name it too. */
function refuse(message: string, field: string): AppError {
  const value = /"([^"]*)"/.exec(message)?.[1] ?? null;
  return new AppError('RULE_INVALID', message, { field, value, named: value === null ? '' : ` («${value}»)` });
}

function validRecipients(to: unknown, field: string) {
  if (!Array.isArray(to) || to.length === 0) throw refuse(`${field}: name at least one recipient`, field);
  for (const [i, r] of to.entries()) {
    const ok =
      r === 'requester' ||
      r === 'assignee' ||
      r === 'department' ||
      r === 'supervisors' ||
      (typeof r === 'object' && r !== null && typeof (r as { agentId?: unknown }).agentId === 'string');
    if (!ok) throw refuse(`${field}[${i}]: unknown recipient ${JSON.stringify(r)}`, `${field}[${i}]`);
  }
}

/** Refuses a rule that could never run, naming the part that is wrong. */
export function validateRule(rule: Omit<Rule, 'id' | 'position'>): void {
  if (!rule.name.trim()) throw refuse('The rule needs a name', 'name');
  validateConditions(rule.conditions);
  if (rule.kind === 'trigger') {
    if (rule.events.length === 0) throw refuse('A trigger needs at least one event', 'events');
    for (const [i, event] of rule.events.entries()) {
      if (!TRIGGER_EVENTS.includes(event)) throw refuse(`events[${i}]: unknown event "${event}"`, `events[${i}]`);
    }
    if (rule.actions.length === 0) throw refuse('A trigger needs at least one action', 'actions');
  } else {
    const s = rule.schedule;
    if (!s) throw refuse('A time rule needs a schedule', 'schedule');
    if (s.kind === 'close_solved' && !(s.days > 0)) throw refuse('schedule.days must be more than 0', 'schedule.days');
    if (s.kind === 'pending_reminder' && !(s.remindAfterDays > 0 && s.solveAfterDays > s.remindAfterDays)) {
      throw refuse('schedule: the reminder must come before solving, both after 0 days', 'schedule');
    }
    if (s.kind !== 'close_solved' && s.kind !== 'pending_reminder') {
      throw refuse(`schedule: unknown kind "${(s as { kind: string }).kind}"`, 'schedule.kind');
    }
  }
  for (const [i, action] of rule.actions.entries()) {
    const at = `actions[${i}]`;
    const override = (action as { override?: unknown }).override;
    if (override !== undefined && typeof override !== 'boolean') {
      throw refuse(`${at}: override must be true or false`, `${at}.override`);
    }
    switch (action.type) {
      case 'set':
        if (!SETTABLE.includes(action.field)) throw refuse(`${at}: unknown field "${action.field}"`, `${at}.field`);
        if (action.field === 'priority' && !PRIORITIES.includes(action.value as never)) {
          throw refuse(`${at}: unknown priority "${action.value}"`, `${at}.value`);
        }
        if (action.field === 'flag' && action.value !== null && !FLAGS.includes(action.value as never)) {
          throw refuse(`${at}: unknown flag "${action.value}"`, `${at}.value`);
        }
        break;
      case 'assign':
        if (action.strategy !== 'least_open' && action.strategy !== 'round_robin') {
          throw refuse(`${at}: unknown strategy "${action.strategy}"`, `${at}.strategy`);
        }
        break;
      case 'assign_by_keyword':
        break;
      case 'tags':
        if (!action.add?.length && !action.remove?.length) throw refuse(`${at}: no tags to add or remove`, at);
        break;
      case 'note':
        if (!action.body?.trim()) throw refuse(`${at}: the note is empty`, `${at}.body`);
        break;
      case 'email':
        if (!action.template?.trim()) throw refuse(`${at}: name a template`, `${at}.template`);
        validRecipients(action.to, `${at}.to`);
        break;
      case 'notify':
        if (!action.title?.trim()) throw refuse(`${at}: the notification needs a title`, `${at}.title`);
        validRecipients(action.to, `${at}.to`);
        break;
      case 'webhook':
        if (!/^https?:\/\/\S+$/.test(action.url ?? ''))
          throw refuse(`${at}: "${action.url}" is not a URL`, `${at}.url`);
        if (!action.secret || action.secret.length < 16) {
          throw refuse(`${at}: the signing secret needs at least 16 characters`, `${at}.secret`);
        }
        break;
      default:
        throw refuse(`${at}: unknown action "${(action as { type: string }).type}"`, `${at}.type`);
    }
  }
}

const seedTrigger = (
  name: string,
  events: TriggerEvent[],
  conditions: ConditionGroup,
  actions: Action[],
): Omit<Rule, 'id' | 'position'> => ({
  kind: 'trigger',
  name,
  active: true,
  events,
  conditions,
  actions,
  schedule: null,
});

/** The rules the seeds describe, seeded as data an admin may change. */
export const DEFAULT_RULES: Omit<Rule, 'id' | 'position'>[] = [
  // 001 (weknow): the priority follows the type; an agent may still raise a Problema to Crítica.
  seedTrigger(
    'Prioridad Normal para Tarea y Extras',
    ['created', 'updated'],
    {
      all: [
        { field: 'type', op: 'changed' },
        { field: 'type', op: 'in', value: ['Tarea', 'Extras'] },
      ],
    },
    [{ type: 'set', field: 'priority', value: 'normal' }],
  ),
  seedTrigger(
    'Prioridad Urgente para Problema y Configuración',
    ['created', 'updated'],
    {
      all: [
        { field: 'type', op: 'changed' },
        { field: 'type', op: 'in', value: ['Problema', 'Configuración'] },
        { field: 'priority', op: 'lte', value: 'alta' },
      ],
    },
    [{ type: 'set', field: 'priority', value: 'urgente' }],
  ),
  // 004 (Cimatic, Anexo A): a module code in the description assigns the consultant who knows it.
  seedTrigger(
    'Anexo A: asignar por código de módulo',
    ['created'],
    { all: [{ field: 'assigneeId', op: 'is_empty' }] },
    [{ type: 'assign_by_keyword' }],
  ),
  // 001 (weknow)'s notification matrix is not a trigger: see core/notifications (per department).
  {
    kind: 'time',
    name: 'Cerrar resueltos tras 4 días',
    active: true,
    events: [],
    conditions: {},
    actions: [],
    schedule: { kind: 'close_solved', days: 4 },
  },
  {
    kind: 'time',
    name: 'Recordar pendientes y resolver sin respuesta',
    active: false,
    events: [],
    conditions: {},
    actions: [],
    schedule: { kind: 'pending_reminder', remindAfterDays: 3, solveAfterDays: 7 },
  },
];
