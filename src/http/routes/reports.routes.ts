import { Type } from 'typebox';
import { reportCsv, reportXlsx } from '../../core/reports/report-export.ts';
import type { ReportQuery } from '../../core/reports/report-scope.ts';
import { signedIn } from '../plugins/auth.ts';
import { errorResponses, IdParams } from '../schemas/common.ts';
import {
  DashboardQuery,
  DashboardSchema,
  NewSubscription,
  NewTimesheetSend,
  OrganizationQuery,
  ReportOrFile,
  ReportParams,
  ReportQuerySchema,
  SubscriptionSchema,
  TimesheetRecipientSchema,
  TimesheetSendSchema,
} from '../schemas/reports.ts';
import type { RouteDeps, TypedApp } from '../types.ts';

const tags = ['reports'];
const LIST_KEYS = ['departmentId', 'agentId', 'organizationId', 'typeId', 'priority', 'channel'] as const;

/** Comma-separated query parameters → the report query the domain understands. */
function reportQueryFrom(params: Record<string, unknown>): ReportQuery {
  const query: ReportQuery = {
    from: params.from as string | undefined,
    to: params.to as string | undefined,
    tz: params.tz as string | undefined,
    interval: params.interval as ReportQuery['interval'],
  };
  for (const key of LIST_KEYS) {
    const value = params[key];
    if (typeof value !== 'string') continue;
    const values = value
      .split(',')
      .map((v) => v.trim())
      .filter(Boolean);
    if (values.length > 0) query[key] = values;
  }
  return query;
}

export function reportRoutes(app: TypedApp, deps: RouteDeps) {
  const reports = deps.services.reports;

  app.get(
    '/api/v1/reports/dashboard',
    {
      config: { access: 'reports.read' },
      schema: {
        tags,
        summary:
          'The supervisor dashboard: open by status and department, unassigned, red, SLA due within the hour, ' +
          'breached today, new and solved today, CSAT of 30 days, open load per agent (the console refreshes it live)',
        querystring: DashboardQuery,
        response: { 200: DashboardSchema, ...errorResponses },
      },
    },
    async (request) => reports.dashboard(signedIn(request.auth).actor, reportQueryFrom(request.query)),
  );

  const subscriptions = deps.services.reportSubscriptions;
  const summary = 'A summary of the period by mail (daily, weekly or monthly) for the signed-in staff member';
  app.get(
    '/api/v1/reports/subscriptions',
    {
      config: { access: 'reports.read' },
      schema: {
        tags,
        summary: `${summary}: their subscriptions`,
        response: { 200: Type.Object({ items: Type.Array(SubscriptionSchema) }), ...errorResponses },
      },
    },
    async (request) => ({ items: await subscriptions.list(signedIn(request.auth).actor) }),
  );
  app.post(
    '/api/v1/reports/subscriptions',
    {
      config: { access: 'reports.read' },
      schema: {
        tags,
        summary: `${summary}: subscribe (weekly unless told; figures of the departments they see only)`,
        body: NewSubscription,
        response: { 201: SubscriptionSchema, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await subscriptions.create(signedIn(request.auth).actor, request.body)),
  );
  app.patch(
    '/api/v1/reports/subscriptions/:id',
    {
      config: { access: 'reports.read' },
      schema: {
        tags,
        summary: `${summary}: change one of their own`,
        params: IdParams,
        body: NewSubscription,
        response: { 200: SubscriptionSchema, ...errorResponses },
      },
    },
    async (request) => subscriptions.update(signedIn(request.auth).actor, request.params.id, request.body),
  );
  app.delete(
    '/api/v1/reports/subscriptions/:id',
    {
      config: { access: 'reports.read' },
      schema: {
        tags,
        summary: `${summary}: unsubscribe`,
        params: IdParams,
        response: { 204: Type.Null(), ...errorResponses },
      },
    },
    async (request, reply) => {
      await subscriptions.remove(signedIn(request.auth).actor, request.params.id);
      return reply.status(204).send(null);
    },
  );

  const timesheets = deps.services.timesheets;
  app.get(
    '/api/v1/reports/timesheets/recipients',
    {
      config: { access: 'reports.read' },
      schema: {
        tags,
        summary: "Whom an organization's timesheet goes to by default: its main contacts (else its owners)",
        querystring: OrganizationQuery,
        response: { 200: Type.Object({ items: Type.Array(TimesheetRecipientSchema) }), ...errorResponses },
      },
    },
    async (request) => ({
      items: await timesheets.recipients(signedIn(request.auth).actor, request.query.organizationId),
    }),
  );
  app.get(
    '/api/v1/reports/timesheets',
    {
      config: { access: 'reports.read' },
      schema: {
        tags,
        summary: "The timesheets sent to an organization: month, recipients, who sent it, when, the mail's state",
        querystring: OrganizationQuery,
        response: { 200: Type.Object({ items: Type.Array(TimesheetSendSchema) }), ...errorResponses },
      },
    },
    async (request) => ({ items: await timesheets.sends(signedIn(request.auth).actor, request.query.organizationId) }),
  );
  app.post(
    '/api/v1/reports/timesheets',
    {
      config: { access: 'reports.read' },
      schema: {
        tags,
        summary:
          "Mails an organization's timesheet of a month (003: initials, description, h:mm, date; XLSX attached) " +
          'to addresses of its own contacts, and records who sent it',
        body: NewTimesheetSend,
        response: { 201: TimesheetSendSchema, ...errorResponses },
      },
    },
    async (request, reply) => reply.status(201).send(await timesheets.send(signedIn(request.auth).actor, request.body)),
  );

  app.get(
    '/api/v1/reports/:name',
    {
      config: { access: 'reports.read' },
      schema: {
        tags,
        summary:
          'A report (volume, first-reply, resolution, sla-compliance, staleness, backlog-age, satisfaction, time) ' +
          'for a period of local days with filters: figures, a series for the chart and a table; ' +
          "?format=csv|xlsx gives the table as a file (headers in the agent's language)",
        params: ReportParams,
        querystring: ReportQuerySchema,
        response: { 200: ReportOrFile, ...errorResponses },
      },
    },
    async (request, reply) => {
      const { actor } = signedIn(request.auth);
      const report = await reports.run(actor, request.params.name, reportQueryFrom(request.query));
      const format = request.query.format ?? 'json';
      // Sent as text: the schema's serializer checks the union's branch and every cell's type by
      // validating them, 0.2–0.4 s for a month's timesheet at a million tickets against 30 ms for
      // JSON.stringify of the same report, which the domain already builds to the schema.
      if (format === 'json') return reply.type('application/json; charset=utf-8').send(JSON.stringify(report));
      const locale = actor.kind === 'agent' ? actor.locale : 'es';
      const file = `${report.report}-${report.range.from}-${report.range.to}.${format}`;
      reply.header('content-disposition', `attachment; filename="${file}"`);
      if (format === 'csv') return reply.type('text/csv; charset=utf-8').send(reportCsv(report, locale));
      return reply
        .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .send(await reportXlsx(report, locale));
    },
  );
}
