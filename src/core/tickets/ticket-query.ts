import type { Channel, StatusCategory } from '../../db/database.ts';
import type { Actor } from '../shared/actor.ts';
import { AppError } from '../shared/app-error.ts';
import type { TicketFilters } from './ticket.repository.ts';
import {
  CHANNELS,
  FLAGS,
  type Flag,
  PRIORITIES,
  type Priority,
  priorityRank,
  STATUS_CATEGORIES,
} from './ticket-vocabulary.ts';

/**
 * A queue query as clients and saved views write it: lists of values, with the words `me`
 * (assignee), `mine` (my departments) and `none` (empty) allowed where they make sense.
 */
export interface TicketQuery {
  /** Only these tickets (a search's hits). */
  id?: string[];
  statusCategory?: string[];
  statusId?: string[];
  departmentId?: string[];
  assigneeId?: string[];
  organizationId?: string[];
  requesterId?: string[];
  tagsAll?: string[];
  tagsAny?: string[];
  priority?: string[];
  typeId?: string[];
  categoryId?: string[];
  flag?: string[];
  channel?: string[];
  createdFrom?: string;
  createdTo?: string;
  updatedFrom?: string;
  updatedTo?: string;
  dueBefore?: string;
  /** SLA states of the nearest target: ok, warning, breached, paused. */
  slaState?: string[];
  /** 003: 24 h without a reply or note. */
  stale?: boolean;
}

// Not a possible id (ids are UUIDs), so filtering on it matches nothing.
const NO_MATCH = '~no-match~';

function checkedList<T extends string>(
  field: string,
  values: string[] | undefined,
  allowed: readonly T[],
): T[] | undefined {
  if (!values) return undefined;
  const bad = values.filter((v) => !(allowed as readonly string[]).includes(v));
  if (bad.length > 0) {
    throw new AppError('VALIDATION_FAILED', `${field} must be among ${allowed.join(', ')} (got ${bad.join(', ')})`, {
      field,
    });
  }
  return values as T[];
}

function checkedTime(field: string, value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) throw new AppError('VALIDATION_FAILED', `${field} must be an ISO 8601 date or time`, { field });
  return new Date(ms).toISOString();
}

const noneToNull = (values: string[]) => values.map((v) => (v === 'none' ? null : v));

/** Turns a query into database filters for one actor (`me`, `mine` are theirs). */
export function resolveTicketQuery(query: TicketQuery, actor: Actor): TicketFilters {
  // `me` and `mine` of someone with no id or no department match no ticket (not every ticket).
  const me = actor.kind === 'agent' ? actor.id : NO_MATCH;
  const myDepartments = actor.kind === 'agent' && actor.departmentIds.length > 0 ? actor.departmentIds : [NO_MATCH];
  const priorities = checkedList<Priority>('priority', query.priority, PRIORITIES);
  return {
    id: query.id,
    statusCategory: checkedList<StatusCategory>('statusCategory', query.statusCategory, STATUS_CATEGORIES),
    statusId: query.statusId,
    departmentId:
      query.departmentId && noneToNull(query.departmentId.flatMap((d) => (d === 'mine' ? myDepartments : [d]))),
    assigneeId: query.assigneeId && noneToNull(query.assigneeId.map((a) => (a === 'me' ? me : a))),
    organizationId: query.organizationId,
    requesterId: query.requesterId,
    tagsAll: query.tagsAll?.map((t) => normalizeTag(t)),
    tagsAny: query.tagsAny?.map((t) => normalizeTag(t)),
    priorityRank: priorities?.map(priorityRank),
    typeId: query.typeId,
    categoryId: query.categoryId,
    flag: query.flag && (noneToNull(checkedList('flag', query.flag, [...FLAGS, 'none']) ?? []) as (Flag | null)[]),
    channel: checkedList<Channel>('channel', query.channel, CHANNELS),
    createdFrom: checkedTime('createdFrom', query.createdFrom),
    createdTo: checkedTime('createdTo', query.createdTo),
    updatedFrom: checkedTime('updatedFrom', query.updatedFrom),
    updatedTo: checkedTime('updatedTo', query.updatedTo),
    dueBefore: checkedTime('dueBefore', query.dueBefore),
    slaState: checkedList('slaState', query.slaState, ['ok', 'warning', 'breached', 'paused']),
    stale: query.stale,
  };
}

/** Tags are stored lower case with dashes for spaces: " Soporte Web " → "soporte-web". */
export function normalizeTag(tag: string): string {
  const value = tag.trim().toLowerCase().replace(/\s+/g, '-');
  if (!value || value.length > 60) {
    throw new AppError('VALIDATION_FAILED', `"${tag}" is not a valid tag (1 to 60 characters)`, { field: 'tags' });
  }
  return value;
}
