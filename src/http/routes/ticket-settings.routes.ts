import { Type } from 'typebox';
import { signedIn } from '../plugins/auth.ts';
import { errorResponses, IdParams } from '../schemas/common.ts';
import type { RouteDeps, TypedApp } from '../types.ts';

const tags = ['ticket settings'];
const Name = Type.String({ minLength: 1, maxLength: 100 });
const Category = Type.Union(
  ['new', 'open', 'pending', 'on_hold', 'solved', 'closed'].map((c) => Type.Literal(c)) as [
    ReturnType<typeof Type.Literal>,
  ],
);
const FieldKind = Type.Union(
  ['text', 'long_text', 'number', 'date', 'select', 'multi_select', 'checkbox', 'contact', 'agent'].map((k) =>
    Type.Literal(k),
  ) as [ReturnType<typeof Type.Literal>],
);

const Status = Type.Object({
  id: Type.String(),
  name: Type.String(),
  customerLabel: Type.Union([Type.String(), Type.Null()]),
  category: Type.String(),
  position: Type.Integer(),
  active: Type.Boolean(),
});
const Named = Type.Object({
  id: Type.String(),
  name: Type.String(),
  position: Type.Integer(),
  active: Type.Boolean(),
  customerVisible: Type.Boolean({ description: 'Customers may choose it when opening a ticket in the portal' }),
});
const CustomerVisible = Type.Boolean({ description: 'Customers may choose it in the portal (default false)' });
const TicketType = Type.Object({ ...Named.properties, barredStatusIds: Type.Array(Type.String()) });
const Field = Type.Object({
  id: Type.String(),
  typeId: Type.String(),
  key: Type.String(),
  label: Type.String(),
  kind: Type.String(),
  options: Type.Array(Type.String()),
  required: Type.Boolean(),
  position: Type.Integer(),
});
const NumberFormat = Type.Object({ prefix: Type.String(), nextNumber: Type.Integer() });

export function ticketSettingsRoutes(app: TypedApp, deps: RouteDeps) {
  const settings = deps.services.ticketSettings;
  const manage = { access: 'ticket_settings.manage' as const };
  const base = '/api/v1/ticket-settings';

  app.get(
    base,
    {
      config: { access: 'tickets.read' },
      schema: {
        tags,
        summary: 'Statuses, types (with barred statuses and custom fields), categories and the number format',
        response: {
          200: Type.Object({
            statuses: Type.Array(Status),
            types: Type.Array(TicketType),
            categories: Type.Array(Named),
            fields: Type.Array(Field),
            numberFormat: NumberFormat,
          }),
          ...errorResponses,
        },
      },
    },
    async (request) => settings.read(signedIn(request.auth).actor),
  );

  app.put(
    `${base}/number-format`,
    {
      config: manage,
      schema: {
        tags,
        summary: 'Ticket number prefix and next number (e.g. OP and 10044)',
        body: Type.Object(
          { prefix: Type.String({ maxLength: 10 }), nextNumber: Type.Integer({ minimum: 1, maximum: 999_999_999 }) },
          { additionalProperties: false },
        ),
        response: { 200: NumberFormat, ...errorResponses },
      },
    },
    async (request) => settings.setNumberFormat(signedIn(request.auth).actor, request.body),
  );

  app.post(
    `${base}/statuses`,
    {
      config: manage,
      schema: {
        tags,
        summary: 'Add a status in one of the fixed categories',
        body: Type.Object(
          {
            name: Name,
            category: Category,
            customerLabel: Type.Optional(Type.Union([Name, Type.Null()])),
            position: Type.Optional(Type.Integer({ minimum: 0 })),
          },
          { additionalProperties: false },
        ),
        response: { 201: Status, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await settings.createStatus(signedIn(request.auth).actor, request.body as never)),
  );

  app.patch(
    `${base}/statuses/:id`,
    {
      config: manage,
      schema: {
        tags,
        summary: 'Change a status (name, customer-facing label, category, order, active)',
        params: IdParams,
        body: Type.Object(
          {
            name: Type.Optional(Name),
            category: Type.Optional(Category),
            customerLabel: Type.Optional(Type.Union([Name, Type.Null()])),
            position: Type.Optional(Type.Integer({ minimum: 0 })),
            active: Type.Optional(Type.Boolean()),
          },
          { additionalProperties: false, minProperties: 1 },
        ),
        response: { 200: Status, ...errorResponses },
      },
    },
    async (request) => settings.updateStatus(signedIn(request.auth).actor, request.params.id, request.body as never),
  );

  const TypeBody = {
    name: Name,
    barredStatusIds: Type.Array(Type.String({ minLength: 1 }), { maxItems: 50 }),
    position: Type.Integer({ minimum: 0 }),
    active: Type.Boolean(),
    customerVisible: CustomerVisible,
  };

  app.post(
    `${base}/types`,
    {
      config: manage,
      schema: {
        tags,
        summary: 'Add a ticket type, with statuses it may never be in',
        body: Type.Object(
          {
            name: TypeBody.name,
            barredStatusIds: Type.Optional(TypeBody.barredStatusIds),
            position: Type.Optional(TypeBody.position),
            customerVisible: Type.Optional(CustomerVisible),
          },
          { additionalProperties: false },
        ),
        response: { 201: TicketType, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await settings.createType(signedIn(request.auth).actor, request.body)),
  );

  app.patch(
    `${base}/types/:id`,
    {
      config: manage,
      schema: {
        tags,
        summary: 'Change a ticket type',
        params: IdParams,
        body: Type.Partial(Type.Object(TypeBody), { additionalProperties: false, minProperties: 1 }),
        response: { 200: TicketType, ...errorResponses },
      },
    },
    async (request) => settings.updateType(signedIn(request.auth).actor, request.params.id, request.body),
  );

  app.post(
    `${base}/types/:id/fields`,
    {
      config: manage,
      schema: {
        tags,
        summary: 'Add a custom field to a ticket type (optionally required)',
        params: IdParams,
        body: Type.Object(
          {
            key: Type.String({ minLength: 1, maxLength: 60, pattern: '^[a-z][a-z0-9_]*$' }),
            label: Name,
            kind: FieldKind,
            options: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 100 }), { maxItems: 200 })),
            required: Type.Optional(Type.Boolean()),
            position: Type.Optional(Type.Integer({ minimum: 0 })),
          },
          { additionalProperties: false },
        ),
        response: { 201: Field, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await settings.createField(signedIn(request.auth).actor, request.params.id, request.body as never)),
  );

  app.patch(
    `${base}/fields/:id`,
    {
      config: manage,
      schema: {
        tags,
        summary: 'Change a custom field',
        params: IdParams,
        body: Type.Object(
          {
            label: Type.Optional(Name),
            kind: Type.Optional(FieldKind),
            options: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 100 }), { maxItems: 200 })),
            required: Type.Optional(Type.Boolean()),
            position: Type.Optional(Type.Integer({ minimum: 0 })),
          },
          { additionalProperties: false, minProperties: 1 },
        ),
        response: { 200: Field, ...errorResponses },
      },
    },
    async (request) => settings.updateField(signedIn(request.auth).actor, request.params.id, request.body as never),
  );

  app.delete(
    `${base}/fields/:id`,
    {
      config: manage,
      schema: {
        tags,
        summary: 'Remove a custom field',
        params: IdParams,
        response: { 204: Type.Null(), ...errorResponses },
      },
    },
    async (request, reply) => {
      await settings.deleteField(signedIn(request.auth).actor, request.params.id);
      return reply.status(204).send(null);
    },
  );

  app.post(
    `${base}/categories`,
    {
      config: manage,
      schema: {
        tags,
        summary: 'Add a category (asunto)',
        body: Type.Object(
          {
            name: Name,
            position: Type.Optional(Type.Integer({ minimum: 0 })),
            customerVisible: Type.Optional(CustomerVisible),
          },
          { additionalProperties: false },
        ),
        response: { 201: Named, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await settings.createCategory(signedIn(request.auth).actor, request.body)),
  );

  app.patch(
    `${base}/categories/:id`,
    {
      config: manage,
      schema: {
        tags,
        summary: 'Change a category',
        params: IdParams,
        body: Type.Object(
          {
            name: Type.Optional(Name),
            position: Type.Optional(Type.Integer({ minimum: 0 })),
            active: Type.Optional(Type.Boolean()),
            customerVisible: Type.Optional(CustomerVisible),
          },
          { additionalProperties: false, minProperties: 1 },
        ),
        response: { 200: Named, ...errorResponses },
      },
    },
    async (request) => settings.updateCategory(signedIn(request.auth).actor, request.params.id, request.body),
  );
}
