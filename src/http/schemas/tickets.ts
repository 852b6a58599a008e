import { Type } from 'typebox';
import { Email, Name } from './common.ts';

const Id = Type.String({ minLength: 1, maxLength: 100 });
const NullableId = Type.Union([Id, Type.Null()]);
const Time = Type.String({ format: 'date-time' });
const NullableTime = Type.Union([Time, Type.Null()]);

export const PrioritySchema = Type.Union(
  ['baja', 'normal', 'alta', 'urgente', 'critica'].map((p) => Type.Literal(p)) as [ReturnType<typeof Type.Literal>],
);
export const ChannelSchema = Type.Union(
  ['email', 'portal', 'whatsapp', 'phone', 'chat', 'skype', 'teams', 'advisory', 'internal'].map((c) =>
    Type.Literal(c),
  ) as [ReturnType<typeof Type.Literal>],
);
export const FlagSchema = Type.Union([
  Type.Literal('orange'),
  Type.Literal('blue'),
  Type.Literal('green'),
  Type.Null(),
]);
const Tag = Type.String({ minLength: 1, maxLength: 60 });
const Tags = Type.Array(Tag, { maxItems: 50 });
const CustomFields = Type.Record(Type.String({ minLength: 1, maxLength: 60 }), Type.Unknown());

const ticketShape = {
  id: Type.String(),
  number: Type.String(),
  subject: Type.String(),
  statusId: Type.String(),
  status: Type.String(),
  statusCategory: Type.String(),
  priority: Type.String(),
  typeId: Type.Union([Type.String(), Type.Null()]),
  type: Type.Union([Type.String(), Type.Null()]),
  categoryId: Type.Union([Type.String(), Type.Null()]),
  category: Type.Union([Type.String(), Type.Null()]),
  departmentId: Type.Union([Type.String(), Type.Null()]),
  assigneeId: Type.Union([Type.String(), Type.Null()]),
  requesterId: Type.String(),
  organizationId: Type.Union([Type.String(), Type.Null()]),
  channel: Type.String(),
  tags: Type.Array(Type.String()),
  flag: Type.Union([Type.String(), Type.Null()]),
  dueAt: NullableTime,
  customFields: Type.Record(Type.String(), Type.Unknown()),
  followerIds: Type.Array(Type.String()),
  ccContactIds: Type.Array(Type.String()),
  splitFromId: Type.Union([Type.String(), Type.Null()]),
  mergedIntoId: Type.Union([Type.String(), Type.Null()]),
  firstResponseAt: NullableTime,
  solvedAt: NullableTime,
  closedAt: NullableTime,
  createdAt: Time,
  updatedAt: Time,
  slaDueAt: Type.Optional(NullableTime),
  slaState: Type.Optional(Type.Union([Type.String(), Type.Null()])),
  stale: Type.Optional(Type.Boolean()),
  satisfaction: Type.Optional(
    Type.Union(
      [
        Type.Object({
          rating: Type.Union([Type.Literal('good'), Type.Literal('bad')]),
          comment: Type.Union([Type.String(), Type.Null()]),
          ratedAt: Time,
        }),
        Type.Null(),
      ],
      { description: "The requester's answer to the satisfaction survey (single-ticket reads)" },
    ),
  ),
  queuePosition: Type.Optional(
    Type.Union([Type.Integer({ minimum: 1 }), Type.Null()], {
      description: "003: the place among the account's tickets of this type waiting for their turn; null once in work",
    }),
  ),
};

export const TicketSchema = Type.Object(ticketShape, { $id: 'Ticket' });

/** A field a rule changed in the same save, for the console to say so at once. */
export const RuleChangeSchema = Type.Object({
  rule: Type.String(),
  field: Type.String(),
  from: Type.Union([Type.String(), Type.Null()]),
  to: Type.Union([Type.String(), Type.Null()]),
});

/** The answer to a create or an update: the ticket, and what rules changed in that same save. */
export const SavedTicketSchema = Type.Object(
  { ...ticketShape, ruleChanges: Type.Array(RuleChangeSchema) },
  { $id: 'SavedTicket' },
);

const Named = Type.Object({ id: Type.String(), name: Type.Union([Type.String(), Type.Null()]) });

export const TicketListItemSchema = Type.Object(
  {
    ...ticketShape,
    requester: Named,
    organization: Type.Union([Named, Type.Null()]),
    assignee: Type.Union([
      Type.Object({
        id: Type.String(),
        name: Type.Union([Type.String(), Type.Null()]),
        initials: Type.Union([Type.String(), Type.Null()]),
      }),
      Type.Null(),
    ]),
    department: Type.Union([Named, Type.Null()]),
  },
  { $id: 'TicketListItem' },
);

export const TicketPageSchema = Type.Object({
  items: Type.Array(TicketListItemSchema),
  nextCursor: Type.Union([Type.String(), Type.Null()]),
  total: Type.Optional(Type.Integer()),
  /** true: more than `total`, where counts stop (COUNT_LIMIT). */
  totalCapped: Type.Optional(Type.Boolean()),
});

const editable = {
  subject: Type.String({ minLength: 1, maxLength: 500 }),
  status: Type.String({ minLength: 1, maxLength: 100 }),
  priority: PrioritySchema,
  type: Type.Union([Type.String({ minLength: 1, maxLength: 100 }), Type.Null()]),
  category: Type.Union([Type.String({ minLength: 1, maxLength: 100 }), Type.Null()]),
  departmentId: NullableId,
  assigneeId: NullableId,
  channel: ChannelSchema,
  tags: Tags,
  flag: FlagSchema,
  dueAt: NullableTime,
  customFields: CustomFields,
  followerIds: Type.Array(Id, { maxItems: 50 }),
  ccContactIds: Type.Array(Id, { maxItems: 50 }),
};

const optional = Object.fromEntries(Object.entries(editable).map(([k, v]) => [k, Type.Optional(v)])) as {
  [K in keyof typeof editable]: ReturnType<typeof Type.Optional<(typeof editable)[K]>>;
};

export const CreateTicketBody = Type.Object(
  {
    ...optional,
    subject: editable.subject,
    body: Type.String({ minLength: 1, maxLength: 100_000 }),
    bodyHtml: Type.Optional(Type.String({ maxLength: 500_000 })),
    requester: Type.Object(
      {
        id: Type.Optional(Id),
        email: Type.Optional(Email),
        name: Type.Optional(Name),
        phone: Type.Optional(Type.String({ minLength: 4, maxLength: 40 })),
      },
      { additionalProperties: false, minProperties: 1 },
    ),
    organization: Type.Optional(
      Type.Object(
        { id: Type.Optional(Id), name: Type.Optional(Name) },
        { additionalProperties: false, minProperties: 1 },
      ),
    ),
  },
  { additionalProperties: false },
);

const changeFields = {
  ...optional,
  requesterId: Type.Optional(Id),
  tagsAdd: Type.Optional(Tags),
  tagsRemove: Type.Optional(Tags),
};

export const UpdateTicketBody = Type.Object(changeFields, { additionalProperties: false, minProperties: 1 });

export const BulkUpdateBody = Type.Object(
  {
    ids: Type.Array(Id, { minItems: 1, maxItems: 1000 }),
    changes: Type.Object(
      {
        status: changeFields.status,
        priority: changeFields.priority,
        type: changeFields.type,
        category: changeFields.category,
        departmentId: changeFields.departmentId,
        assigneeId: changeFields.assigneeId,
        flag: changeFields.flag,
        tags: changeFields.tags,
        tagsAdd: changeFields.tagsAdd,
        tagsRemove: changeFields.tagsRemove,
      },
      { additionalProperties: false, minProperties: 1 },
    ),
  },
  { additionalProperties: false },
);

export const DispatchBody = Type.Object(
  {
    assigneeId: Type.Optional(NullableId),
    departmentId: Type.Optional(NullableId),
    note: Type.Optional(Type.String({ maxLength: 20_000 })),
  },
  { additionalProperties: false, minProperties: 1 },
);

export const MergeBody = Type.Object({ targetId: Id }, { additionalProperties: false });

export const SplitBody = Type.Object(
  {
    subject: editable.subject,
    messageIds: Type.Optional(Type.Array(Id, { maxItems: 500 })),
    body: Type.Optional(Type.String({ minLength: 1, maxLength: 100_000 })),
  },
  { additionalProperties: false },
);

const List = Type.Optional(Type.String({ maxLength: 2000, description: 'comma-separated values' }));

export const TicketListQuery = Type.Object(
  {
    statusCategory: List,
    statusId: List,
    departmentId: Type.Optional(Type.String({ maxLength: 2000, description: 'ids, "mine" or "none"' })),
    assigneeId: Type.Optional(Type.String({ maxLength: 2000, description: 'ids, "me" or "none"' })),
    organizationId: List,
    requesterId: List,
    tagsAll: List,
    tagsAny: List,
    priority: List,
    typeId: List,
    categoryId: List,
    flag: List,
    channel: List,
    createdFrom: Type.Optional(Type.String({ maxLength: 40 })),
    createdTo: Type.Optional(Type.String({ maxLength: 40 })),
    updatedFrom: Type.Optional(Type.String({ maxLength: 40 })),
    updatedTo: Type.Optional(Type.String({ maxLength: 40 })),
    dueBefore: Type.Optional(Type.String({ maxLength: 40 })),
    slaState: List,
    stale: Type.Optional(Type.Boolean()),
    sort: Type.Optional(
      Type.Union([Type.Literal('updated'), Type.Literal('created'), Type.Literal('priority'), Type.Literal('due')]),
    ),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
    cursor: Type.Optional(Type.String({ maxLength: 500 })),
    total: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);

export const HistoryEntrySchema = Type.Object({
  id: Type.Integer(),
  ticketId: Type.String(),
  actorKind: Type.String(),
  actorId: Type.Union([Type.String(), Type.Null()]),
  actorName: Type.Union([Type.String(), Type.Null()]),
  via: Type.String(),
  field: Type.String(),
  from: Type.Union([Type.String(), Type.Null()]),
  to: Type.Union([Type.String(), Type.Null()]),
  createdAt: Time,
});

const LinkRef = Type.Object({ id: Type.String(), number: Type.String() });
export const TicketLinksSchema = Type.Object({
  mergedInto: Type.Union([LinkRef, Type.Null()]),
  mergedFrom: Type.Array(LinkRef),
  splitFrom: Type.Union([LinkRef, Type.Null()]),
  splitInto: Type.Array(LinkRef),
  /** The ticket this one follows up (an accounting escalation's original), and the ones that follow it up. */
  followUpOf: Type.Union([LinkRef, Type.Null()]),
  followUps: Type.Array(LinkRef),
});
