import { reportCsv, reportXlsx } from '../../core/reports/report-export.ts';
import type { ReportQuery } from '../../core/reports/report-scope.ts';
import { signedIn } from '../plugins/auth.ts';
import { errorResponses } from '../schemas/common.ts';
import { DashboardQuery, DashboardSchema, ReportOrFile, ReportParams, ReportQuerySchema } from '../schemas/reports.ts';
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
      if (format === 'json') return report;
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
