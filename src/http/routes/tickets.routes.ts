import { Type } from 'typebox';
import { readingOnce } from '../../core/tickets/ticket.access.ts';
import { COUNT_LIMIT } from '../../core/tickets/ticket.service.ts';
import type { TicketQuery } from '../../core/tickets/ticket-query.ts';
import { signedIn } from '../plugins/auth.ts';
import { errorResponses, IdParams, PageOf } from '../schemas/common.ts';
import {
  MessageSchema,
  ReminderSchema,
  ScheduledSessionSchema,
  TaskSchema,
  TimeSheetSchema,
} from '../schemas/conversation.ts';
import { ContactDetailSchema, OrganizationDetailSchema } from '../schemas/customers.ts';
import {
  BulkUpdateBody,
  CreateTicketBody,
  DispatchBody,
  HistoryEntrySchema,
  MergeBody,
  SavedTicketSchema,
  SplitBody,
  TicketLinksSchema,
  TicketListQuery,
  TicketPageSchema,
  TicketSchema,
  UpdateTicketBody,
} from '../schemas/tickets.ts';
import type { RouteDeps, TypedApp } from '../types.ts';

const tags = ['tickets'];

function list(value: string | undefined): string[] | undefined {
  if (value === undefined) return undefined;
  return value
    .split(',')
    .map((v) => v.trim())
    .filter(Boolean);
}

const LIST_KEYS = [
  'statusCategory',
  'statusId',
  'departmentId',
  'assigneeId',
  'organizationId',
  'requesterId',
  'tagsAll',
  'tagsAny',
  'priority',
  'typeId',
  'categoryId',
  'flag',
  'channel',
  'slaState',
] as const;
const TIME_KEYS = ['createdFrom', 'createdTo', 'updatedFrom', 'updatedTo', 'dueBefore'] as const;

/** Comma-separated query parameters → the ticket query the domain understands. */
export function ticketQueryFrom(params: Record<string, unknown>): TicketQuery {
  const query: TicketQuery = {};
  for (const key of LIST_KEYS) {
    const values = list(params[key] as string | undefined);
    if (values) query[key] = values;
  }
  for (const key of TIME_KEYS) if (typeof params[key] === 'string') query[key] = params[key] as string;
  if (params.stale !== undefined) query.stale = params.stale === true || params.stale === 'true';
  return query;
}

export function ticketRoutes(app: TypedApp, deps: RouteDeps) {
  const tickets = deps.services.tickets;
  const byId = { params: IdParams };

  app.get(
    '/api/v1/tickets',
    {
      config: { access: 'tickets.read' },
      schema: {
        tags,
        summary:
          'Queue: tickets filtered, sorted and paged (comma-separated lists; assigneeId=me|none, departmentId=mine|none)',
        querystring: TicketListQuery,
        response: { 200: TicketPageSchema, ...errorResponses },
      },
    },
    async (request) => {
      const { sort, limit = 50, cursor, total } = request.query;
      return tickets.list(signedIn(request.auth).actor, {
        query: ticketQueryFrom(request.query),
        sort,
        cursor,
        limit,
        withTotal: total,
      });
    },
  );

  app.get(
    '/api/v1/tickets/count',
    {
      config: { access: 'tickets.read' },
      schema: {
        tags,
        summary: 'How many tickets match the same filters as the queue',
        querystring: Type.Omit(TicketListQuery, ['sort', 'limit', 'cursor', 'total']),
        response: {
          200: Type.Object({
            count: Type.Integer(),
            capped: Type.Boolean({ description: `true: more than \`count\`; counts stop at ${COUNT_LIMIT}` }),
          }),
          ...errorResponses,
        },
      },
    },
    async (request) => tickets.count(signedIn(request.auth).actor, ticketQueryFrom(request.query)),
  );

  app.post(
    '/api/v1/tickets',
    {
      config: { access: 'tickets.write', idempotent: true },
      schema: {
        tags,
        summary: 'Open a ticket for a requester (found or created by email or phone)',
        body: CreateTicketBody,
        response: { 201: SavedTicketSchema, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await tickets.create(signedIn(request.auth).actor, request.body as never)),
  );

  app.post(
    '/api/v1/tickets/bulk',
    {
      config: { access: 'tickets.bulk' },
      schema: {
        tags,
        summary: 'Change up to 500 tickets in one transaction (all or none)',
        body: BulkUpdateBody,
        response: { 200: Type.Object({ updated: Type.Integer() }), ...errorResponses },
      },
    },
    async (request) =>
      tickets.bulkUpdate(signedIn(request.auth).actor, request.body.ids, request.body.changes as never),
  );

  app.get(
    '/api/v1/tickets/:id',
    {
      config: { access: 'tickets.read' },
      schema: {
        tags,
        summary: 'One ticket, by id or number (OP10044)',
        ...byId,
        response: { 200: TicketSchema, ...errorResponses },
      },
    },
    async (request) => tickets.get(signedIn(request.auth).actor, request.params.id),
  );

  app.patch(
    '/api/v1/tickets/:id',
    {
      config: { access: 'tickets.write' },
      schema: {
        tags,
        summary: 'Change a ticket',
        ...byId,
        body: UpdateTicketBody,
        response: { 200: SavedTicketSchema, ...errorResponses },
      },
    },
    async (request) => tickets.update(signedIn(request.auth).actor, request.params.id, request.body as never),
  );

  app.get(
    '/api/v1/tickets/:id/history',
    {
      config: { access: 'tickets.read' },
      schema: {
        tags,
        summary: 'Every change to the ticket: who, when, field, from, to, through what',
        ...byId,
        response: { 200: Type.Object({ items: Type.Array(HistoryEntrySchema) }), ...errorResponses },
      },
    },
    async (request) => ({ items: await tickets.history(signedIn(request.auth).actor, request.params.id) }),
  );

  app.get(
    '/api/v1/tickets/:id/page',
    {
      config: { access: 'tickets.read' },
      schema: {
        tags,
        summary:
          'Everything a ticket page shows, in one call: the ticket, requester, organization, links, the first ' +
          '100 messages, history, time, tasks, reminders and scheduled sessions',
        ...byId,
        response: {
          200: Type.Object({
            ticket: TicketSchema,
            requester: ContactDetailSchema,
            organization: Type.Union([OrganizationDetailSchema, Type.Null()]),
            links: TicketLinksSchema,
            messages: PageOf(MessageSchema),
            history: Type.Array(HistoryEntrySchema),
            time: TimeSheetSchema,
            tasks: Type.Array(TaskSchema),
            reminders: Type.Array(ReminderSchema),
            sessions: Type.Array(ScheduledSessionSchema),
          }),
          ...errorResponses,
        },
      },
    },
    async (request) => {
      const actor = readingOnce(signedIn(request.auth).actor);
      const s = deps.services;
      // Resolving the ticket first gives one 404 for a ticket that is missing or not the caller's.
      const ticket = await tickets.get(actor, request.params.id);
      const [requester, organization, links, messages, history, time, tasks, reminders, sessions] = await Promise.all([
        s.contacts.get(actor, ticket.requesterId),
        ticket.organizationId ? s.organizations.get(actor, ticket.organizationId) : null,
        tickets.links(actor, ticket.id),
        s.messages.list(actor, ticket.id, { limit: 100 }),
        tickets.history(actor, ticket.id),
        s.timeEntries.list(actor, ticket.id),
        s.tasks.list(actor, ticket.id),
        s.reminders.listForTicket(actor, ticket.id),
        s.scheduledSessions.listForTicket(actor, ticket.id),
      ]);
      return {
        ticket,
        requester,
        organization,
        links,
        messages,
        history,
        time,
        tasks: tasks.items,
        reminders: reminders.items,
        sessions: sessions.items,
      };
    },
  );

  app.get(
    '/api/v1/tickets/:id/links',
    {
      config: { access: 'tickets.read' },
      schema: {
        tags,
        summary: 'Merged and split tickets linked to this one',
        ...byId,
        response: { 200: TicketLinksSchema, ...errorResponses },
      },
    },
    async (request) => tickets.links(signedIn(request.auth).actor, request.params.id),
  );

  app.post(
    '/api/v1/tickets/:id/take',
    {
      config: { access: 'tickets.write' },
      schema: { tags, summary: 'Assign the ticket to me', ...byId, response: { 200: TicketSchema, ...errorResponses } },
    },
    async (request) => tickets.take(signedIn(request.auth).actor, request.params.id),
  );

  app.post(
    '/api/v1/tickets/:id/dispatch',
    {
      config: { access: 'tickets.write' },
      schema: {
        tags,
        summary: 'Hand the ticket to another agent and/or department, with an optional internal note',
        ...byId,
        body: DispatchBody,
        response: { 200: TicketSchema, ...errorResponses },
      },
    },
    async (request) => tickets.dispatch(signedIn(request.auth).actor, request.params.id, request.body),
  );

  app.post(
    '/api/v1/tickets/:id/merge',
    {
      config: { access: 'tickets.write' },
      schema: {
        tags,
        summary: 'Merge this ticket into targetId: messages move, this one closes, both are linked',
        ...byId,
        body: MergeBody,
        response: { 200: TicketSchema, ...errorResponses },
      },
    },
    async (request) => tickets.merge(signedIn(request.auth).actor, request.params.id, request.body.targetId),
  );

  app.post(
    '/api/v1/tickets/:id/split',
    {
      config: { access: 'tickets.write', idempotent: true },
      schema: {
        tags,
        summary: 'Split chosen messages or a new topic into a new linked ticket',
        ...byId,
        body: SplitBody,
        response: { 201: TicketSchema, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await tickets.split(signedIn(request.auth).actor, request.params.id, request.body)),
  );
}
