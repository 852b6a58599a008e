import type { TicketFilters } from '../tickets/ticket.repository.ts';

export const REPORT_NAMES = [
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
export type ReportName = (typeof REPORT_NAMES)[number];

/** How a column's values read: exports format `minutes` as h:mm and `percent` as a share. */
export type ColumnType = 'text' | 'number' | 'minutes' | 'percent' | 'date' | 'datetime';
export type Cell = string | number | null;
export type Row = Record<string, Cell>;

export interface ReportColumn {
  key: string;
  type: ColumnType;
}

/** What every report answers: figures at a glance, a series for the chart, a table (the export). */
export interface Report {
  report: ReportName;
  /** Local dates, both included, in `timeZone`. */
  range: { from: string; to: string; timeZone: string };
  summary: Record<string, number | null>;
  series: Row[];
  /** Other cuts of the same figures (by channel, by agent…), each a small table. */
  breakdowns: Record<string, Row[]>;
  columns: ReportColumn[];
  rows: Row[];
}

/** The period and filters of one report run, resolved for the actor. */
export interface ReportScope {
  /** UTC instants: from (included) and to (excluded). */
  fromAt: string;
  toAt: string;
  /** Local dates in `timeZone`, both included (time entries are dated this way). */
  fromDate: string;
  toDate: string;
  timeZone: string;
  interval: 'day' | 'week';
  now: Date;
  /** On `tickets`; `assigneeId` is the agent filter except in the time report. */
  tickets: TicketFilters;
  /** The time report's agent filter: who logged the time. */
  agentIds?: string[];
}
