import { Type } from 'typebox';

const Json = Type.Object({}, { additionalProperties: true });
const Conditions = Type.Object(
  { all: Type.Optional(Type.Array(Json)), any: Type.Optional(Type.Array(Json)) },
  { additionalProperties: false, description: 'all/any groups of { field, op, value } (or nested groups)' },
);
const ActionSchema = Type.Object({ type: Type.String() }, { additionalProperties: true });
const TriggerEvent = Type.Union([
  Type.Literal('created'),
  Type.Literal('updated'),
  Type.Literal('message_from_customer'),
  Type.Literal('message_from_agent'),
  Type.Literal('satisfaction_rated'),
]);
const Schedule = Type.Union([
  Type.Object({ kind: Type.Literal('close_solved'), days: Type.Number() }, { additionalProperties: false }),
  Type.Object(
    { kind: Type.Literal('pending_reminder'), remindAfterDays: Type.Number(), solveAfterDays: Type.Number() },
    { additionalProperties: false },
  ),
]);

export const RuleSchema = Type.Object({
  id: Type.String(),
  kind: Type.Union([Type.Literal('trigger'), Type.Literal('time')]),
  name: Type.String(),
  position: Type.Integer(),
  active: Type.Boolean(),
  events: Type.Array(TriggerEvent),
  conditions: Conditions,
  actions: Type.Array(ActionSchema),
  schedule: Type.Union([Schedule, Type.Null()]),
});

export const TriggerBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 200 }),
    position: Type.Optional(Type.Integer()),
    active: Type.Optional(Type.Boolean()),
    events: Type.Array(TriggerEvent, { minItems: 1 }),
    conditions: Type.Optional(Conditions),
    actions: Type.Array(ActionSchema, { minItems: 1 }),
  },
  { additionalProperties: false },
);

export const TimeRuleBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 200 }),
    position: Type.Optional(Type.Integer()),
    active: Type.Optional(Type.Boolean()),
    conditions: Type.Optional(Conditions),
    schedule: Schedule,
  },
  { additionalProperties: false },
);

export const TestRuleBody = Type.Object(
  {
    rule: TriggerBody,
    ticket: Type.String({ minLength: 1, maxLength: 100, description: 'id or number of the ticket to test against' }),
    event: Type.Optional(TriggerEvent),
  },
  { additionalProperties: false },
);

export const TestRuleResult = Type.Object({
  matches: Type.Boolean(),
  ticketNumber: Type.String(),
  actions: Type.Array(ActionSchema),
});

const Duration = Type.Union([
  Type.Object({ unit: Type.Literal('business_hours'), hours: Type.Number() }, { additionalProperties: false }),
  Type.Object({ unit: Type.Literal('calendar_hours'), hours: Type.Number() }, { additionalProperties: false }),
  Type.Object({ unit: Type.Literal('end_of_business_day') }, { additionalProperties: false }),
]);
const Targets = Type.Object(
  {
    first_reply: Type.Optional(Duration),
    next_reply: Type.Optional(Duration),
    periodic_update: Type.Optional(Duration),
    resolution: Type.Optional(Duration),
  },
  { additionalProperties: false },
);

export const SlaPolicySchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  position: Type.Integer(),
  active: Type.Boolean(),
  conditions: Conditions,
  targets: Targets,
  calendarId: Type.Union([Type.String(), Type.Null()]),
  pauseWhenWaiting: Type.Boolean(),
  warningShare: Type.Number(),
});

export const SlaPolicyBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 200 }),
    position: Type.Optional(Type.Integer()),
    active: Type.Optional(Type.Boolean()),
    conditions: Type.Optional(Conditions),
    targets: Targets,
    calendarId: Type.Optional(Type.Union([Type.String(), Type.Null()])),
    pauseWhenWaiting: Type.Optional(Type.Boolean()),
    warningShare: Type.Optional(Type.Number()),
  },
  { additionalProperties: false },
);

const Range = Type.Object(
  { weekday: Type.Integer(), start: Type.String({ maxLength: 5 }), end: Type.String({ maxLength: 5 }) },
  { additionalProperties: false },
);
const HolidaySchema = Type.Object(
  { date: Type.String({ maxLength: 10 }), name: Type.String({ maxLength: 200 }) },
  { additionalProperties: false },
);

export const CalendarSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  timeZone: Type.String(),
  ranges: Type.Array(Range),
  holidays: Type.Array(HolidaySchema),
  isDefault: Type.Boolean(),
  departmentIds: Type.Array(Type.String()),
});

export const CalendarBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 200 }),
    timeZone: Type.String({ maxLength: 100 }),
    ranges: Type.Array(Range, { maxItems: 100 }),
    holidays: Type.Optional(Type.Array(HolidaySchema, { maxItems: 500 })),
    isDefault: Type.Optional(Type.Boolean()),
    departmentIds: Type.Optional(Type.Array(Type.String())),
  },
  { additionalProperties: false },
);

export const KeywordSchema = Type.Object({
  keyword: Type.String(),
  agentId: Type.Union([Type.String(), Type.Null()]),
  departmentId: Type.Union([Type.String(), Type.Null()]),
});

export const KeywordsBody = Type.Object(
  {
    rows: Type.Optional(
      Type.Array(
        Type.Object(
          {
            keyword: Type.String({ maxLength: 100 }),
            agent: Type.Optional(Type.Union([Type.String({ maxLength: 254 }), Type.Null()])),
            department: Type.Optional(Type.Union([Type.String({ maxLength: 200 }), Type.Null()])),
          },
          { additionalProperties: false },
        ),
        { maxItems: 5000 },
      ),
    ),
    csv: Type.Optional(Type.String({ maxLength: 500_000, description: 'keyword,agent[,department] per line' })),
  },
  { additionalProperties: false },
);

export const AccountLimitBody = Type.Object(
  {
    type: Type.String({ minLength: 1, maxLength: 100, description: 'The ticket type, by id or name' }),
    maxInWork: Type.Union([Type.Integer({ minimum: 0, maximum: 1000 }), Type.Null()]),
  },
  { additionalProperties: false },
);

export const AccountLimitsSchema = Type.Object({
  organizationId: Type.String(),
  tier: Type.String({ description: 'general | special' }),
  waiting: Type.Integer({ description: 'Open tickets of the organization waiting for their turn (BACKLOG, EN COLA)' }),
  items: Type.Array(
    Type.Object({
      type: Type.String(),
      typeId: Type.String(),
      rule: Type.Union([Type.Literal('one_by_one'), Type.Literal('agreed'), Type.Null()], {
        description:
          '003: one_by_one = one in work in every account (Soporte); agreed = one in general accounts, the agreed number in special ones (Cambio); null = only an own limit applies',
      }),
      ownLimit: Type.Union([Type.Integer(), Type.Null()], { description: "The organization's own limit, if set" }),
      defaultLimit: Type.Union([Type.Integer(), Type.Null()], {
        description: "The seed's limit for the account's tier (003)",
      }),
      limit: Type.Union([Type.Integer(), Type.Null()], { description: 'The one that applies; null: no limit' }),
      inWork: Type.Integer(),
      waiting: Type.Integer(),
    }),
  ),
});

const SlaMetricSchema = Type.Union([
  Type.Literal('first_reply'),
  Type.Literal('next_reply'),
  Type.Literal('periodic_update'),
  Type.Literal('resolution'),
]);
const SlaStateSchema = Type.Union([
  Type.Literal('ok'),
  Type.Literal('warning'),
  Type.Literal('breached'),
  Type.Literal('met'),
  Type.Literal('paused'),
]);
const NullableTime = Type.Union([Type.String({ format: 'date-time' }), Type.Null()]);

export const TicketSlaSchema = Type.Object({
  ticketId: Type.String(),
  number: Type.String(),
  items: Type.Array(
    Type.Object({
      metric: SlaMetricSchema,
      policyId: Type.String(),
      policyName: Type.Union([Type.String(), Type.Null()]),
      startedAt: Type.String({ format: 'date-time' }),
      dueAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()], { description: 'null while paused' }),
      warnAt: NullableTime,
      state: SlaStateSchema,
      metAt: NullableTime,
    }),
  ),
});

export const NotificationSchema = Type.Object({
  id: Type.String(),
  ticketId: Type.Union([Type.String(), Type.Null()]),
  kind: Type.String(),
  title: Type.String(),
  data: Type.Record(Type.String(), Type.Unknown()),
  createdAt: Type.String(),
  readAt: Type.Union([Type.String(), Type.Null()]),
});

export const NotificationListQuery = Type.Object(
  {
    unread: Type.Optional(Type.Boolean()),
    before: Type.Optional(Type.String({ maxLength: 40 })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
  },
  { additionalProperties: false },
);

export const MarkReadBody = Type.Object(
  { ids: Type.Union([Type.Array(Type.String(), { maxItems: 500 }), Type.Literal('all')]) },
  { additionalProperties: false },
);
