import type { Channel, Db } from '../../db/database.ts';
import { assertCan, assertMayReadTickets } from '../accounts/access.policy.ts';
import { agentRepository } from '../accounts/agent.repository.ts';
import { explicitFields } from '../automation/explicit-choice.ts';
import { findOrCreateContact, getContactSummaries, type RequesterInput } from '../contacts/contact.commands.ts';
import type { AttachmentStore } from '../conversation/attachment-storage.ts';
import {
  checkFiles,
  insertIndexedMessage,
  messageIdsOf,
  moveMessages,
  type NewAttachment,
  preparedFiles,
  safeHtml,
  storeFiles,
} from '../conversation/message.commands.ts';
import { departmentRepository } from '../departments/department.repository.ts';
import { findOrCreateOrganizationByName } from '../organizations/organization.commands.ts';
import { outboxRepository } from '../outbox/outbox.repository.ts';
import { type Satisfaction, satisfactionRepository } from '../satisfaction/satisfaction.repository.ts';
import { type SearchDocument, searchIndexRepository } from '../search/search-index.repository.ts';
import type { Actor } from '../shared/actor.ts';
import { AppError } from '../shared/app-error.ts';
import { type CoreDeps, inTransaction, type RuleChange, type UnitOfWork } from '../shared/core-deps.ts';
import { newId } from '../shared/ids.ts';
import { decodeCursor, encodeCursor, type Page } from '../shared/pagination.ts';
import { statusOnAssignment } from './assignment-status.ts';
import { type CustomFieldValues, checkCustomFields, keepFieldsOf } from './custom-fields.ts';
import { loadVisibleTicket } from './ticket.access.ts';
import {
  sortKeyOf,
  type TicketFilters,
  type TicketRecord,
  type TicketRow,
  type TicketSort,
  ticketRepository,
} from './ticket.repository.ts';
import { type HistoryEntry, type TicketChange, ticketHistoryRepository } from './ticket-history.repository.ts';
import { normalizeTag, resolveTicketQuery, type TicketQuery } from './ticket-query.ts';
import { findByIdOrName, type TicketSettingsService, type Vocabulary } from './ticket-settings.service.ts';
import { ticketVocabularyRepository } from './ticket-vocabulary.repository.ts';
import { type Flag, type Priority, priorityOf, priorityRank } from './ticket-vocabulary.ts';

/** A ticket as the API shows it: ids plus the names of its status, type and category. */
export interface Ticket extends Omit<TicketRecord, 'priorityRank'> {
  status: string;
  priority: Priority;
  type: string | null;
  category: string | null;
  /** The requester's survey answer; only a single ticket's read carries it (not lists). */
  satisfaction?: Satisfaction | null;
}

export interface TicketListItem extends Ticket {
  requester: { id: string; name: string | null };
  organization: { id: string; name: string | null } | null;
  assignee: { id: string; name: string | null; initials: string | null } | null;
  department: { id: string; name: string | null } | null;
}

/** Fields an agent may set on create and change later. Status, type and category: id or name. */
export interface TicketFields {
  subject?: string;
  status?: string;
  priority?: Priority;
  type?: string | null;
  category?: string | null;
  departmentId?: string | null;
  assigneeId?: string | null;
  channel?: Channel;
  tags?: string[];
  flag?: Flag | null;
  dueAt?: string | null;
  customFields?: CustomFieldValues;
  followerIds?: string[];
  ccContactIds?: string[];
}

export interface NewTicket extends TicketFields {
  subject: string;
  body: string;
  bodyHtml?: string;
  requester: RequesterInput;
  /** An organization for a requester who has none yet, by id or by name (created when new). */
  organization?: { id?: string; name?: string };
  /** Files of the first message (the portal's form); they need `store` in the options. */
  attachments?: NewAttachment[];
}

export interface TicketChanges extends TicketFields {
  requesterId?: string;
  tagsAdd?: string[];
  tagsRemove?: string[];
}

export interface CreateTicketOptions {
  /** false: the caller decides about the acknowledgement (the email channel's loop guards). */
  acknowledge?: boolean;
  /** More work in the ticket's transaction (the email channel links the raw mail and its Message-ID). */
  within?: (uow: UnitOfWork, ticket: TicketRecord) => Promise<void>;
  /**
   * A first status chosen once the requester (and so their organization) is known; undefined keeps
   * the usual one. The email channel's "Sin contrato" triage.
   */
  statusFor?: (trx: Db, requester: { organizationId: string | null }) => Promise<string | undefined>;
  /** Where the first message's attachments go. */
  store?: AttachmentStore;
}

/** A ticket just saved, with what rules changed in the same save (the console shows it at once). */
export interface SavedTicket extends Ticket {
  ruleChanges: Omit<RuleChange, 'ticketId'>[];
}

export const BULK_LIMIT = 500;

function changesOf(uow: UnitOfWork, ticketId: string): SavedTicket['ruleChanges'] {
  return uow.ruleChanges.filter((c) => c.ticketId === ticketId).map(({ ticketId: _ticket, ...change }) => change);
}

function present(ticket: TicketRecord, vocabulary: Vocabulary): Ticket {
  // Fresh objects are extended in place: a queue page presents 50 tickets of ~35 fields, and each
  // spread copy of them showed in the bench's profile.
  const { priorityRank: rank, ...rest } = ticket;
  return Object.assign(rest, {
    status: vocabulary.statuses.find((s) => s.id === ticket.statusId)?.name ?? ticket.statusId,
    priority: priorityOf(rank),
    type: vocabulary.types.find((t) => t.id === ticket.typeId)?.name ?? null,
    category: vocabulary.categories.find((c) => c.id === ticket.categoryId)?.name ?? null,
  });
}

function presentRow(row: TicketRow, vocabulary: Vocabulary): TicketListItem {
  const { requesterName, organizationName, assigneeName, assigneeInitials, departmentName, ...record } = row;
  return Object.assign(present(record, vocabulary), {
    requester: { id: row.requesterId, name: requesterName },
    organization: row.organizationId ? { id: row.organizationId, name: organizationName } : null,
    assignee: row.assigneeId ? { id: row.assigneeId, name: assigneeName, initials: assigneeInitials } : null,
    department: row.departmentId ? { id: row.departmentId, name: departmentName } : null,
  });
}

function via(actor: Actor): string {
  return actor.kind === 'contact' ? 'portal' : actor.kind === 'system' ? 'system' : 'console';
}

function uniqueTags(tags: string[]): string[] {
  return [...new Set(tags.map(normalizeTag))].sort();
}

function sameList(a: string[], b: string[]): boolean {
  return a.length === b.length && [...a].sort().join('\u0000') === [...b].sort().join('\u0000');
}

export function createTicketService(deps: CoreDeps & { settings: TicketSettingsService }) {
  /** Validates references (department, agents, contacts) named by a write; 422 names the field. */
  async function checkReferences(db: Db, fields: TicketFields & { requesterId?: string }) {
    const missing = (field: string, id: string) =>
      new AppError('REFERENCE_NOT_FOUND', `${field} refers to ${id}, which does not exist`, { field, id });
    if (fields.departmentId) {
      const department = await departmentRepository(db).find(fields.departmentId);
      if (!department) throw missing('departmentId', fields.departmentId);
    }
    const agents = agentRepository(db);
    for (const [field, ids] of [
      ['assigneeId', fields.assigneeId ? [fields.assigneeId] : []],
      ['followerIds', fields.followerIds ?? []],
    ] as const) {
      for (const id of ids) {
        const agent = await agents.find(id);
        if (!agent?.active) throw missing(field, id);
      }
    }
    const contactIds = [...(fields.ccContactIds ?? []), ...(fields.requesterId ? [fields.requesterId] : [])];
    if (contactIds.length > 0) {
      const found = await getContactSummaries(db, contactIds);
      const absent = contactIds.find((id) => !found.has(id));
      if (absent) throw missing(fields.requesterId === absent ? 'requesterId' : 'ccContactIds', absent);
    }
  }

  function resolveVocabulary(vocabulary: Vocabulary, fields: TicketFields) {
    const pick = <T extends { id: string; name: string; active: boolean }>(
      items: T[],
      value: string,
      field: string,
    ) => {
      const item = findByIdOrName(items, value);
      if (!item?.active) {
        throw new AppError('REFERENCE_NOT_FOUND', `${field} "${value}" does not exist`, { field, value });
      }
      return item;
    };
    return {
      status: fields.status === undefined ? undefined : pick(vocabulary.statuses, fields.status, 'status'),
      type:
        fields.type === undefined
          ? undefined
          : fields.type === null
            ? null
            : pick(vocabulary.types, fields.type, 'type'),
      category:
        fields.category === undefined
          ? undefined
          : fields.category === null
            ? null
            : pick(vocabulary.categories, fields.category, 'category'),
    };
  }

  /** The seed rules every ticket obeys, whatever changed it. */
  function assertRules(vocabulary: Vocabulary, ticket: TicketRecord, before?: TicketRecord) {
    const type = vocabulary.types.find((t) => t.id === ticket.typeId);
    // Checked when a status or type is chosen: the account-limit queue (003) may hold one there.
    const chosen = !before || before.statusId !== ticket.statusId || before.typeId !== ticket.typeId;
    if (chosen && type?.barredStatusIds.includes(ticket.statusId)) {
      // 003: a Soporte ticket can never be in BACKLOG.
      const status = vocabulary.statuses.find((s) => s.id === ticket.statusId)?.name ?? ticket.statusId;
      throw new AppError('STATUS_NOT_ALLOWED_FOR_TYPE', `A ${type.name} ticket cannot be in ${status}`, {
        type: type.name,
        status,
      });
    }
    const definitions = vocabulary.fields.filter((f) => f.typeId === ticket.typeId);
    const problems = checkCustomFields(definitions, ticket.customFields);
    if (problems.length > 0) {
      const fields = problems.map((p) => p.label).join(', ');
      throw new AppError('CUSTOM_FIELDS_INVALID', `Custom fields missing or invalid: ${fields}`, { fields, problems });
    }
  }

  /** Applies `changes` to `current` in memory: the new record and the list of what changed. */
  function applyChanges(
    vocabulary: Vocabulary,
    current: TicketRecord,
    changes: TicketChanges,
    now: string,
  ): { next: TicketRecord; diff: TicketChange[] } {
    const resolved = resolveVocabulary(vocabulary, changes);
    const next: TicketRecord = { ...current };
    if (changes.subject !== undefined) next.subject = changes.subject.trim();
    if (resolved.status) {
      next.statusId = resolved.status.id;
      next.statusCategory = resolved.status.category;
    }
    if (changes.priority !== undefined) next.priorityRank = priorityRank(changes.priority);
    if (resolved.type !== undefined) next.typeId = resolved.type?.id ?? null;
    if (resolved.category !== undefined) next.categoryId = resolved.category?.id ?? null;
    if (changes.departmentId !== undefined) next.departmentId = changes.departmentId;
    if (changes.assigneeId !== undefined) next.assigneeId = changes.assigneeId;
    const taken = statusOnAssignment(vocabulary, current, next);
    if (taken) Object.assign(next, { statusId: taken.id, statusCategory: taken.category });
    if (changes.requesterId !== undefined) next.requesterId = changes.requesterId;
    if (changes.channel !== undefined) next.channel = changes.channel;
    if (changes.flag !== undefined) next.flag = changes.flag;
    if (changes.dueAt !== undefined) next.dueAt = changes.dueAt && new Date(changes.dueAt).toISOString();
    if (changes.followerIds !== undefined) next.followerIds = [...new Set(changes.followerIds)];
    if (changes.ccContactIds !== undefined) next.ccContactIds = [...new Set(changes.ccContactIds)];
    let tags = changes.tags === undefined ? next.tags : uniqueTags(changes.tags);
    if (changes.tagsAdd) tags = uniqueTags([...tags, ...changes.tagsAdd]);
    if (changes.tagsRemove) {
      const remove = new Set(changes.tagsRemove.map(normalizeTag));
      tags = tags.filter((t) => !remove.has(t));
    }
    next.tags = tags;
    if (changes.customFields !== undefined || resolved.type !== undefined) {
      const merged = { ...next.customFields, ...changes.customFields };
      for (const [key, value] of Object.entries(changes.customFields ?? {})) if (value === null) delete merged[key];
      // A new type keeps only the values its own fields define.
      next.customFields =
        resolved.type !== undefined
          ? keepFieldsOf(
              vocabulary.fields.filter((f) => f.typeId === next.typeId),
              merged,
            )
          : merged;
    }
    if (next.statusCategory !== current.statusCategory) {
      next.solvedAt =
        next.statusCategory === 'solved' ? now : next.statusCategory === 'closed' ? current.solvedAt : null;
      next.closedAt = next.statusCategory === 'closed' ? now : null;
    }

    const name = (items: { id: string; name: string }[], id: string | null) =>
      id === null ? null : (items.find((i) => i.id === id)?.name ?? id);
    const diff: TicketChange[] = [];
    const compare = (field: string, from: string | null, to: string | null) => {
      if (from !== to) diff.push({ field, from, to });
    };
    compare('subject', current.subject, next.subject);
    compare('status', name(vocabulary.statuses, current.statusId), name(vocabulary.statuses, next.statusId));
    compare('priority', priorityOf(current.priorityRank), priorityOf(next.priorityRank));
    compare('type', name(vocabulary.types, current.typeId), name(vocabulary.types, next.typeId));
    compare('category', name(vocabulary.categories, current.categoryId), name(vocabulary.categories, next.categoryId));
    compare('departmentId', current.departmentId, next.departmentId);
    compare('assigneeId', current.assigneeId, next.assigneeId);
    compare('requesterId', current.requesterId, next.requesterId);
    compare('channel', current.channel, next.channel);
    compare('flag', current.flag, next.flag);
    compare('dueAt', current.dueAt, next.dueAt);
    if (!sameList(current.tags, next.tags))
      diff.push({ field: 'tags', from: current.tags.join(', '), to: next.tags.join(', ') });
    if (!sameList(current.followerIds, next.followerIds)) {
      diff.push({ field: 'followerIds', from: current.followerIds.join(', '), to: next.followerIds.join(', ') });
    }
    if (!sameList(current.ccContactIds, next.ccContactIds)) {
      diff.push({ field: 'ccContactIds', from: current.ccContactIds.join(', '), to: next.ccContactIds.join(', ') });
    }
    const keys = new Set([...Object.keys(current.customFields), ...Object.keys(next.customFields)]);
    for (const key of keys) {
      const from = current.customFields[key] === undefined ? null : JSON.stringify(current.customFields[key]);
      const to = next.customFields[key] === undefined ? null : JSON.stringify(next.customFields[key]);
      compare(`customFields.${key}`, from, to);
    }
    if (diff.length > 0) next.updatedAt = now;
    return { next, diff };
  }

  /** Loads, changes, checks and saves one ticket inside the caller's transaction. */
  async function changeTicket(
    uow: UnitOfWork,
    actor: Actor,
    vocabulary: Vocabulary,
    idOrNumber: string,
    changes: TicketChanges,
  ): Promise<{ ticket: TicketRecord; diff: TicketChange[] }> {
    const ref = await loadVisibleTicket(uow.trx, actor, idOrNumber);
    const tickets = ticketRepository(uow.trx);
    const current = (await tickets.find(ref.id)) as TicketRecord;
    const { next, diff } = applyChanges(vocabulary, current, changes, uow.now);
    if (diff.length === 0) return { ticket: current, diff };
    assertRules(vocabulary, next, current);
    if (next.requesterId !== current.requesterId) {
      const requester = (await getContactSummaries(uow.trx, [next.requesterId])).get(next.requesterId);
      next.organizationId = requester?.organizationId ?? null;
    }
    await tickets.update(next.id, next);
    await ticketHistoryRepository(uow.trx).record({
      ticketId: next.id,
      actor,
      via: via(actor),
      now: uow.now,
      changes: diff,
    });
    if (diff.some((d) => d.field === 'subject')) await searchIndexRepository(uow.trx).upsert(ticketDocument(next));
    uow.emit({
      type: 'ticket.updated',
      ticketId: next.id,
      organizationId: next.organizationId,
      actor,
      data: { number: next.number, changes: diff.map((d) => d.field) },
    });
    await deps.hooks?.afterTicketWrite(uow, {
      kind: 'updated',
      ticketId: next.id,
      actor,
      changes: diff,
      explicit: explicitFields(actor, changes),
    });
    return { ticket: (await tickets.find(next.id)) as TicketRecord, diff };
  }

  /** The ticket's own search entry: its number and subject. */
  function ticketDocument(ticket: TicketRecord): SearchDocument {
    return {
      kind: 'ticket',
      ref_id: ticket.id,
      ticket_id: ticket.id,
      organization_id: ticket.organizationId,
      visibility: 'public',
      title: `${ticket.number} ${ticket.subject}`,
      body: '',
    };
  }

  /** Inserts a new ticket with its first message (the customer's words), history, index and outbox. */
  async function insertTicket(
    uow: UnitOfWork,
    actor: Actor,
    vocabulary: Vocabulary,
    base: TicketRecord,
    firstMessage: { body: string; bodyHtml?: string; attachments?: NewAttachment[]; store?: AttachmentStore } | null,
    explicit: readonly string[] = [],
  ) {
    const repo = ticketVocabularyRepository(uow.trx);
    const prefix = (await uow.cache.get('numberPrefix', () => repo.numberPrefix())) ?? '';
    const ticket: TicketRecord = { ...base, number: `${prefix}${await repo.takeNextNumber()}` };
    assertRules(vocabulary, ticket);
    await ticketRepository(uow.trx).insert(ticket);
    await searchIndexRepository(uow.trx).insert(ticketDocument(ticket));
    if (firstMessage) {
      const messageId = newId();
      await insertIndexedMessage(uow.trx, ticket, {
        id: messageId,
        ticketId: ticket.id,
        kind: 'reply',
        authorKind: 'contact',
        authorAgentId: null,
        authorContactId: ticket.requesterId,
        channel: ticket.channel,
        body: firstMessage.body,
        html: await safeHtml(firstMessage.bodyHtml),
        activity: null,
        createdAt: uow.now,
      });
      const files = firstMessage.attachments ?? [];
      if (files.length > 0 && firstMessage.store) {
        await storeFiles(uow.trx, firstMessage.store, messageId, preparedFiles(files), uow.now);
      }
    }
    await ticketHistoryRepository(uow.trx).record({
      ticketId: ticket.id,
      actor,
      via: via(actor),
      now: uow.now,
      changes: [{ field: 'created', from: null, to: ticket.number }],
    });
    uow.emit({
      type: 'ticket.created',
      ticketId: ticket.id,
      organizationId: ticket.organizationId,
      actor,
      data: { number: ticket.number, subject: ticket.subject, departmentId: ticket.departmentId },
    });
    await deps.hooks?.afterTicketWrite(uow, { kind: 'created', ticketId: ticket.id, actor, changes: [], explicit });
    return (await ticketRepository(uow.trx).find(ticket.id)) as TicketRecord;
  }

  function assertSubject(subject: string) {
    if (!subject.trim()) throw new AppError('VALIDATION_FAILED', 'The subject must not be empty', { field: 'subject' });
  }

  /** Opens a ticket once the caller's right to open it is checked (`create`, `createForContact`). */
  async function openTicket(actor: Actor, input: NewTicket, opts: CreateTicketOptions): Promise<SavedTicket> {
    assertSubject(input.subject);
    checkFiles(input.attachments ?? [], opts.store);
    if (!input.body.trim()) throw new AppError('VALIDATION_FAILED', 'The body must not be empty', { field: 'body' });
    const vocabulary = await deps.settings.vocabulary();
    const resolved = resolveVocabulary(vocabulary, input);
    const usualStatus =
      resolved.status ??
      vocabulary.statuses.find((s) => s.active && s.category === (input.assigneeId ? 'open' : 'new'));
    if (!usualStatus) throw new AppError('UNPROCESSABLE', 'No active status to open the ticket with');

    const ticket = await inTransaction(deps, async (uow) => {
      await checkReferences(uow.trx, input);
      let organizationId = input.organization?.id;
      if (!organizationId && input.organization?.name) {
        organizationId = (
          await findOrCreateOrganizationByName(uow.trx, uow.now, input.organization.name, uow.emit, actor)
        ).organization.id;
      }
      const { contact } = await findOrCreateContact(
        uow.trx,
        uow.now,
        { ...input.requester, organizationId },
        uow.emit,
        actor,
      );
      const chosenId = await opts.statusFor?.(uow.trx, contact);
      const status = vocabulary.statuses.find((s) => s.id === chosenId) ?? usualStatus;
      const base: TicketRecord = {
        id: newId(),
        number: '',
        subject: input.subject.trim(),
        statusId: status.id,
        statusCategory: status.category,
        priorityRank: priorityRank(input.priority ?? 'normal'),
        typeId: resolved.type?.id ?? null,
        categoryId: resolved.category?.id ?? null,
        departmentId: input.departmentId ?? null,
        assigneeId: input.assigneeId ?? null,
        requesterId: contact.id,
        organizationId: contact.organizationId,
        channel: input.channel ?? (actor.kind === 'contact' ? 'portal' : 'phone'),
        flag: input.flag ?? null,
        dueAt: input.dueAt ? new Date(input.dueAt).toISOString() : null,
        customFields: input.customFields ?? {},
        tags: uniqueTags(input.tags ?? []),
        followerIds: [...new Set(input.followerIds ?? [])],
        ccContactIds: [...new Set(input.ccContactIds ?? [])],
        splitFromId: null,
        mergedIntoId: null,
        firstResponseAt: null,
        solvedAt: status.category === 'solved' ? uow.now : null,
        closedAt: status.category === 'closed' ? uow.now : null,
        createdAt: uow.now,
        updatedAt: uow.now,
      };
      const created = await insertTicket(
        uow,
        actor,
        vocabulary,
        base,
        { ...input, store: opts.store },
        explicitFields(actor, input),
      );
      // The acknowledgement names the ticket (OpenPyme's text); the email channel sends it.
      if (contact.primaryEmail && created.channel !== 'internal' && opts.acknowledge !== false) {
        await outboxRepository(uow.trx).add({
          type: 'email.acknowledgement@1',
          payload: { ticketId: created.id, to: contact.primaryEmail },
          ticketId: created.id,
          now: uow.now,
        });
      }
      await opts.within?.(uow, created);
      return { ...created, ruleChanges: changesOf(uow, created.id) };
    });
    const { ruleChanges, ...record } = ticket;
    return Object.assign(present(record, vocabulary), { ruleChanges });
  }

  return {
    /**
     * Opens a ticket for a requester (found or created by email/phone, with an organization made on
     * the fly if new). An agent writing for a customer ("as user/phone", seed 001) writes the body
     * in the customer's words: the first message is the requester's.
     */
    async create(actor: Actor, input: NewTicket, opts: CreateTicketOptions = {}): Promise<SavedTicket> {
      assertCan(actor, 'tickets.write');
      return openTicket(actor, input, opts);
    },

    /**
     * A customer opens a ticket for themselves (the portal): they are its requester, it arrives by
     * the portal, and nothing staff decide (department, assignee, tags…) can be set. Which types,
     * categories and priorities a customer may choose is the portal's rule (src/core/portal).
     */
    async createForContact(
      actor: Extract<Actor, { kind: 'contact' }>,
      input: Pick<NewTicket, 'subject' | 'body' | 'priority' | 'type' | 'category' | 'customFields' | 'attachments'>,
      opts: { store?: AttachmentStore } = {},
    ): Promise<SavedTicket> {
      return openTicket(actor, { ...input, requester: { id: actor.id }, channel: 'portal' }, opts);
    },

    async get(actor: Actor, idOrNumber: string): Promise<Ticket> {
      assertMayReadTickets(actor);
      const ref = await loadVisibleTicket(deps.db, actor, idOrNumber);
      const ticket = (await ticketRepository(deps.db).find(ref.id)) as TicketRecord;
      const satisfaction = await satisfactionRepository(deps.db).current(ticket.id);
      return { ...present(ticket, await deps.settings.vocabulary()), satisfaction };
    },

    /** The links a ticket page shows: merged from/into, split from/into, follow-up of / followed up by. */
    async links(actor: Actor, idOrNumber: string) {
      const ref = await loadVisibleTicket(deps.db, actor, idOrNumber);
      const tickets = ticketRepository(deps.db);
      const record = (await tickets.find(ref.id)) as TicketRecord;
      const numbered = async (id: string | null) => (id ? { id, number: (await tickets.numberOf(id)) ?? '' } : null);
      return {
        mergedInto: await numbered(record.mergedIntoId),
        mergedFrom: await tickets.mergedInto(ref.id),
        splitFrom: await numbered(record.splitFromId),
        splitInto: await tickets.splitsOf(ref.id),
        followUpOf: await tickets.followUpOf(ref.id),
        followUps: await tickets.followUpsOf(ref.id),
      };
    },

    /** Changes a ticket inside the caller's transaction (automation rules). */
    async changeWithin(uow: UnitOfWork, actor: Actor, idOrNumber: string, changes: TicketChanges) {
      await checkReferences(uow.trx, changes);
      return changeTicket(uow, actor, await ticketVocabularyRepository(uow.trx).load(), idOrNumber, changes);
    },

    async update(actor: Actor, idOrNumber: string, changes: TicketChanges): Promise<SavedTicket> {
      assertCan(actor, 'tickets.write');
      if (changes.subject !== undefined) assertSubject(changes.subject);
      const vocabulary = await deps.settings.vocabulary();
      const { ticket, ruleChanges } = await inTransaction(deps, async (uow) => {
        await checkReferences(uow.trx, changes);
        const result = await changeTicket(uow, actor, vocabulary, idOrNumber, changes);
        return { ...result, ruleChanges: changesOf(uow, result.ticket.id) };
      });
      return Object.assign(present(ticket, vocabulary), { ruleChanges });
    },

    /** "Take": assign the ticket to me (weknow). */
    async take(actor: Actor, idOrNumber: string): Promise<Ticket> {
      if (actor.kind !== 'agent') throw new AppError('FORBIDDEN', 'Only agents can take tickets');
      return this.update(actor, idOrNumber, { assigneeId: actor.id });
    },

    /** "Dispatch": hand the ticket to another agent and/or department, with an optional internal note. */
    async dispatch(
      actor: Actor,
      idOrNumber: string,
      input: { assigneeId?: string | null; departmentId?: string | null; note?: string },
    ): Promise<Ticket> {
      assertCan(actor, 'tickets.write');
      if (input.assigneeId === undefined && input.departmentId === undefined) {
        throw new AppError('VALIDATION_FAILED', 'Give an agent, a department or both', { field: 'assigneeId' });
      }
      const vocabulary = await deps.settings.vocabulary();
      const { ticket } = await inTransaction(deps, async (uow) => {
        await checkReferences(uow.trx, input);
        const result = await changeTicket(uow, actor, vocabulary, idOrNumber, {
          // A department without an agent: its queue gets the ticket, nobody keeps it (issue 13).
          assigneeId: input.assigneeId === undefined && input.departmentId ? null : input.assigneeId,
          departmentId: input.departmentId,
        });
        if (input.note?.trim()) {
          await insertIndexedMessage(uow.trx, result.ticket, {
            id: newId(),
            ticketId: result.ticket.id,
            kind: 'note',
            authorKind: actor.kind === 'agent' ? 'agent' : 'system',
            authorAgentId: actor.kind === 'agent' ? actor.id : null,
            authorContactId: null,
            channel: 'internal',
            body: input.note.trim(),
            html: null,
            activity: null,
            createdAt: uow.now,
          });
        }
        return result;
      });
      return present(ticket, vocabulary);
    },

    /**
     * Changes up to 500 tickets in one transaction: all or none. Each ticket gets its own history
     * rows (weknow asks to tag all past tickets).
     */
    async bulkUpdate(actor: Actor, ids: string[], changes: TicketChanges): Promise<{ updated: number }> {
      assertCan(actor, 'tickets.bulk');
      const unique = [...new Set(ids)];
      if (unique.length === 0) throw new AppError('VALIDATION_FAILED', 'No tickets given', { field: 'ids' });
      if (unique.length > BULK_LIMIT) {
        throw new AppError('BULK_LIMIT_EXCEEDED', `At most ${BULK_LIMIT} tickets at once`, { limit: BULK_LIMIT });
      }
      if (changes.subject !== undefined) {
        throw new AppError('VALIDATION_FAILED', 'Bulk updates cannot change subjects', { field: 'subject' });
      }
      const vocabulary = await deps.settings.vocabulary();
      return inTransaction(deps, async (uow) => {
        await checkReferences(uow.trx, changes);
        const failures: { id: string; code: string; message: string }[] = [];
        let updated = 0;
        for (const id of unique) {
          try {
            const { diff } = await changeTicket(uow, actor, vocabulary, id, changes);
            if (diff.length > 0) updated++;
          } catch (error) {
            if (!(error instanceof AppError)) throw error;
            failures.push({ id, code: error.code, message: error.message });
          }
        }
        if (failures.length > 0) {
          throw new AppError(
            'UNPROCESSABLE',
            `${failures.length} of ${unique.length} tickets cannot take these changes; none was changed`,
            {
              failures,
            },
          );
        }
        return { updated };
      });
    },

    /**
     * Merges `sourceId` into `targetId`: the source's messages move to the target, the source is
     * closed and linked both ways, and the customer is told.
     */
    async merge(actor: Actor, sourceId: string, targetId: string): Promise<Ticket> {
      assertCan(actor, 'tickets.write');
      const vocabulary = await deps.settings.vocabulary();
      const closed = vocabulary.statuses.find((s) => s.active && s.category === 'closed');
      if (!closed) throw new AppError('UNPROCESSABLE', 'No active closed status to close the merged ticket with');
      const target = await inTransaction(deps, async (uow) => {
        const source = await loadVisibleTicket(uow.trx, actor, sourceId);
        const into = await loadVisibleTicket(uow.trx, actor, targetId);
        if (source.id === into.id) throw new AppError('MERGE_NOT_ALLOWED', 'A ticket cannot be merged into itself');
        if (source.mergedIntoId) throw new AppError('MERGE_NOT_ALLOWED', `${source.number} was already merged`);
        if (into.mergedIntoId || into.statusCategory === 'closed') {
          throw new AppError('MERGE_NOT_ALLOWED', `${into.number} is closed; merge into an open ticket`);
        }
        // The source's requester becomes a CC of the target: across organizations that would show
        // one customer another organization's conversation.
        if (source.organizationId !== into.organizationId) {
          throw new AppError(
            'MERGE_NOT_ALLOWED',
            `${source.number} and ${into.number} belong to different organizations`,
          );
        }
        const tickets = ticketRepository(uow.trx);
        const sourceRecord = (await tickets.find(source.id)) as TicketRecord;
        const targetRecord = (await tickets.find(into.id)) as TicketRecord;
        const moved = await moveMessages(uow.trx, source.id, into.id);
        // The source's own entry (number and subject) stays findable and points to it.
        await searchIndexRepository(uow.trx).upsert(ticketDocument(sourceRecord));
        await tickets.update(source.id, {
          mergedIntoId: into.id,
          statusId: closed.id,
          statusCategory: 'closed',
          closedAt: uow.now,
          updatedAt: uow.now,
        });
        const ccs = [...new Set([...targetRecord.ccContactIds, ...sourceRecord.ccContactIds])].filter(
          (id) => id !== targetRecord.requesterId,
        );
        const tags = uniqueTags([...targetRecord.tags, ...sourceRecord.tags]);
        if (sourceRecord.requesterId !== targetRecord.requesterId && !ccs.includes(sourceRecord.requesterId)) {
          ccs.push(sourceRecord.requesterId);
        }
        await tickets.update(into.id, { ccContactIds: ccs, tags, updatedAt: uow.now });
        const history = ticketHistoryRepository(uow.trx);
        await history.record({
          ticketId: source.id,
          actor,
          via: via(actor),
          now: uow.now,
          changes: [
            { field: 'mergedInto', from: null, to: into.number },
            {
              field: 'status',
              from: vocabulary.statuses.find((s) => s.id === sourceRecord.statusId)?.name ?? null,
              to: closed.name,
            },
          ],
        });
        await history.record({
          ticketId: into.id,
          actor,
          via: via(actor),
          now: uow.now,
          changes: [{ field: 'mergedFrom', from: null, to: `${source.number} (${moved})` }],
        });
        await outboxRepository(uow.trx).add({
          type: 'email.ticket_merged@1',
          payload: { sourceId: source.id, targetId: into.id },
          ticketId: into.id,
          now: uow.now,
        });
        await deps.hooks?.afterTicketsMerged?.(uow, { sourceId: source.id, targetId: into.id });
        uow.emit({
          type: 'ticket.merged',
          ticketId: into.id,
          organizationId: targetRecord.organizationId,
          actor,
          data: { sourceId: source.id, sourceNumber: source.number, targetNumber: into.number, movedMessages: moved },
        });
        return (await tickets.find(into.id)) as TicketRecord;
      });
      return present(target, vocabulary);
    },

    /**
     * Splits a topic off into a new ticket linked to the original (OpenPyme: "two topics, two
     * tickets"): chosen messages move, or a new body starts it; the customer is told.
     */
    async split(
      actor: Actor,
      idOrNumber: string,
      input: { subject: string; messageIds?: string[]; body?: string },
    ): Promise<Ticket> {
      assertCan(actor, 'tickets.write');
      assertSubject(input.subject);
      const messageIds = [...new Set(input.messageIds ?? [])];
      if (messageIds.length === 0 && !input.body?.trim()) {
        throw new AppError('VALIDATION_FAILED', 'Choose messages to move or write the new topic', { field: 'body' });
      }
      const vocabulary = await deps.settings.vocabulary();
      const status = vocabulary.statuses.find((s) => s.active && s.category === 'open');
      if (!status) throw new AppError('UNPROCESSABLE', 'No active open status for the new ticket');
      const created = await inTransaction(deps, async (uow) => {
        const ref = await loadVisibleTicket(uow.trx, actor, idOrNumber);
        const original = (await ticketRepository(uow.trx).find(ref.id)) as TicketRecord;
        const owned = new Set(await messageIdsOf(uow.trx, original.id));
        const foreign = messageIds.filter((id) => !owned.has(id));
        if (foreign.length > 0) {
          throw new AppError('REFERENCE_NOT_FOUND', `Messages not on ${original.number}: ${foreign.join(', ')}`, {
            field: 'messageIds',
            missing: foreign,
          });
        }
        if (messageIds.length === owned.size) {
          throw new AppError('VALIDATION_FAILED', 'Leave at least one message on the original ticket', {
            field: 'messageIds',
          });
        }
        const ticket = await insertTicket(
          uow,
          actor,
          vocabulary,
          {
            ...original,
            id: newId(),
            number: '',
            subject: input.subject.trim(),
            statusId: status.id,
            statusCategory: status.category,
            flag: null,
            splitFromId: original.id,
            mergedIntoId: null,
            firstResponseAt: null,
            solvedAt: null,
            closedAt: null,
            createdAt: uow.now,
            updatedAt: uow.now,
          },
          input.body?.trim() ? { body: input.body.trim() } : null,
        );
        if (messageIds.length > 0) await moveMessages(uow.trx, original.id, ticket.id, messageIds);
        await ticketHistoryRepository(uow.trx).record({
          ticketId: original.id,
          actor,
          via: via(actor),
          now: uow.now,
          changes: [{ field: 'splitInto', from: null, to: ticket.number }],
        });
        await ticketRepository(uow.trx).update(original.id, { updatedAt: uow.now });
        await outboxRepository(uow.trx).add({
          type: 'email.ticket_split@1',
          payload: { originalId: original.id, ticketId: ticket.id },
          ticketId: ticket.id,
          now: uow.now,
        });
        return ticket;
      });
      return present(created, vocabulary);
    },

    async history(actor: Actor, idOrNumber: string): Promise<HistoryEntry[]> {
      assertMayReadTickets(actor);
      if (actor.kind === 'contact') throw new AppError('FORBIDDEN', 'The history is for staff');
      const ref = await loadVisibleTicket(deps.db, actor, idOrNumber);
      return ticketHistoryRepository(deps.db).list(ref.id);
    },

    async list(
      actor: Actor,
      opts: { query: TicketQuery; sort?: TicketSort; cursor?: string; limit: number; withTotal?: boolean },
    ): Promise<Page<TicketListItem> & { total?: number; totalCapped?: boolean }> {
      assertMayReadTickets(actor);
      const filters = resolveTicketQuery(opts.query, actor);
      const sort = opts.sort ?? 'updated';
      const after = decodeKey(opts.cursor);
      const tickets = ticketRepository(deps.db);
      const [rows, total] = await Promise.all([
        tickets.list({ actor, filters, sort, after, limit: opts.limit + 1 }),
        opts.withTotal ? countTickets(deps.db, actor, filters) : Promise.resolve(undefined),
      ]);
      const vocabulary = await deps.settings.vocabulary();
      const items = rows.slice(0, opts.limit);
      const last = items.at(-1);
      return {
        items: items.map((row) => presentRow(row, vocabulary)),
        nextCursor: rows.length > opts.limit && last ? encodeCursor(JSON.stringify(sortKeyOf(sort, last))) : null,
        ...(total === undefined ? {} : { total: total.count, totalCapped: total.capped }),
      };
    },

    /** The listed tickets the actor may see, as queue rows, in the order given. */
    async listByIds(actor: Actor, ids: string[]): Promise<TicketListItem[]> {
      assertMayReadTickets(actor);
      if (ids.length === 0) return [];
      const rows = await ticketRepository(deps.db).list({
        actor,
        filters: { id: ids },
        sort: 'updated',
        limit: ids.length,
      });
      const vocabulary = await deps.settings.vocabulary();
      const byId = new Map(rows.map((row) => [row.id, presentRow(row, vocabulary)]));
      return ids.flatMap((id) => byId.get(id) ?? []);
    },

    /** The first `limit` of `ids` (in their order) that the actor may see, as list items. */
    async firstVisible(actor: Actor, ids: string[], limit: number): Promise<TicketListItem[]> {
      assertMayReadTickets(actor);
      const visible = await ticketRepository(deps.db).visibleIds(actor, ids);
      return this.listByIds(actor, ids.filter((id) => visible.has(id)).slice(0, limit));
    },

    async count(actor: Actor, query: TicketQuery): Promise<TicketCount> {
      assertMayReadTickets(actor);
      return countTickets(deps.db, actor, resolveTicketQuery(query, actor));
    },
  };
}

/**
 * Counts stop at 10,000: past that the number only says "a lot", and counting every open ticket of a
 * large desk took 90 ms of CPU per view at 300,000 open (bench/README.md), on every sidebar refresh.
 */
export const COUNT_LIMIT = 10_000;

/** A count of tickets; `capped` means there are more than `count`. */
export type TicketCount = { count: number; capped: boolean };

async function countTickets(db: Db, actor: Actor, filters: TicketFilters): Promise<TicketCount> {
  const n = await ticketRepository(db).count(actor, filters, COUNT_LIMIT + 1);
  return n > COUNT_LIMIT ? { count: COUNT_LIMIT, capped: true } : { count: n, capped: false };
}

function decodeKey(cursor: string | undefined): (string | number)[] | undefined {
  const raw = decodeCursor(cursor);
  if (raw === undefined) return undefined;
  try {
    const key = JSON.parse(raw) as unknown;
    if (Array.isArray(key) && key.every((k) => typeof k === 'string' || typeof k === 'number')) return key;
  } catch {
    // fall through to the error below
  }
  throw new AppError('VALIDATION_FAILED', 'The cursor is not valid', { field: 'cursor' });
}

export type TicketService = ReturnType<typeof createTicketService>;
