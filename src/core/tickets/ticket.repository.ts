import { type ExpressionBuilder, type Insertable, type Selectable, type SqlBool, sql, type Updateable } from 'kysely';
import { dialectOf } from '../../db/create-db.ts';
import type { Channel, Database, Db, StatusCategory, TicketsTable } from '../../db/database.ts';
import { insertRows, preparedQuery } from '../../db/prepared-query.ts';
import type { Actor } from '../shared/actor.ts';
import { type Flag, UNSOLVED_CATEGORIES } from './ticket-vocabulary.ts';

/** A ticket as stored, with its tags, followers and CCs; names of statuses etc. are added by the service. */
export interface TicketRecord {
  id: string;
  number: string;
  subject: string;
  statusId: string;
  statusCategory: StatusCategory;
  priorityRank: number;
  typeId: string | null;
  categoryId: string | null;
  departmentId: string | null;
  assigneeId: string | null;
  requesterId: string;
  organizationId: string | null;
  channel: Channel;
  flag: Flag | null;
  dueAt: string | null;
  customFields: Record<string, unknown>;
  tags: string[];
  followerIds: string[];
  ccContactIds: string[];
  splitFromId: string | null;
  mergedIntoId: string | null;
  firstResponseAt: string | null;
  solvedAt: string | null;
  closedAt: string | null;
  createdAt: string;
  updatedAt: string;
  /** Kept by the SLA engine (0005-automation): the nearest open target, its state, and 003's stale mark. */
  slaDueAt?: string | null;
  slaState?: string | null;
  stale?: boolean;
  /** 003: its place among its account's tickets of its type waiting for their turn; null once in work. */
  queuePosition?: number | null;
}

/** A queue row: the ticket with the names a table shows. */
export interface TicketRow extends TicketRecord {
  requesterName: string | null;
  organizationName: string | null;
  assigneeName: string | null;
  assigneeInitials: string | null;
  departmentName: string | null;
}

export interface TicketFilters {
  id?: string[];
  statusCategory?: StatusCategory[];
  statusId?: string[];
  /** `null` in the list means "no department". */
  departmentId?: (string | null)[];
  /** `null` in the list means "unassigned". */
  assigneeId?: (string | null)[];
  organizationId?: string[];
  requesterId?: string[];
  tagsAll?: string[];
  tagsAny?: string[];
  priorityRank?: number[];
  typeId?: string[];
  categoryId?: string[];
  /** `null` in the list means "no flag". */
  flag?: (Flag | null)[];
  channel?: Channel[];
  createdFrom?: string;
  createdTo?: string;
  updatedFrom?: string;
  updatedTo?: string;
  dueBefore?: string;
  slaState?: string[];
  stale?: boolean;
}

export type TicketSort = 'updated' | 'created' | 'priority' | 'due' | 'number';

const FAR_FUTURE = '9999-12-31T23:59:59.999Z';

type Eb = ExpressionBuilder<Database, 'tickets'>;
type SortKey = { expr: ReturnType<typeof sql>; dir: 'asc' | 'desc'; of: (r: TicketRecord) => string | number };

// Keyset pagination keys per sort; the id always ends the key so it is unique.
const SORT_KEYS: Record<TicketSort, SortKey[]> = {
  updated: [
    { expr: sql`tickets.updated_at`, dir: 'desc', of: (r) => r.updatedAt },
    { expr: sql`tickets.id`, dir: 'desc', of: (r) => r.id },
  ],
  created: [
    { expr: sql`tickets.created_at`, dir: 'desc', of: (r) => r.createdAt },
    { expr: sql`tickets.id`, dir: 'desc', of: (r) => r.id },
  ],
  priority: [
    { expr: sql`tickets.priority`, dir: 'desc', of: (r) => r.priorityRank },
    { expr: sql`tickets.updated_at`, dir: 'desc', of: (r) => r.updatedAt },
    { expr: sql`tickets.id`, dir: 'desc', of: (r) => r.id },
  ],
  due: [
    { expr: sql`coalesce(tickets.due_at, ${FAR_FUTURE})`, dir: 'asc', of: (r) => r.dueAt ?? FAR_FUTURE },
    { expr: sql`tickets.id`, dir: 'asc', of: (r) => r.id },
  ],
  // Newest number first; by length first, so OP10000 comes after OP9999 whatever the text order.
  number: [
    { expr: sql`length(tickets.number)`, dir: 'desc', of: (r) => r.number.length },
    { expr: sql`tickets.number`, dir: 'desc', of: (r) => r.number },
    { expr: sql`tickets.id`, dir: 'desc', of: (r) => r.id },
  ],
};

export function sortKeyOf(sort: TicketSort, record: TicketRecord): (string | number)[] {
  return SORT_KEYS[sort].map((key) => key.of(record));
}

function toRecord(row: Selectable<TicketsTable>): Omit<TicketRecord, 'followerIds' | 'ccContactIds'> {
  return {
    id: row.id,
    number: row.number,
    subject: row.subject,
    statusId: row.status_id,
    statusCategory: row.status_category,
    priorityRank: Number(row.priority),
    typeId: row.type_id,
    categoryId: row.category_id,
    departmentId: row.department_id,
    assigneeId: row.assignee_id,
    requesterId: row.requester_id,
    organizationId: row.organization_id,
    channel: row.channel,
    flag: row.flag,
    dueAt: row.due_at,
    customFields: JSON.parse(row.custom_fields) as Record<string, unknown>,
    tags: JSON.parse(row.tags) as string[],
    splitFromId: row.split_from_id,
    mergedIntoId: row.merged_into_id,
    firstResponseAt: row.first_response_at,
    solvedAt: row.solved_at,
    closedAt: row.closed_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    slaDueAt: row.sla_due_at ?? null,
    slaState: row.sla_state ?? null,
    stale: Number(row.stale) === 1,
    queuePosition: row.queue_position === null || row.queue_position === undefined ? null : Number(row.queue_position),
  };
}

function toColumns(t: Partial<TicketRecord>): Updateable<TicketsTable> {
  const c: Updateable<TicketsTable> = {};
  if (t.subject !== undefined) c.subject = t.subject;
  if (t.statusId !== undefined) c.status_id = t.statusId;
  if (t.statusCategory !== undefined) c.status_category = t.statusCategory;
  if (t.priorityRank !== undefined) c.priority = t.priorityRank;
  if (t.typeId !== undefined) c.type_id = t.typeId;
  if (t.categoryId !== undefined) c.category_id = t.categoryId;
  if (t.departmentId !== undefined) c.department_id = t.departmentId;
  if (t.assigneeId !== undefined) c.assignee_id = t.assigneeId;
  if (t.requesterId !== undefined) c.requester_id = t.requesterId;
  if (t.organizationId !== undefined) c.organization_id = t.organizationId;
  if (t.channel !== undefined) c.channel = t.channel;
  if (t.flag !== undefined) c.flag = t.flag;
  if (t.dueAt !== undefined) c.due_at = t.dueAt;
  if (t.customFields !== undefined) c.custom_fields = JSON.stringify(t.customFields);
  if (t.tags !== undefined) c.tags = JSON.stringify(t.tags);
  if (t.splitFromId !== undefined) c.split_from_id = t.splitFromId;
  if (t.mergedIntoId !== undefined) c.merged_into_id = t.mergedIntoId;
  if (t.firstResponseAt !== undefined) c.first_response_at = t.firstResponseAt;
  if (t.solvedAt !== undefined) c.solved_at = t.solvedAt;
  if (t.closedAt !== undefined) c.closed_at = t.closedAt;
  if (t.updatedAt !== undefined) c.updated_at = t.updatedAt;
  return c;
}

/** The SQL form of `canSeeTicket` (ticket.policy.ts), so lists and counts filter in the database. */
export function visibleTo(actor: Actor) {
  return (eb: Eb) => {
    if (actor.kind === 'system' || (actor.kind === 'agent' && actor.role !== 'agent')) return eb.lit(true);
    if (actor.kind === 'agent') {
      // Column tests first, the follower lookup last: SQLite evaluates OR terms in order.
      const ors = [
        ...(actor.departmentIds.length > 0 ? [eb('tickets.department_id', 'in', actor.departmentIds)] : []),
        eb('tickets.department_id', 'is', null),
        eb('tickets.assignee_id', '=', actor.id),
        eb.exists(
          eb
            .selectFrom('ticket_followers')
            .select('ticket_followers.agent_id')
            .whereRef('ticket_followers.ticket_id', '=', 'tickets.id')
            .where('ticket_followers.agent_id', '=', actor.id),
        ),
      ];
      return eb.or(ors);
    }
    const ors = [
      eb('tickets.requester_id', '=', actor.id),
      eb.exists(
        eb
          .selectFrom('ticket_ccs')
          .select('ticket_ccs.contact_id')
          .whereRef('ticket_ccs.ticket_id', '=', 'tickets.id')
          .where('ticket_ccs.contact_id', '=', actor.id),
      ),
    ];
    if (actor.organizationRole !== 'member' && actor.organizationId) {
      ors.push(eb('tickets.organization_id', '=', actor.organizationId));
    }
    return eb.or(ors);
  };
}

function nullableIn<C extends 'tickets.department_id' | 'tickets.assignee_id' | 'tickets.flag'>(
  eb: Eb,
  column: C,
  values: (string | null)[],
) {
  const present = values.filter((v): v is string => v !== null);
  const ors = [];
  if (present.length > 0) ors.push(eb(column, 'in', present as never[]));
  if (values.includes(null)) ors.push(eb(column, 'is', null));
  return eb.or(ors);
}

const CATEGORY_ORDER: readonly StatusCategory[] = ['new', 'open', 'pending', 'on_hold', 'solved', 'closed'];

/**
 * The categories as SQL literals in one fixed order, so "open work" reads exactly like the WHERE of
 * the partial queue indexes (migration 0006) and both planners use them; with bound parameters they
 * cannot prove the match. Only the six known words are ever written. For queries on `tickets`.
 */
export function statusCategoryIn(categories: readonly StatusCategory[]) {
  const known = CATEGORY_ORDER.filter((c) => categories.includes(c));
  if (known.length === 0) return sql<SqlBool>`false`;
  return sql<SqlBool>`tickets.status_category in (${sql.raw(known.map((c) => `'${c}'`).join(', '))})`;
}

/**
 * Open work without a department or an assignee to search by ("Todos abiertos", "Pendientes de
 * revisión", "Incumplen SLA pronto") is written as its complement, which no index can search: with
 * `in (…)` both SQLite's planners (with statistics or without) merged the four ranges of
 * `(status_category, updated_at)` and sorted every open ticket for a page of 50. The complement is
 * the WHERE of the partial indexes of migration 0054, already in view order, so SQLite walks one and
 * stops after the page. `status_category` is NOT NULL and checked against the six words.
 */
function statusCategoryTerm(f: TicketFilters) {
  const categories = f.statusCategory ?? [];
  const openWork =
    UNSOLVED_CATEGORIES.every((c) => categories.includes(c)) &&
    categories.every((c) => UNSOLVED_CATEGORIES.includes(c));
  if (openWork && !f.departmentId?.length && !f.assigneeId?.length) {
    return sql<SqlBool>`tickets.status_category not in ('solved', 'closed')`;
  }
  return statusCategoryIn(categories);
}

const AT_RISK = ['breached', 'warning'];

/**
 * States within warning and breach carry the literal WHERE of the at-risk index (migration 0055):
 * neither planner can prove a bound list implies it, and without it "Incumplen SLA pronto" walked
 * every open ticket in priority order.
 */
function slaStateTerm(eb: Eb, states: string[]) {
  const atRisk = sql<SqlBool>`tickets.sla_state in ('breached', 'warning')`;
  const wanted = new Set(states);
  if (![...wanted].every((state) => AT_RISK.includes(state))) return eb('tickets.sla_state', 'in', states);
  return wanted.size === AT_RISK.length ? atRisk : eb.and([atRisk, eb('tickets.sla_state', 'in', states)]);
}

/** The WHERE of `TicketFilters` on `tickets`, shared by queues and reports. */
export function applyFilters(eb: Eb, f: TicketFilters) {
  const and: ReturnType<Eb['and']>[] = [];
  const push = (e: unknown) => and.push(e as ReturnType<Eb['and']>);
  if (f.id) push(f.id.length > 0 ? eb('tickets.id', 'in', f.id) : eb.lit(false));
  if (f.statusCategory?.length) push(statusCategoryTerm(f));
  if (f.statusId?.length) push(eb('tickets.status_id', 'in', f.statusId));
  if (f.departmentId?.length) push(nullableIn(eb, 'tickets.department_id', f.departmentId));
  if (f.assigneeId?.length) push(nullableIn(eb, 'tickets.assignee_id', f.assigneeId));
  if (f.flag?.length) push(nullableIn(eb, 'tickets.flag', f.flag));
  if (f.organizationId?.length) push(eb('tickets.organization_id', 'in', f.organizationId));
  if (f.requesterId?.length) push(eb('tickets.requester_id', 'in', f.requesterId));
  if (f.priorityRank?.length) push(eb('tickets.priority', 'in', f.priorityRank));
  if (f.typeId?.length) push(eb('tickets.type_id', 'in', f.typeId));
  if (f.categoryId?.length) push(eb('tickets.category_id', 'in', f.categoryId));
  if (f.channel?.length) push(eb('tickets.channel', 'in', f.channel));
  if (f.createdFrom) push(eb('tickets.created_at', '>=', f.createdFrom));
  if (f.createdTo) push(eb('tickets.created_at', '<', f.createdTo));
  if (f.updatedFrom) push(eb('tickets.updated_at', '>=', f.updatedFrom));
  if (f.updatedTo) push(eb('tickets.updated_at', '<', f.updatedTo));
  if (f.dueBefore) push(eb('tickets.due_at', '<', f.dueBefore));
  if (f.slaState?.length) push(slaStateTerm(eb, f.slaState));
  if (f.stale !== undefined) push(eb('tickets.stale', '=', f.stale ? 1 : 0));
  for (const tag of f.tagsAll ?? []) {
    push(
      eb.exists(
        eb
          .selectFrom('ticket_tags')
          .select('ticket_tags.tag')
          .whereRef('ticket_tags.ticket_id', '=', 'tickets.id')
          .where('ticket_tags.tag', '=', tag),
      ),
    );
  }
  if (f.tagsAny?.length) {
    push(
      eb.exists(
        eb
          .selectFrom('ticket_tags')
          .select('ticket_tags.tag')
          .whereRef('ticket_tags.ticket_id', '=', 'tickets.id')
          .where('ticket_tags.tag', 'in', f.tagsAny),
      ),
    );
  }
  return eb.and(and);
}

function afterCursor(sort: TicketSort, cursor: (string | number)[]) {
  const keys = SORT_KEYS[sort];
  // (k1 after c1) or (k1 = c1 and k2 after c2) or …
  const ors = keys.map((key, i) => {
    const equal = keys.slice(0, i).map((k, j) => sql`${k.expr} = ${cursor[j]}`);
    const after = sql`${key.expr} ${sql.raw(key.dir === 'desc' ? '<' : '>')} ${cursor[i]}`;
    return sql.join([...equal, after], sql` and `);
  });
  return sql<SqlBool>`(${sql.join(
    ors.map((o) => sql`(${o})`),
    sql` or `,
  )})`;
}

/**
 * A ticket's followers and CCs as JSON arrays, read by the statement that reads the ticket: they
 * were two more statements (round trips on PostgreSQL) for every ticket read, 6 of a create's.
 */
function peopleOf(db: Db) {
  const ids = (table: 'ticket_followers' | 'ticket_ccs', column: 'agent_id' | 'contact_id') =>
    dialectOf(db) === 'postgres'
      ? sql<unknown>`(select coalesce(json_agg(${sql.ref(column)}), '[]') from ${sql.table(table)} where ${sql.ref(`${table}.ticket_id`)} = tickets.id)`
      : sql<unknown>`(select json_group_array(${sql.ref(column)}) from ${sql.table(table)} where ${sql.ref(`${table}.ticket_id`)} = tickets.id)`;
  return [ids('ticket_followers', 'agent_id').as('follower_ids'), ids('ticket_ccs', 'contact_id').as('cc_contact_ids')];
}

/** SQLite gives the arrays as JSON text, PostgreSQL as parsed JSON; sorted as the key orders them. */
function withPeople<T extends Omit<TicketRecord, 'followerIds' | 'ccContactIds'>>(
  record: T,
  row: { follower_ids: unknown; cc_contact_ids: unknown },
): T & Pick<TicketRecord, 'followerIds' | 'ccContactIds'> {
  const list = (value: unknown) =>
    (typeof value === 'string' ? (JSON.parse(value) as string[]) : (value as string[])).sort();
  return Object.assign(record, { followerIds: list(row.follower_ids), ccContactIds: list(row.cc_contact_ids) });
}

// Read several times by every ticket write (the write, its rules, its notices).
const findTicket = preparedQuery((db, p: { id: string }) =>
  db.selectFrom('tickets').selectAll().select(peopleOf(db)).where('id', '=', p.id),
);

export function ticketRepository(db: Db) {
  async function addTags(ticketId: string, tags: string[]): Promise<void> {
    await insertRows(
      db,
      'ticket_tags',
      tags.map((tag) => ({ ticket_id: ticketId, tag })),
    );
  }

  async function addFollowers(ticketId: string, agentIds: string[]): Promise<void> {
    await insertRows(
      db,
      'ticket_followers',
      agentIds.map((agent_id) => ({ ticket_id: ticketId, agent_id })),
    );
  }

  async function addCcs(ticketId: string, contactIds: string[]): Promise<void> {
    await insertRows(
      db,
      'ticket_ccs',
      contactIds.map((contact_id) => ({ ticket_id: ticketId, contact_id })),
    );
  }

  return {
    async insert(t: TicketRecord): Promise<void> {
      await insertRows(db, 'tickets', [
        { ...toColumns(t), id: t.id, number: t.number, created_at: t.createdAt } as Insertable<TicketsTable>,
      ]);
      // A new ticket has no rows to replace: only insert what it has.
      await addTags(t.id, t.tags);
      await addFollowers(t.id, t.followerIds);
      await addCcs(t.id, t.ccContactIds);
    },

    async find(id: string): Promise<TicketRecord | undefined> {
      const [row] = (await findTicket(db, { id })).rows;
      return row && withPeople(toRecord(row), row);
    },

    async findMany(ids: string[]): Promise<TicketRecord[]> {
      if (ids.length === 0) return [];
      const rows = await db.selectFrom('tickets').selectAll().select(peopleOf(db)).where('id', 'in', ids).execute();
      return rows.map((row) => withPeople(toRecord(row), row));
    },

    async update(id: string, changes: Partial<TicketRecord>): Promise<void> {
      const columns = toColumns(changes);
      if (Object.keys(columns).length > 0) {
        await db.updateTable('tickets').set(columns).where('id', '=', id).execute();
      }
      if (changes.tags !== undefined) await this.setTags(id, changes.tags);
      if (changes.followerIds !== undefined) await this.setFollowers(id, changes.followerIds);
      if (changes.ccContactIds !== undefined) await this.setCcs(id, changes.ccContactIds);
    },

    async setTags(ticketId: string, tags: string[]): Promise<void> {
      await db.deleteFrom('ticket_tags').where('ticket_id', '=', ticketId).execute();
      await addTags(ticketId, tags);
    },

    async setFollowers(ticketId: string, agentIds: string[]): Promise<void> {
      await db.deleteFrom('ticket_followers').where('ticket_id', '=', ticketId).execute();
      await addFollowers(ticketId, agentIds);
    },

    async setCcs(ticketId: string, contactIds: string[]): Promise<void> {
      await db.deleteFrom('ticket_ccs').where('ticket_id', '=', ticketId).execute();
      await addCcs(ticketId, contactIds);
    },

    async list(opts: {
      actor: Actor;
      filters: TicketFilters;
      sort: TicketSort;
      after?: (string | number)[];
      limit: number;
    }): Promise<TicketRow[]> {
      // The page is chosen first and only its rows get the names: joined before the limit,
      // PostgreSQL hashed every contact for every matching ticket (43 ms for "Sin asignar" at
      // 100 k tickets, 113 ms at 1 M; bench/README.md).
      let page = db
        .selectFrom('tickets')
        .selectAll('tickets')
        .where(visibleTo(opts.actor))
        .where((eb) => applyFilters(eb, opts.filters))
        .limit(opts.limit);
      if (opts.after) page = page.where(afterCursor(opts.sort, opts.after));
      for (const key of SORT_KEYS[opts.sort]) page = page.orderBy(key.expr, key.dir);
      let query = db
        .selectFrom(page.as('tickets'))
        .leftJoin('contacts', 'contacts.id', 'tickets.requester_id')
        .leftJoin('organizations', 'organizations.id', 'tickets.organization_id')
        .leftJoin('agents', 'agents.id', 'tickets.assignee_id')
        .leftJoin('departments', 'departments.id', 'tickets.department_id')
        .selectAll('tickets')
        .select(peopleOf(db))
        .select([
          'contacts.name as requester_name',
          'organizations.name as organization_name',
          'agents.name as assignee_name',
          'agents.initials as assignee_initials',
          'departments.name as department_name',
        ]);
      for (const key of SORT_KEYS[opts.sort]) query = query.orderBy(key.expr, key.dir);
      const rows = await query.execute();
      return rows.map((row) =>
        Object.assign(withPeople(toRecord(row), row), {
          requesterName: row.requester_name,
          organizationName: row.organization_name,
          assigneeName: row.assignee_name,
          assigneeInitials: row.assignee_initials,
          departmentName: row.department_name,
        }),
      );
    },

    /** Which of `ids` the actor may see: one light query instead of loading every candidate's row. */
    async visibleIds(actor: Actor, ids: string[]): Promise<Set<string>> {
      if (ids.length === 0) return new Set();
      const rows = await db.selectFrom('tickets').select('id').where('id', 'in', ids).where(visibleTo(actor)).execute();
      return new Set(rows.map((row) => row.id));
    },

    /** How many tickets match, counting no further than `upTo`: a count costs at most that many index entries. */
    async count(actor: Actor, filters: TicketFilters, upTo: number): Promise<number> {
      const matching = db
        .selectFrom('tickets')
        .select('tickets.id')
        .where(visibleTo(actor))
        .where((eb) => applyFilters(eb, filters))
        .limit(upTo);
      const row = await db
        .selectFrom(matching.as('matching'))
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirst();
      return Number(row?.n ?? 0);
    },

    /** Tickets merged into this one (the other half of the two-way link). */
    async mergedInto(ticketId: string): Promise<{ id: string; number: string }[]> {
      return db
        .selectFrom('tickets')
        .select(['id', 'number'])
        .where('merged_into_id', '=', ticketId)
        .orderBy('number')
        .execute();
    },

    async splitsOf(ticketId: string): Promise<{ id: string; number: string }[]> {
      return db
        .selectFrom('tickets')
        .select(['id', 'number'])
        .where('split_from_id', '=', ticketId)
        .orderBy('number')
        .execute();
    },

    /** Tickets that follow this one up (an accounting escalation, a reply to a closed ticket). */
    async followUpsOf(ticketId: string): Promise<{ id: string; number: string }[]> {
      return db
        .selectFrom('tickets')
        .select(['id', 'number'])
        .where('follow_up_of_id', '=', ticketId)
        .orderBy('number')
        .execute();
    },

    /** The ticket this one follows up, if any. */
    async followUpOf(ticketId: string): Promise<{ id: string; number: string } | null> {
      const row = await db
        .selectFrom('tickets as t')
        .innerJoin('tickets as original', 'original.id', 't.follow_up_of_id')
        .select(['original.id', 'original.number'])
        .where('t.id', '=', ticketId)
        .executeTakeFirst();
      return row ?? null;
    },

    async numberOf(id: string): Promise<string | undefined> {
      const row = await db.selectFrom('tickets').select('number').where('id', '=', id).executeTakeFirst();
      return row?.number;
    },
  };
}
