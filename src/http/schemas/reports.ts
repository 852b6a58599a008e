import { Type } from 'typebox';
import { REPORT_NAMES } from '../../core/reports/report.ts';

const List = Type.Optional(Type.String({ maxLength: 2000, description: 'comma-separated values' }));
const LocalDate = Type.Optional(Type.String({ maxLength: 10, description: 'YYYY-MM-DD, a local day (included)' }));

export const ReportParams = Type.Object(
  { name: Type.Union(REPORT_NAMES.map((n) => Type.Literal(n))) },
  { additionalProperties: false },
);

export const ReportQuerySchema = Type.Object(
  {
    from: LocalDate,
    to: LocalDate,
    tz: Type.Optional(Type.String({ maxLength: 64, description: "IANA zone of the days; the default calendar's" })),
    interval: Type.Optional(Type.Union([Type.Literal('day'), Type.Literal('week')])),
    departmentId: Type.Optional(Type.String({ maxLength: 2000, description: 'ids, "mine" or "none"' })),
    agentId: Type.Optional(
      Type.String({ maxLength: 2000, description: 'assignee ids, "me" or "none"; in the time report, who logged' }),
    ),
    organizationId: List,
    typeId: List,
    priority: List,
    channel: List,
    format: Type.Optional(
      Type.Union([Type.Literal('json'), Type.Literal('csv'), Type.Literal('xlsx')], {
        description: 'json (default), or the table as a CSV or XLSX file',
      }),
    ),
  },
  { additionalProperties: false },
);

const Cell = Type.Union([Type.String(), Type.Number(), Type.Null()]);
const Row = Type.Record(Type.String(), Cell);

export const ReportSchema = Type.Object({
  report: Type.String(),
  range: Type.Object({ from: Type.String(), to: Type.String(), timeZone: Type.String() }),
  summary: Type.Record(Type.String(), Type.Union([Type.Number(), Type.Null()])),
  series: Type.Array(Row),
  breakdowns: Type.Record(Type.String(), Type.Array(Row)),
  columns: Type.Array(Type.Object({ key: Type.String(), type: Type.String() })),
  rows: Type.Array(Row),
});

/** The JSON report, or with ?format=csv|xlsx its table as a file. */
export const ReportOrFile = Type.Union([
  ReportSchema,
  Type.Unsafe<string | Buffer>({ type: 'string', format: 'binary', description: 'the CSV or XLSX file' }),
]);

const Count = Type.Integer({ minimum: 0 });
export const DashboardSchema = Type.Object({
  at: Type.String(),
  timeZone: Type.String(),
  counts: Type.Object({
    open: Count,
    unassigned: Count,
    stale: Count,
    breachingWithinHour: Count,
    breachedToday: Count,
    newToday: Count,
    solvedToday: Count,
  }),
  csat30: Type.Object({ good: Count, rated: Count, goodShare: Type.Union([Type.Number(), Type.Null()]) }),
  byStatus: Type.Array(Row),
  byDepartment: Type.Array(Row),
  agentLoad: Type.Array(Row),
});

export const DashboardQuery = Type.Pick(ReportQuerySchema, [
  'tz',
  'departmentId',
  'agentId',
  'organizationId',
  'typeId',
  'priority',
  'channel',
]);

const Frequency = Type.Union([Type.Literal('daily'), Type.Literal('weekly'), Type.Literal('monthly')]);
const Attachment = Type.Union([Type.Literal('none'), Type.Literal('csv'), Type.Literal('xlsx')], {
  description: 'the volume and SLA tables attached as files, or none',
});
const DepartmentIds = Type.Array(Type.String({ minLength: 1, maxLength: 100 }), {
  maxItems: 50,
  description: 'narrow the summary to these departments; empty: every department the subscriber sees',
});

export const SubscriptionSchema = Type.Object({
  id: Type.String(),
  agentId: Type.String(),
  frequency: Frequency,
  attachment: Attachment,
  departmentIds: Type.Array(Type.String()),
  createdAt: Type.String(),
  updatedAt: Type.String(),
});

export const NewSubscription = Type.Object(
  {
    frequency: Type.Optional(Frequency),
    attachment: Type.Optional(Attachment),
    departmentIds: Type.Optional(DepartmentIds),
  },
  { additionalProperties: false },
);

export const OrganizationQuery = Type.Object(
  { organizationId: Type.String({ minLength: 1, maxLength: 100 }) },
  { additionalProperties: false },
);

export const TimesheetRecipientSchema = Type.Object({ email: Type.String(), name: Type.String() });

export const NewTimesheetSend = Type.Object(
  {
    organizationId: Type.String({ minLength: 1, maxLength: 100 }),
    month: Type.String({ pattern: '^\\d{4}-\\d{2}$', description: 'YYYY-MM' }),
    to: Type.Array(Type.String({ minLength: 3, maxLength: 254 }), { minItems: 1, maxItems: 20 }),
  },
  { additionalProperties: false },
);

export const TimesheetSendSchema = Type.Object({
  id: Type.String(),
  organizationId: Type.String(),
  month: Type.String(),
  recipients: Type.Array(Type.String()),
  sentBy: Type.Union([Type.Object({ id: Type.String(), name: Type.String() }), Type.Null()]),
  createdAt: Type.String(),
  delivery: Type.Union([Type.Literal('pending'), Type.Literal('sent'), Type.Literal('failed')]),
});
