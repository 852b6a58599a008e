import { AppError } from '../shared/app-error.ts';

/**
 * One condition language for triggers, SLA policies and time rules (Zammad's lesson): groups of
 * `all`/`any` over the fields of a ticket and of the event that touched it.
 */
export type Operator =
  | 'is'
  | 'is_not'
  | 'in'
  | 'not_in'
  | 'is_set'
  | 'is_empty'
  | 'contains'
  | 'contains_any'
  | 'starts_with'
  | 'matches'
  | 'includes'
  | 'excludes'
  | 'gte'
  | 'lte'
  | 'changed'
  | 'changed_to'
  | 'changed_from';

export interface Condition {
  field: string;
  op: Operator;
  value?: unknown;
}

export interface ConditionGroup {
  all?: ConditionNode[];
  any?: ConditionNode[];
}

export type ConditionNode = Condition | ConditionGroup;

/** What a condition looks at: the ticket (names, not ids, for vocabularies) and the event. */
export interface ConditionContext {
  ticket: {
    subject: string;
    description: string;
    status: string;
    statusCategory: string;
    priority: string;
    type: string | null;
    category: string | null;
    departmentId: string | null;
    assigneeId: string | null;
    organizationId: string | null;
    requesterId: string;
    channel: string;
    flag: string | null;
    tags: string[];
  };
  organizationTier: string | null;
  /** 003: the organization's account leader (an agent id), to compare with the assignee. */
  accountLeaderId?: string | null;
  /** The requester's answer to the satisfaction survey: good, bad, or null before any. */
  satisfaction: string | null;
  /** created | updated | message_from_customer | message_from_agent | satisfaction_rated */
  event: string;
  changes: { field: string; from: string | null; to: string | null }[];
  businessHoursNow: boolean;
  /** Local time of the ticket's calendar: hour 0–23 and ISO weekday 1–7. */
  hour: number;
  weekday: number;
}

type Reader = (ctx: ConditionContext) => unknown;

const FIELDS: Record<string, Reader> = {
  subject: (c) => c.ticket.subject,
  description: (c) => c.ticket.description,
  text: (c) => `${c.ticket.subject}\n${c.ticket.description}`,
  status: (c) => c.ticket.status,
  statusCategory: (c) => c.ticket.statusCategory,
  priority: (c) => c.ticket.priority,
  type: (c) => c.ticket.type,
  category: (c) => c.ticket.category,
  departmentId: (c) => c.ticket.departmentId,
  assigneeId: (c) => c.ticket.assigneeId,
  organizationId: (c) => c.ticket.organizationId,
  requesterId: (c) => c.ticket.requesterId,
  channel: (c) => c.ticket.channel,
  flag: (c) => c.ticket.flag,
  tags: (c) => c.ticket.tags,
  'organization.tier': (c) => c.organizationTier,
  'organization.accountLeaderId': (c) => c.accountLeaderId ?? null,
  satisfaction: (c) => c.satisfaction,
  event: (c) => c.event,
  businessHoursNow: (c) => c.businessHoursNow,
  'time.hour': (c) => c.hour,
  'time.weekday': (c) => c.weekday,
};

/** Fields whose changes a condition may test (`changed`, `changed_to`, `changed_from`). */
const CHANGEABLE = new Set([
  'subject',
  'status',
  'priority',
  'type',
  'category',
  'departmentId',
  'assigneeId',
  'channel',
  'flag',
  'tags',
  'requesterId',
  'satisfaction',
]);

export const CONDITION_FIELDS = Object.keys(FIELDS);

const NEEDS_LIST = new Set<Operator>(['in', 'not_in', 'contains_any', 'starts_with']);
const NO_VALUE = new Set<Operator>(['is_set', 'is_empty', 'changed']);
const OPERATORS = new Set<Operator>([
  'is',
  'is_not',
  'in',
  'not_in',
  'is_set',
  'is_empty',
  'contains',
  'contains_any',
  'starts_with',
  'matches',
  'includes',
  'excludes',
  'gte',
  'lte',
  'changed',
  'changed_to',
  'changed_from',
]);

function isGroup(node: ConditionNode): node is ConditionGroup {
  return !('field' in node);
}

/** `details.value` is the quoted culprit of the message, so translated messages can name it too. */
function refuse(message: string, field: string): AppError {
  const value = /"([^"]*)"/.exec(message)?.[1] ?? null;
  return new AppError('RULE_INVALID', message, { field, value, named: value === null ? '' : ` («${value}»)` });
}

/**
 * Refuses conditions that could never run, naming the place: an unknown field or operator, a
 * list operator without a list, a regular expression that does not compile.
 */
export function validateConditions(node: ConditionNode | undefined, path = 'conditions'): void {
  if (node === undefined) return;
  if (isGroup(node)) {
    for (const key of ['all', 'any'] as const) {
      const children = node[key];
      if (children === undefined) continue;
      if (!Array.isArray(children)) throw refuse(`${path}.${key} must be a list`, `${path}.${key}`);
      for (const [i, child] of children.entries()) validateConditions(child, `${path}.${key}[${i}]`);
    }
    return;
  }
  const { field, op, value } = node;
  const changeTest = op === 'changed' || op === 'changed_to' || op === 'changed_from';
  if (changeTest ? !CHANGEABLE.has(field) : !Object.hasOwn(FIELDS, field)) {
    throw refuse(`${path}: unknown field "${field}"`, `${path}.field`);
  }
  if (!OPERATORS.has(op)) throw refuse(`${path}: unknown operator "${op}"`, `${path}.op`);
  if (NEEDS_LIST.has(op) && !Array.isArray(value)) throw refuse(`${path}: "${op}" needs a list`, `${path}.value`);
  if (!NO_VALUE.has(op) && !NEEDS_LIST.has(op) && value === undefined) {
    throw refuse(`${path}: "${op}" needs a value`, `${path}.value`);
  }
  if (op === 'matches') {
    try {
      new RegExp(String(value), 'iu');
    } catch (error) {
      throw refuse(
        `${path}: the regular expression "${String(value)}" is not valid (${(error as Error).message})`,
        `${path}.value`,
      );
    }
  }
}

function fold(value: unknown): string {
  return String(value ?? '')
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase();
}

function same(a: unknown, b: unknown): boolean {
  if (typeof a === 'boolean' || typeof b === 'boolean' || typeof a === 'number') return a === b;
  return a !== null && a !== undefined && fold(a) === fold(b);
}

const PRIORITY_ORDER = ['baja', 'normal', 'alta', 'urgente', 'critica'];

function compare(a: unknown, b: unknown): number {
  const pa = PRIORITY_ORDER.indexOf(fold(a));
  const pb = PRIORITY_ORDER.indexOf(fold(b));
  if (pa >= 0 && pb >= 0) return pa - pb;
  return Number(a) - Number(b);
}

/** Whole-word, accent- and case-blind "contains" (so `SL-AP` does not match `SL-APS`). */
function containsWord(text: unknown, word: unknown): boolean {
  const needle = fold(word).trim();
  if (!needle) return false;
  const escaped = needle.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(^|[^\\p{L}\\p{N}-])${escaped}($|[^\\p{L}\\p{N}-])`, 'u').test(fold(text));
}

/** Whole-word, accent- and case-blind "begins with": `Cotización de licencias` starts with `cotizacion`. */
function startsWithWords(text: unknown, words: unknown): boolean {
  const needle = fold(words).trim();
  if (!needle) return false;
  const escaped = needle.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  // A reply's or forward's prefix ("RE:", "RV:", "Fwd:") is not how the subject starts.
  const start = fold(text).replace(/^(\s*(re|rv|fw|fwd|tr)\s*:)+/u, '');
  return new RegExp(`^[^\\p{L}\\p{N}]*${escaped}($|[^\\p{L}\\p{N}-])`, 'u').test(start.trim());
}

function test(condition: Condition, ctx: ConditionContext): boolean {
  const { field, op, value } = condition;
  if (op === 'changed' || op === 'changed_to' || op === 'changed_from') {
    const change = ctx.changes.find((c) => c.field === field);
    if (!change) return false;
    if (op === 'changed') return true;
    return same(op === 'changed_to' ? change.to : change.from, value);
  }
  const actual = (FIELDS[field] as Reader)(ctx);
  const list = Array.isArray(value) ? value : [value];
  switch (op) {
    case 'is':
      return same(actual, value);
    case 'is_not':
      return !same(actual, value);
    case 'in':
      return list.some((v) => same(actual, v));
    case 'not_in':
      return !list.some((v) => same(actual, v));
    case 'is_set':
      return Array.isArray(actual) ? actual.length > 0 : actual !== null && actual !== undefined && actual !== '';
    case 'is_empty':
      return Array.isArray(actual) ? actual.length === 0 : actual === null || actual === undefined || actual === '';
    case 'contains':
      return containsWord(actual, value);
    case 'contains_any':
      return list.some((v) => containsWord(actual, v));
    case 'starts_with':
      return list.some((v) => startsWithWords(actual, v));
    case 'matches':
      return new RegExp(String(value), 'iu').test(String(actual ?? ''));
    case 'includes':
      return Array.isArray(actual) && actual.some((v) => same(v, value));
    case 'excludes':
      return !(Array.isArray(actual) && actual.some((v) => same(v, value)));
    case 'gte':
      return actual !== null && compare(actual, value) >= 0;
    case 'lte':
      return actual !== null && compare(actual, value) <= 0;
  }
}

/** True when the ticket and event satisfy the conditions; no conditions matches everything. */
export function matches(node: ConditionNode | undefined, ctx: ConditionContext): boolean {
  if (node === undefined) return true;
  if (!isGroup(node)) return test(node, ctx);
  const all = node.all ?? [];
  const any = node.any ?? [];
  return all.every((n) => matches(n, ctx)) && (any.length === 0 || any.some((n) => matches(n, ctx)));
}
