/**
 * What the condition editor offers: the fields the server's one condition language reads
 * (src/core/conditions/conditions.ts, FIELDS and CHANGEABLE; a test keeps the two lists equal), the
 * operators that make sense for each, and what kind of value each takes.
 */

import type { Operator } from '../../../../src/core/conditions/conditions.ts';

export type { Operator };

/** Where the choices of a value come from. */
export type ValueSource =
  | 'text'
  | 'number'
  | 'boolean'
  | 'statuses'
  | 'statusCategories'
  | 'priorities'
  | 'types'
  | 'categories'
  | 'departments'
  | 'agents'
  | 'channels'
  | 'flags'
  | 'tiers'
  | 'events'
  | 'ratings'
  | 'weekdays';

export type FieldName =
  | 'text'
  | 'subject'
  | 'description'
  | 'status'
  | 'statusCategory'
  | 'priority'
  | 'type'
  | 'category'
  | 'departmentId'
  | 'assigneeId'
  | 'organizationId'
  | 'requesterId'
  | 'channel'
  | 'flag'
  | 'tags'
  | 'organization.tier'
  | 'organization.accountLeaderId'
  | 'satisfaction'
  | 'event'
  | 'businessHoursNow'
  | 'time.hour'
  | 'time.weekday';

export type FieldSpec = { field: FieldName; source: ValueSource; operators: readonly Operator[] };

const CHANGES: Operator[] = ['changed', 'changed_to', 'changed_from'];
const CHOICE: Operator[] = ['is', 'is_not', 'in', 'not_in'];
const OPTIONAL: Operator[] = ['is_set', 'is_empty'];

export const CONDITION_FIELDS: readonly FieldSpec[] = [
  { field: 'text', source: 'text', operators: ['contains', 'contains_any', 'matches'] },
  {
    field: 'subject',
    source: 'text',
    operators: ['contains', 'contains_any', 'starts_with', 'matches', 'is', 'is_not', 'changed'],
  },
  {
    field: 'description',
    source: 'text',
    operators: ['contains', 'contains_any', 'starts_with', 'matches', ...OPTIONAL],
  },
  { field: 'status', source: 'statuses', operators: [...CHOICE, ...CHANGES] },
  { field: 'statusCategory', source: 'statusCategories', operators: CHOICE },
  { field: 'priority', source: 'priorities', operators: [...CHOICE, 'gte', 'lte', ...CHANGES] },
  { field: 'type', source: 'types', operators: [...CHOICE, ...OPTIONAL, ...CHANGES] },
  { field: 'category', source: 'categories', operators: [...CHOICE, ...OPTIONAL, ...CHANGES] },
  { field: 'departmentId', source: 'departments', operators: [...CHOICE, ...OPTIONAL, ...CHANGES] },
  { field: 'assigneeId', source: 'agents', operators: [...CHOICE, ...OPTIONAL, ...CHANGES] },
  { field: 'organizationId', source: 'text', operators: ['is', 'is_not', ...OPTIONAL] },
  { field: 'requesterId', source: 'text', operators: ['is', 'is_not', 'changed'] },
  { field: 'channel', source: 'channels', operators: [...CHOICE, ...CHANGES] },
  { field: 'flag', source: 'flags', operators: ['is', 'is_not', ...OPTIONAL, ...CHANGES] },
  { field: 'tags', source: 'text', operators: ['includes', 'excludes', ...OPTIONAL, 'changed'] },
  { field: 'organization.tier', source: 'tiers', operators: ['is', 'is_not', ...OPTIONAL] },
  { field: 'organization.accountLeaderId', source: 'agents', operators: ['is', 'is_not', ...OPTIONAL] },
  { field: 'satisfaction', source: 'ratings', operators: ['is', 'is_not', ...OPTIONAL, ...CHANGES] },
  { field: 'event', source: 'events', operators: CHOICE },
  { field: 'businessHoursNow', source: 'boolean', operators: ['is'] },
  { field: 'time.hour', source: 'number', operators: ['gte', 'lte', 'is'] },
  { field: 'time.weekday', source: 'weekdays', operators: [...CHOICE, 'gte', 'lte'] },
];

const NO_VALUE = new Set<Operator>(['is_set', 'is_empty', 'changed']);
const LIST = new Set<Operator>(['in', 'not_in', 'contains_any', 'starts_with']);

export function needsValue(op: Operator): boolean {
  return !NO_VALUE.has(op);
}

export function takesList(op: Operator): boolean {
  return LIST.has(op);
}

export function specOf(field: string): FieldSpec | undefined {
  return CONDITION_FIELDS.find((f) => f.field === field);
}

export type ConditionDraft = { field: string; op: Operator; value?: unknown };

/** The value carried over when the operator changes between one value and a list. */
export function valueFor(op: Operator, previous: unknown): unknown {
  if (!needsValue(op)) return undefined;
  if (takesList(op)) {
    if (Array.isArray(previous)) return previous;
    return previous === undefined || previous === '' ? [] : [previous];
  }
  return Array.isArray(previous) ? previous[0] : previous;
}
