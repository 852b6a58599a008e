import { DateTime } from 'luxon';
import type { Locale } from '../shared/actor.ts';
import { escapeHtml, type OutgoingMail } from '../templates/email-template.service.ts';
import type { Cell, Report, ReportColumn } from './report.ts';
import { label, readable } from './report-export.ts';

/** dd/mm/yyyy, as the seed teams write dates. */
export function dmy(date: string): string {
  const [y, m, d] = date.split('-');
  return `${d}/${m}/${y}`;
}

/** A cell as the mail shows it: dates as dd/mm/yyyy, instants in the reader's zone, h:mm, translations. */
function cellText(locale: Locale, timeZone: string, column: ReportColumn, value: Cell): string {
  if (value === null) return '—';
  if (column.type === 'date') return dmy(String(value));
  if (column.type === 'datetime') {
    return DateTime.fromISO(String(value)).setZone(timeZone).toFormat('dd/MM/yyyy HH:mm');
  }
  if (column.type === 'percent') return `${value} %`;
  return String(readable(locale, column, value));
}

/** A summary figure as the labels name it (minutes in minutes, shares as percentages), nothing as a dash. */
function figureText(key: string, value: number | null): string {
  if (value === null) return '—';
  if (key === 'compliance' || key.endsWith('Share')) return `${value} %`;
  return String(value);
}

const TABLE = 'border-collapse:collapse;margin:0 0 16px;font-size:14px';
const CELL = 'border:1px solid #d0d7de;padding:4px 8px;text-align:left';

/** A table as HTML (every value escaped) and as aligned plain text for the text part. */
export function mailTable(header: string[], rows: string[][]): { html: string; text: string } {
  const tr = (cells: string[], tag: 'th' | 'td') =>
    `<tr>${cells.map((c) => `<${tag} style="${CELL}">${escapeHtml(c)}</${tag}>`).join('')}</tr>`;
  const html = `<table style="${TABLE}"><thead>${tr(header, 'th')}</thead><tbody>${rows.map((r) => tr(r, 'td')).join('')}</tbody></table>`;
  const text = [header, ...rows].map((r) => r.join(' | ')).join('\n');
  return { html, text };
}

/** A report's table in a mail (the columns given, or all of them), headers in the reader's language. */
export function reportRowsTable(report: Report, locale: Locale, keys?: string[]) {
  const columns = keys ? report.columns.filter((c) => keys.includes(c.key)) : report.columns;
  return mailTable(
    columns.map((c) => label(locale, `reports.column.${c.key}`)),
    report.rows.map((row) => columns.map((c) => cellText(locale, report.range.timeZone, c, row[c.key] ?? null))),
  );
}

/** A report's figures at a glance: one row per summary figure. */
export function reportSummaryTable(report: Report, locale: Locale) {
  return mailTable(
    [label(locale, `reports.title.${report.report}`), ''],
    Object.entries(report.summary).map(([key, value]) => [
      label(locale, `reports.summary.${key}`),
      figureText(key, value),
    ]),
  );
}

/** A mail about no ticket from Tiquete itself: its Message-ID fixed by the outbox row. */
export function reportMail(input: {
  outboxId: string;
  from: { address: string; name: string };
  to: string[];
  subject: string;
  html: string;
  text: string;
  attachments: OutgoingMail['attachments'];
}): OutgoingMail {
  return {
    messageId: `tiquete.${input.outboxId}@${input.from.address.split('@')[1] ?? 'localhost'}`,
    from: input.from,
    to: input.to,
    cc: [],
    subject: input.subject,
    text: input.text,
    html: `<!doctype html><html><body style="font-family:Arial,sans-serif;color:#1f2328">${input.html}</body></html>`,
    inReplyTo: null,
    references: [],
    headers: { 'Auto-Submitted': 'auto-generated' },
    attachments: input.attachments,
    ticketId: null,
    tiqueteMessageId: null,
  };
}
