import { api } from '../../app/api.ts';
import type { Dashboard, Report } from '../../app/api-types.ts';

export const REPORTS = [
  'volume',
  'first-reply',
  'resolution',
  'sla-compliance',
  'staleness',
  'backlog-age',
  'satisfaction',
  'time',
  'protocols',
] as const;
export type ReportName = (typeof REPORTS)[number];
/** The Informes tabs: the live dashboard, then each report. */
export const REPORT_PAGES = ['dashboard', ...REPORTS] as const;
export type ReportPage = (typeof REPORT_PAGES)[number];

/** The filters of a report as the address bar keeps them (so a report can be bookmarked or shared). */
export type ReportSearch = {
  from?: string;
  to?: string;
  interval?: 'day' | 'week';
  departmentId?: string;
  agentId?: string;
  organizationId?: string;
  priority?: string;
  channel?: string;
};

const KEYS = ['from', 'to', 'interval', 'departmentId', 'agentId', 'organizationId', 'priority', 'channel'] as const;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Keeps only well-formed filters from the address bar; the server checks the values again. */
export function reportSearch(search: Record<string, unknown>): ReportSearch {
  const out: ReportSearch = {};
  for (const key of KEYS) {
    const value = search[key];
    if (typeof value !== 'string' || value === '' || value.length > 200) continue;
    if ((key === 'from' || key === 'to') && !DATE.test(value)) continue;
    if (key === 'interval' && value !== 'day' && value !== 'week') continue;
    (out as Record<string, string>)[key] = value;
  }
  return out;
}

// Under 'report', which live ticket events mark stale (LiveProvider): open reports refresh by themselves.
export const reportKeys = {
  one: (name: ReportName, search: ReportSearch) => ['report', name, search] as const,
  dashboard: (search: ReportSearch) => ['report', 'dashboard', search] as const,
};

export function fetchDashboard(search: ReportSearch, signal?: AbortSignal): Promise<Dashboard> {
  const { from: _from, to: _to, interval: _interval, ...filters } = search;
  return api('/reports/dashboard', { query: filters, ...(signal ? { signal } : {}) });
}

export function fetchReport(name: ReportName, search: ReportSearch, signal?: AbortSignal): Promise<Report> {
  return api(`/reports/${name}`, { query: search, ...(signal ? { signal } : {}) });
}

/** The address of the report's table as a file; the session cookie authorizes the download. */
export function exportUrl(name: ReportName, search: ReportSearch, format: 'csv' | 'xlsx'): string {
  const query = new URLSearchParams({ ...(search as Record<string, string>), format });
  return `/api/v1/reports/${name}?${query.toString()}`;
}
