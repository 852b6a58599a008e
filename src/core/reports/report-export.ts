import type ExcelJS from 'exceljs';
import { DateTime } from 'luxon';
import type { MessageKey } from '../../i18n/es.ts';
import { translate } from '../../i18n/translate.ts';
import type { Locale } from '../shared/actor.ts';
import { formatDuration } from '../work/duration.ts';
import type { Cell, Report, ReportColumn } from './report.ts';

export type ExportFormat = 'csv' | 'xlsx';

const TRANSLATED_VALUES = new Set(['metric', 'rating']);

export function label(locale: Locale, key: string): string {
  return translate(locale, key as MessageKey);
}

/** A cell as people read it: minutes as h:mm (003: "00:30"), fixed vocabularies translated. */
export function readable(locale: Locale, column: ReportColumn, value: Cell): string | number | null {
  if (value === null) return null;
  if (column.type === 'minutes') return formatDuration(Math.round(Number(value)));
  if (column.key === 'billable') return label(locale, Number(value) === 1 ? 'reports.value.yes' : 'reports.value.no');
  if (TRANSLATED_VALUES.has(column.key)) return label(locale, `reports.value.${value}`);
  return value;
}

/** Spreadsheets run a cell that starts with = + - @ as a formula: such text is quoted with '. */
function csvField(value: string | number | null): string {
  if (value === null) return '';
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** RFC 4180 CSV of the report's table, with a BOM so Excel reads the accents as UTF-8. */
export function reportCsv(report: Report, locale: Locale): string {
  const header = report.columns.map((c) => csvField(label(locale, `reports.column.${c.key}`)));
  const lines = report.rows.map((row) => report.columns.map((c) => csvField(readable(locale, c, row[c.key] ?? null))));
  return `\uFEFF${[header, ...lines].map((cells) => cells.join(',')).join('\r\n')}\r\n`;
}

/**
 * The report as a workbook: the table (durations as spreadsheet times formatted [h]:mm, so they
 * add up; dates as dates) and a summary sheet with the period.
 */
export async function reportXlsx(report: Report, locale: Locale): Promise<Buffer> {
  // Loaded on the first export only: exceljs is large and the server runs in 160 MB of heap.
  const { default: Excel } = await import('exceljs');
  const workbook = new Excel.Workbook();
  workbook.creator = 'Tiquete';
  const title = label(locale, `reports.title.${report.report}`);
  const sheet = workbook.addWorksheet(title.slice(0, 31));
  sheet.columns = report.columns.map((c) => ({
    header: label(locale, `reports.column.${c.key}`),
    key: c.key,
    width: c.type === 'text' ? 28 : 16,
    style: xlsxStyle(c),
  }));
  sheet.getRow(1).font = { bold: true };
  for (const row of report.rows) {
    sheet.addRow(
      Object.fromEntries(
        report.columns.map((c) => [c.key, xlsxValue(locale, report.range.timeZone, c, row[c.key] ?? null)]),
      ),
    );
  }
  const summary = workbook.addWorksheet(label(locale, 'reports.sheet.summary'));
  summary.columns = [{ width: 36 }, { width: 24 }];
  summary.addRow([title]).font = { bold: true };
  summary.addRow([
    label(locale, 'reports.sheet.period'),
    `${report.range.from} – ${report.range.to} (${report.range.timeZone})`,
  ]);
  for (const [key, value] of Object.entries(report.summary)) {
    summary.addRow([label(locale, `reports.summary.${key}`), value]);
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

function xlsxStyle(column: ReportColumn): Partial<ExcelJS.Style> {
  if (column.type === 'minutes') return { numFmt: '[h]:mm' };
  if (column.type === 'date') return { numFmt: 'dd/mm/yyyy' };
  if (column.type === 'datetime') return { numFmt: 'dd/mm/yyyy hh:mm' };
  return {};
}

function xlsxValue(locale: Locale, timeZone: string, column: ReportColumn, value: Cell): ExcelJS.CellValue {
  if (value === null) return null;
  // A spreadsheet time is a fraction of a day.
  if (column.type === 'minutes') return Number(value) / 1440;
  if (column.type === 'date') return new Date(`${value}T00:00:00.000Z`);
  // Spreadsheets have no time zones: the wall-clock time of the report's zone is written as is.
  if (column.type === 'datetime') {
    const local = DateTime.fromISO(String(value)).setZone(timeZone);
    return new Date(Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute));
  }
  return readable(locale, column, value);
}
