import { type TSchema, Type } from 'typebox';
import { ListQuery } from './common.ts';

const DateTime = Type.String({ format: 'date-time' });
const NullableDateTime = Type.Union([DateTime, Type.Null()]);
const Id = Type.String({ minLength: 1, maxLength: 100 });
const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
const Text = (maxLength: number) => Type.String({ maxLength });

export const MessageKindSchema = Type.Union([Type.Literal('reply'), Type.Literal('note'), Type.Literal('activity')]);
export const ChannelSchema = Type.Union([
  Type.Literal('email'),
  Type.Literal('portal'),
  Type.Literal('whatsapp'),
  Type.Literal('phone'),
  Type.Literal('chat'),
  Type.Literal('skype'),
  Type.Literal('teams'),
  Type.Literal('advisory'),
  Type.Literal('internal'),
]);
export const MediumSchema = Type.Union([
  Type.Literal('email'),
  Type.Literal('whatsapp'),
  Type.Literal('phone'),
  Type.Literal('skype'),
  Type.Literal('teams'),
  Type.Literal('in_person'),
]);

// ---- Messages --------------------------------------------------------------------------------

export const TicketParams = Type.Object({ id: Id }, { additionalProperties: false });
export const TicketMessageParams = Type.Object({ id: Id, messageId: Id }, { additionalProperties: false });

const SessionAttendeeBody = Type.Object(
  {
    name: Type.Optional(Type.String({ maxLength: 200 })),
    email: Type.String({ minLength: 3, maxLength: 254, pattern: '^[^@\\s]+@[^@\\s]+$' }),
  },
  { additionalProperties: false },
);

export const ScheduledSessionBody = Type.Object(
  {
    title: Type.Optional(Type.String({ maxLength: 300 })),
    startsAt: DateTime,
    endsAt: DateTime,
    attendees: Type.Optional(Type.Array(SessionAttendeeBody, { maxItems: 50 })),
    joinUrl: Type.Optional(Nullable(Type.String({ maxLength: 2000 }))),
  },
  { additionalProperties: false },
);

const ActivityBody = Type.Object(
  {
    contactPerson: Type.String({ minLength: 1, maxLength: 200 }),
    medium: MediumSchema,
    reason: Type.String({ minLength: 1, maxLength: 2000 }),
    inputsReceived: Type.Optional(Nullable(Text(20_000))),
    inputsGiven: Type.Optional(Nullable(Text(20_000))),
    pendingItems: Type.Optional(Nullable(Text(20_000))),
    solution: Type.Optional(Nullable(Text(20_000))),
    protocolApplied: Type.Optional(Nullable(Text(2000))),
    /** A protocol applied on this ticket (`GET /tickets/{id}/protocols`); its title fills `protocolApplied` when that is left out. */
    protocolAppliedId: Type.Optional(Nullable(Id)),
    scheduledSession: Type.Optional(ScheduledSessionBody),
  },
  { additionalProperties: false },
);

/** A new message as JSON; with multipart the same fields come as form fields (`activity` as JSON text) beside the files. */
export const CreateMessageBody = Type.Object(
  {
    kind: MessageKindSchema,
    body: Type.String({ minLength: 1, maxLength: 100_000 }),
    html: Type.Optional(Nullable(Type.String({ maxLength: 500_000 }))),
    channel: Type.Optional(ChannelSchema),
    activity: Type.Optional(ActivityBody),
    /** A WhatsApp reply as an approved template: the only kind allowed 24 h after the customer's last message. */
    template: Type.Optional(
      Type.Object(
        {
          name: Type.String({ minLength: 1, maxLength: 512, pattern: '^[a-z0-9_]+$' }),
          language: Type.String({ minLength: 2, maxLength: 15, pattern: '^[A-Za-z]{2,3}(_[A-Za-z]{2})?$' }),
          parameters: Type.Array(Type.String({ minLength: 1, maxLength: 1024 }), { maxItems: 20 }),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);

export const AttachmentSchema = Type.Object({
  id: Type.String(),
  filename: Type.String(),
  contentType: Type.String(),
  size: Type.Integer(),
});

const AttendeeRoleSchema = Type.Union([
  Type.Literal('organizer'),
  Type.Literal('contact'),
  Type.Literal('assignee'),
  Type.Literal('colleague'),
  Type.Literal('supervisor'),
  Type.Literal('guest'),
]);

export const ScheduledSessionSchema = Type.Object({
  id: Type.String(),
  ticketId: Type.String(),
  ticketNumber: Type.String(),
  messageId: Nullable(Type.String()),
  title: Type.String(),
  startsAt: DateTime,
  endsAt: DateTime,
  attendees: Type.Array(
    Type.Object({
      name: Type.String(),
      email: Type.String(),
      role: AttendeeRoleSchema,
      agentId: Type.Optional(Type.String()),
      contactId: Type.Optional(Type.String()),
    }),
  ),
  organizerId: Nullable(Type.String()),
  sequence: Type.Integer(),
  cancelledAt: NullableDateTime,
  createdAt: DateTime,
  joinUrl: Nullable(Type.String()),
});

export const MessageSchema = Type.Object(
  {
    id: Type.String(),
    ticketId: Type.String(),
    kind: MessageKindSchema,
    channel: ChannelSchema,
    author: Type.Object({
      kind: Type.Union([Type.Literal('agent'), Type.Literal('contact'), Type.Literal('system')]),
      id: Nullable(Type.String()),
      name: Type.String(),
      initials: Nullable(Type.String()),
    }),
    body: Type.String(),
    html: Nullable(Type.String()),
    activity: Nullable(
      Type.Object({
        contactPerson: Type.String(),
        medium: MediumSchema,
        reason: Type.String(),
        inputsReceived: Nullable(Type.String()),
        inputsGiven: Nullable(Type.String()),
        pendingItems: Nullable(Type.String()),
        solution: Nullable(Type.String()),
        protocolApplied: Nullable(Type.String()),
        /** The protocol applied on the ticket this activity links to. */
        protocolAppliedId: Nullable(Type.String()),
        /** The customer's contact the activity was with (its contact person names them); null for a third party. */
        contactId: Nullable(Type.String()),
        scheduledSession: Nullable(ScheduledSessionSchema),
      }),
    ),
    attachments: Type.Array(AttachmentSchema),
    /** Where the quoted earlier conversation sits in `body` (mail), as offsets [start, end); folded in the console. */
    quote: Nullable(Type.Object({ start: Type.Integer({ minimum: 0 }), end: Type.Integer({ minimum: 0 }) })),
    /**
     * An outgoing reply's mail: queued, retrying (with the last error), sent (handed to the SMTP
     * server), delivered (the recipient's server reported it), read (WhatsApp's blue ticks) or failed (given up after 48 h, or
     * bounced: `error` has the recipient server's words).
     */
    delivery: Nullable(
      Type.Object({
        state: Type.Union([
          Type.Literal('queued'),
          Type.Literal('retrying'),
          Type.Literal('sent'),
          Type.Literal('delivered'),
          Type.Literal('read'),
          Type.Literal('failed'),
        ]),
        error: Nullable(Type.String()),
        attempts: Type.Integer(),
        nextAttemptAt: Nullable(DateTime),
        settledAt: Nullable(DateTime),
        bounced: Type.Boolean(),
      }),
    ),
    createdAt: DateTime,
  },
  { $id: 'Message' },
);

export const AttachmentParams = Type.Object({ id: Id }, { additionalProperties: false });

export const AgendaQuery = Type.Object(
  { from: Type.Optional(DateTime), to: Type.Optional(DateTime), ...ListQuery },
  { additionalProperties: false },
);

// ---- Macros ----------------------------------------------------------------------------------

const Tags = Type.Array(Type.String({ minLength: 1, maxLength: 50 }), { maxItems: 50 });

const MacroActionsSchema = Type.Object(
  {
    status: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    type: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    priority: Type.Optional(Type.String({ minLength: 1, maxLength: 40 })),
    tagsAdd: Type.Optional(Tags),
    tagsRemove: Type.Optional(Tags),
    flag: Type.Optional(Nullable(Type.Union([Type.Literal('orange'), Type.Literal('blue'), Type.Literal('green')]))),
  },
  { additionalProperties: false },
);

export const MacroSchema = Type.Object(
  {
    id: Type.String(),
    name: Type.String(),
    body: Type.String(),
    actions: MacroActionsSchema,
    scope: Type.Union([Type.Literal('personal'), Type.Literal('shared')]),
    ownerId: Nullable(Type.String()),
    departmentId: Nullable(Type.String()),
    createdAt: DateTime,
    updatedAt: DateTime,
  },
  { $id: 'Macro' },
);

const macroFields = {
  name: Type.String({ minLength: 1, maxLength: 200 }),
  body: Type.String({ minLength: 1, maxLength: 20_000 }),
  actions: MacroActionsSchema,
  shared: Type.Boolean(),
  departmentId: Nullable(Id),
};

export const CreateMacroBody = Type.Object(
  {
    name: macroFields.name,
    body: macroFields.body,
    actions: Type.Optional(macroFields.actions),
    shared: Type.Optional(macroFields.shared),
    departmentId: Type.Optional(macroFields.departmentId),
  },
  { additionalProperties: false },
);

export const UpdateMacroBody = Type.Partial(Type.Object(macroFields), {
  additionalProperties: false,
  minProperties: 1,
});

export const MacroListQuery = Type.Object(
  { departmentId: Type.Optional(Id), ...ListQuery },
  { additionalProperties: false },
);

export const RenderMacroBody = Type.Object({ ticketId: Id }, { additionalProperties: false });

export const RenderedMacroSchema = Type.Object({ body: Type.String(), actions: MacroActionsSchema });

// ---- Agent work ------------------------------------------------------------------------------

export const TimeEntryParams = Type.Object({ id: Id, entryId: Id }, { additionalProperties: false });

export const CreateTimeEntryBody = Type.Object(
  {
    description: Type.String({ minLength: 1, maxLength: 2000 }),
    duration: Type.Union([
      Type.String({ minLength: 1, maxLength: 10, description: 'h:mm, e.g. "00:30"' }),
      Type.Integer({ minimum: 1, maximum: 1440, description: 'minutes' }),
    ]),
    date: Type.Optional(Type.String({ format: 'date' })),
    billable: Type.Optional(Type.Boolean()),
    taskId: Type.Optional(Nullable(Id)),
    agentId: Type.Optional(Id),
  },
  { additionalProperties: false },
);

export const TimeEntrySchema = Type.Object(
  {
    id: Type.String(),
    ticketId: Type.String(),
    taskId: Nullable(Type.String()),
    agentId: Type.String(),
    agentName: Type.String(),
    initials: Type.String(),
    description: Type.String(),
    minutes: Type.Integer(),
    duration: Type.String(),
    date: Type.String(),
    billable: Type.Boolean(),
    createdAt: DateTime,
  },
  { $id: 'TimeEntry' },
);

export const TimeSheetSchema = Type.Object({
  items: Type.Array(TimeEntrySchema),
  totals: Type.Object({
    minutes: Type.Integer(),
    billableMinutes: Type.Integer(),
    byAgent: Type.Array(
      Type.Object({
        agentId: Type.String(),
        name: Type.String(),
        initials: Type.String(),
        minutes: Type.Integer(),
        billableMinutes: Type.Integer(),
      }),
    ),
    byTask: Type.Array(
      Type.Object({ taskId: Type.String(), minutes: Type.Integer(), billableMinutes: Type.Integer() }),
    ),
  }),
});

const TaskStatusSchema = Type.Union([Type.Literal('open'), Type.Literal('done')]);

export const TaskSchema = Type.Object(
  {
    id: Type.String(),
    ticketId: Type.String(),
    title: Type.String(),
    assigneeId: Nullable(Type.String()),
    status: TaskStatusSchema,
    dueAt: NullableDateTime,
    completedAt: NullableDateTime,
    minutes: Type.Integer(),
    billableMinutes: Type.Integer(),
    duration: Type.String(),
    createdAt: DateTime,
    updatedAt: DateTime,
    playbookRunId: Nullable(Type.String()),
    playbookPosition: Nullable(Type.Integer()),
    /** Open tasks this one waits for: it can be neither completed nor scheduled until they are done. */
    waitingFor: Type.Array(Type.Object({ id: Type.String(), title: Type.String() })),
  },
  { $id: 'Task' },
);

export const CreateTaskBody = Type.Object(
  {
    title: Type.Optional(Type.String({ minLength: 1, maxLength: 300 })),
    assigneeId: Type.Optional(Nullable(Id)),
    dueAt: Type.Optional(NullableDateTime),
  },
  { additionalProperties: false },
);

const CommaList = (description: string) => Type.Optional(Type.String({ maxLength: 2000, description }));
const PlannerFilters = {
  assigneeId: CommaList('comma-separated agent ids, "me" or "none" (unassigned)'),
  organizationId: CommaList('comma-separated organization ids'),
  departmentId: CommaList('comma-separated department ids, "mine" or "none"'),
};

export const PlannerTaskSchema = Type.Object(
  {
    id: Type.String(),
    ticketId: Type.String(),
    ticketNumber: Type.String(),
    ticketSubject: Type.String(),
    departmentId: Nullable(Type.String()),
    organizationId: Nullable(Type.String()),
    organizationName: Nullable(Type.String()),
    title: Type.String(),
    assigneeId: Nullable(Type.String()),
    status: TaskStatusSchema,
    dueAt: NullableDateTime,
    completedAt: NullableDateTime,
    overdue: Type.Boolean(),
    createdAt: DateTime,
    updatedAt: DateTime,
  },
  { $id: 'PlannerTask' },
);

export const PlannerTaskQuery = Type.Object(
  {
    ...PlannerFilters,
    state: Type.Optional(Type.Union([Type.Literal('open'), Type.Literal('done'), Type.Literal('overdue')])),
    dueFrom: Type.Optional(Type.String({ maxLength: 40, description: 'due at or after (ISO 8601)' })),
    dueTo: Type.Optional(Type.String({ maxLength: 40, description: 'due before (ISO 8601)' })),
    ...ListQuery,
  },
  { additionalProperties: false },
);

export const PlannerSessionQuery = Type.Object(
  {
    ...PlannerFilters,
    from: Type.String({ maxLength: 40, description: 'ISO 8601' }),
    to: Type.String({ maxLength: 40, description: 'ISO 8601, at most 62 days after from' }),
  },
  { additionalProperties: false },
);

export const UpdateTaskBody = Type.Object(
  {
    title: Type.Optional(Type.String({ minLength: 1, maxLength: 300 })),
    assigneeId: Type.Optional(Nullable(Id)),
    status: Type.Optional(TaskStatusSchema),
    dueAt: Type.Optional(NullableDateTime),
  },
  { additionalProperties: false, minProperties: 1 },
);

export const TaskParams = Type.Object({ taskId: Id }, { additionalProperties: false });

export const ReminderSchema = Type.Object(
  {
    id: Type.String(),
    ticketId: Type.String(),
    ticketNumber: Type.String(),
    ticketSubject: Type.String(),
    agentId: Type.String(),
    remindAt: DateTime,
    note: Type.String(),
    status: Type.Union([Type.Literal('pending'), Type.Literal('sent'), Type.Literal('dismissed')]),
    createdAt: DateTime,
  },
  { $id: 'Reminder' },
);

export const CreateReminderBody = Type.Object(
  {
    remindAt: DateTime,
    note: Type.Optional(Type.String({ maxLength: 2000 })),
    agentId: Type.Optional(Id),
  },
  { additionalProperties: false },
);

export const UpdateReminderBody = Type.Object(
  {
    status: Type.Optional(Type.Union([Type.Literal('dismissed'), Type.Literal('pending')])),
    remindAt: Type.Optional(DateTime),
    note: Type.Optional(Type.String({ maxLength: 2000 })),
  },
  { additionalProperties: false, minProperties: 1 },
);

export const ReminderListQuery = Type.Object(
  { due: Type.Optional(Type.Boolean()), ...ListQuery },
  { additionalProperties: false },
);
