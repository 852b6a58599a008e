import type { ReportQuery } from '../../core/reports/report-scope.ts';
import { signedIn } from '../plugins/auth.ts';
import { errorResponses } from '../schemas/common.ts';
import { ReportParams, ReportQuerySchema, ReportSchema } from '../schemas/reports.ts';
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
    '/api/v1/reports/:name',
    {
      config: { access: 'reports.read' },
      schema: {
        tags,
        summary:
          'A report (volume, first-reply, resolution, sla-compliance, staleness, backlog-age, satisfaction, time) ' +
          'for a period of local days with filters: figures, a series for the chart and a table',
        params: ReportParams,
        querystring: ReportQuerySchema,
        response: { 200: ReportSchema, ...errorResponses },
      },
    },
    async (request) =>
      reports.run(
        signedIn(request.auth).actor,
        request.params.name,
        reportQueryFrom(request.query as Record<string, unknown>),
      ),
  );
}
