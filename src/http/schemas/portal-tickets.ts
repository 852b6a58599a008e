import { Type } from 'typebox';
import { ListQuery } from './common.ts';
import { AttachmentSchema } from './conversation.ts';

const Id = Type.String({ minLength: 1, maxLength: 100 });
const Time = Type.String({ format: 'date-time' });
const NullableTime = Type.Union([Time, Type.Null()]);
const NullableString = Type.Union([Type.String(), Type.Null()]);

export const PortalPrioritySchema = Type.Union([
  Type.Literal('baja'),
  Type.Literal('normal'),
  Type.Literal('alta'),
  Type.Literal('urgente'),
]);

export const PortalTicketSchema = Type.Object(
  {
    id: Type.String(),
    number: Type.String(),
    subject: Type.String(),
    status: Type.Object({
      label: Type.String({ description: "The status's customer-facing label" }),
      category: Type.String(),
    }),
    priority: Type.String(),
    type: NullableString,
    category: NullableString,
    requester: Type.Object({ name: NullableString }),
    isRequester: Type.Boolean({ description: 'The signed-in contact is the requester (only they get the survey)' }),
    createdAt: Time,
    updatedAt: Time,
    solvedAt: NullableTime,
    closedAt: NullableTime,
  },
  { description: 'A ticket as its customer sees it: no internal field' },
);

export const PortalMessageSchema = Type.Object(
  {
    id: Type.String(),
    author: Type.Object({ kind: Type.String(), name: Type.String() }),
    body: Type.String(),
    html: NullableString,
    createdAt: Time,
    attachments: Type.Array(AttachmentSchema),
  },
  { description: 'A public reply (notes and activities are never shown to customers)' },
);

export const PortalOptionsSchema = Type.Object({
  priorities: Type.Array(Type.String()),
  statuses: Type.Array(Type.String(), { description: 'Customer-facing status labels, for the filter' }),
  types: Type.Array(
    Type.Object({
      id: Type.String(),
      name: Type.String(),
      fields: Type.Array(
        Type.Object({
          key: Type.String(),
          label: Type.String(),
          kind: Type.String(),
          options: Type.Array(Type.String()),
          required: Type.Boolean(),
        }),
      ),
    }),
  ),
  categories: Type.Array(Type.Object({ id: Type.String(), name: Type.String() })),
  attachmentLimitBytes: Type.Integer(),
});

export const PortalListQuery = Type.Object(
  {
    closed: Type.Optional(Type.Boolean({ description: 'true: closed tickets too' })),
    status: Type.Optional(Type.String({ minLength: 1, maxLength: 100, description: 'A customer-facing label' })),
    q: Type.Optional(Type.String({ minLength: 1, maxLength: 200, description: 'Words or a ticket number' })),
    sort: Type.Optional(Type.Union([Type.Literal('updated'), Type.Literal('created'), Type.Literal('number')])),
    ...ListQuery,
  },
  { additionalProperties: false },
);

export const PortalMessagesQuery = Type.Object(ListQuery, { additionalProperties: false });

export const CreatePortalTicketBody = Type.Object(
  {
    subject: Type.String({ minLength: 1, maxLength: 500 }),
    description: Type.String({ minLength: 1, maxLength: 100_000 }),
    priority: Type.Optional(PortalPrioritySchema),
    type: Type.Optional(Id),
    category: Type.Optional(Id),
    customFields: Type.Optional(Type.Record(Type.String({ minLength: 1, maxLength: 60 }), Type.Unknown())),
  },
  { additionalProperties: false },
);

export const PortalReplyBody = Type.Object(
  {
    body: Type.String({ minLength: 1, maxLength: 100_000 }),
    solved: Type.Optional(Type.Boolean({ description: '"Considere esta solicitud como resuelta"' })),
  },
  { additionalProperties: false },
);

export const PortalReplyResponse = Type.Object({ message: PortalMessageSchema, ticket: PortalTicketSchema });

export const PortalSurveySchema = Type.Object(
  { token: Type.String({ description: 'For /satisfaction/{token} and /api/v1/satisfaction/{token}' }) },
  { description: 'The survey of a solved ticket, for its requester only' },
);
