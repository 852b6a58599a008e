import { Type } from 'typebox';
import { COUNT_LIMIT } from '../../core/tickets/ticket.service.ts';
import { signedIn } from '../plugins/auth.ts';
import { errorResponses, IdParams, ListQuery } from '../schemas/common.ts';
import { TicketListItemSchema, TicketPageSchema } from '../schemas/tickets.ts';
import type { RouteDeps, TypedApp } from '../types.ts';

const tags = ['views'];
const Values = Type.Array(Type.String({ minLength: 1, maxLength: 100 }), { maxItems: 50 });
const Query = Type.Object(
  {
    statusCategory: Type.Optional(Values),
    statusId: Type.Optional(Values),
    departmentId: Type.Optional(Values),
    assigneeId: Type.Optional(Values),
    organizationId: Type.Optional(Values),
    requesterId: Type.Optional(Values),
    tagsAll: Type.Optional(Values),
    tagsAny: Type.Optional(Values),
    priority: Type.Optional(Values),
    typeId: Type.Optional(Values),
    categoryId: Type.Optional(Values),
    flag: Type.Optional(Values),
    channel: Type.Optional(Values),
    createdFrom: Type.Optional(Type.String()),
    createdTo: Type.Optional(Type.String()),
    updatedFrom: Type.Optional(Type.String()),
    updatedTo: Type.Optional(Type.String()),
    dueBefore: Type.Optional(Type.String()),
    slaState: Type.Optional(Values),
    stale: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
const Sort = Type.Union([
  Type.Literal('updated'),
  Type.Literal('created'),
  Type.Literal('priority'),
  Type.Literal('due'),
]);
const View = Type.Object({
  id: Type.String(),
  key: Type.Union([Type.String(), Type.Null()], {
    description: 'Stable name of a default view (mine, unassigned, department, review, all_open, sla_risk, stale)',
  }),
  name: Type.String(),
  ownerAgentId: Type.Union([Type.String(), Type.Null()]),
  query: Query,
  sort: Type.String(),
  position: Type.Integer(),
});

export function viewRoutes(app: TypedApp, deps: RouteDeps) {
  const views = deps.services.views;

  app.get(
    '/api/v1/views',
    {
      config: { access: 'tickets.read' },
      schema: {
        tags,
        summary: 'My views and the shared ones, with how many tickets each holds',
        response: {
          200: Type.Object({
            items: Type.Array(
              Type.Object({
                ...View.properties,
                shared: Type.Boolean(),
                count: Type.Integer(),
                countCapped: Type.Boolean({ description: `true: more than \`count\` (${COUNT_LIMIT})` }),
              }),
            ),
          }),
          ...errorResponses,
        },
      },
    },
    async (request) => ({ items: await views.list(signedIn(request.auth).actor) }),
  );

  app.get(
    '/api/v1/views/:id/tickets',
    {
      config: { access: 'tickets.read' },
      schema: {
        tags,
        summary: "The tickets of a view, in the view's order",
        params: IdParams,
        querystring: Type.Object(ListQuery, { additionalProperties: false }),
        response: { 200: TicketPageSchema, ...errorResponses },
      },
    },
    async (request) =>
      views.tickets(signedIn(request.auth).actor, request.params.id, {
        cursor: request.query.cursor,
        limit: request.query.limit ?? 50,
      }),
  );

  app.post(
    '/api/v1/views',
    {
      config: { access: 'tickets.read' },
      schema: {
        tags,
        summary: 'Save a view (personal; shared ones need a supervisor)',
        body: Type.Object(
          {
            name: Type.String({ minLength: 1, maxLength: 100 }),
            query: Query,
            sort: Type.Optional(Sort),
            shared: Type.Optional(Type.Boolean()),
            position: Type.Optional(Type.Integer({ minimum: 0 })),
          },
          { additionalProperties: false },
        ),
        response: { 201: View, ...errorResponses },
      },
    },
    async (request, reply) => reply.status(201).send(await views.create(signedIn(request.auth).actor, request.body)),
  );

  app.patch(
    '/api/v1/views/:id',
    {
      config: { access: 'tickets.read' },
      schema: {
        tags,
        summary: 'Change a view',
        params: IdParams,
        body: Type.Object(
          {
            name: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
            query: Type.Optional(Query),
            sort: Type.Optional(Sort),
            position: Type.Optional(Type.Integer({ minimum: 0 })),
          },
          { additionalProperties: false, minProperties: 1 },
        ),
        response: { 200: View, ...errorResponses },
      },
    },
    async (request) => views.update(signedIn(request.auth).actor, request.params.id, request.body),
  );

  app.delete(
    '/api/v1/views/:id',
    {
      config: { access: 'tickets.read' },
      schema: { tags, summary: 'Delete a view', params: IdParams, response: { 204: Type.Null(), ...errorResponses } },
    },
    async (request, reply) => {
      await views.remove(signedIn(request.auth).actor, request.params.id);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/v1/search',
    {
      config: { access: 'tickets.read' },
      schema: {
        tags: ['search'],
        summary: 'Search tickets (numbers, subjects, messages), contacts and organizations; accents optional',
        querystring: Type.Object(
          {
            q: Type.String({ minLength: 1, maxLength: 200 }),
            limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 50 })),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({
            tickets: Type.Array(
              Type.Object({ ...TicketListItemSchema.properties, excerpt: Type.Union([Type.String(), Type.Null()]) }),
            ),
            contacts: Type.Array(Type.Object({ id: Type.String(), name: Type.String(), excerpt: Type.String() })),
            organizations: Type.Array(Type.Object({ id: Type.String(), name: Type.String(), excerpt: Type.String() })),
          }),
          ...errorResponses,
        },
      },
    },
    async (request) =>
      deps.services.search.search(signedIn(request.auth).actor, request.query.q, { limit: request.query.limit ?? 20 }),
  );
}
