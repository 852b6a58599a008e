import type { Db } from '../../db/database.ts';
import { assertCan } from '../accounts/access.policy.ts';
import { calendarRepository } from '../calendars/calendar.repository.ts';
import type { Actor } from '../shared/actor.ts';
import type { Clock } from '../shared/clock.ts';
import { DEFAULT_TIME_ZONE } from '../shared/time-zone.ts';
import { backlogAgeReport } from './backlog-age.repository.ts';
import { type Dashboard, dashboard } from './dashboard.repository.ts';
import { firstReplyReport, resolutionReport } from './durations.repository.ts';
import { protocolsReport } from './protocols.repository.ts';
import type { Report, ReportName, ReportScope } from './report.ts';
import { type ReportQuery, resolveReportScope } from './report-scope.ts';
import { satisfactionReport } from './satisfaction.repository.ts';
import { slaComplianceReport } from './sla-compliance.repository.ts';
import { stalenessReport } from './staleness.repository.ts';
import { timeReport } from './time.repository.ts';
import { volumeReport } from './volume.repository.ts';

const QUERIES: Record<ReportName, (db: Db, actor: Actor, scope: ReportScope) => Promise<Report>> = {
  volume: volumeReport,
  'first-reply': firstReplyReport,
  resolution: resolutionReport,
  'sla-compliance': slaComplianceReport,
  staleness: stalenessReport,
  'backlog-age': backlogAgeReport,
  satisfaction: satisfactionReport,
  time: timeReport,
  protocols: protocolsReport,
};

export function createReportService(deps: { db: Db; clock: Clock }) {
  return {
    async run(actor: Actor, name: ReportName, query: ReportQuery): Promise<Report> {
      assertCan(actor, 'reports.read');
      // Days are the install's days (its default calendar's zone) unless the caller names a zone.
      const calendar = await calendarRepository(deps.db).forDepartment(null);
      const scope = resolveReportScope(query, actor, {
        now: deps.clock.now(),
        defaultTimeZone: calendar?.timeZone ?? DEFAULT_TIME_ZONE,
        agentFilterOn: name === 'time' ? 'time_entry' : 'assignee',
      });
      return QUERIES[name](deps.db, actor, scope);
    },

    /** The supervisor dashboard: counts of now, over the tickets the actor sees and the filters given. */
    async dashboard(actor: Actor, query: ReportQuery): Promise<Dashboard> {
      assertCan(actor, 'reports.read');
      const calendar = await calendarRepository(deps.db).forDepartment(null);
      const scope = resolveReportScope(query, actor, {
        now: deps.clock.now(),
        defaultTimeZone: calendar?.timeZone ?? DEFAULT_TIME_ZONE,
        agentFilterOn: 'assignee',
      });
      return dashboard(deps.db, actor, scope);
    },
  };
}

export type ReportService = ReturnType<typeof createReportService>;
