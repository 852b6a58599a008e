import { isCalendarDate } from '../contracts/contract-terms.ts';
import { foldKey } from '../shared/text.ts';

/**
 * What a SINPE Móvil receipt says (seed 002), read from its text: the OCR of a photo or a PDF's text
 * layer. Pure: no I/O, so every layout rule is unit-tested. Anything not found is null, never guessed.
 */
export interface ReceiptFields {
  /** Major units as a decimal string, "45200.00", in the form `POST …/payments` takes. */
  amount: { value: string; currency: 'CRC' | 'USD' } | null;
  /** YYYY-MM-DD. */
  date: string | null;
  reference: string | null;
  payerName: string | null;
}

/** Labels as folded by `foldKey`; the value follows on the same line (after ":") or on the next one. */
const LABELS = {
  amount: /^(monto|importe|total|valor)\b/,
  date: /^fecha\b/,
  reference: /^(motivo|descripcion|detalle|concepto)\b/,
  // Not "Nombre del receptor/destinatario": that is Wolk itself.
  payerName:
    /^(nombre del emisor|nombre del ordenante|nombre de origen|emisor|ordenante|remitente|enviado por|pagador)\b/,
} as const;

const ANY_LABEL =
  /^(monto|importe|total|valor|fecha|hora|motivo|descripcion|detalle|concepto|nombre|emisor|ordenante|remitente|enviado|pagador|receptor|destinatario|telefono|cuenta|comprobante|referencia|numero)\b/;

const MONTHS: Record<string, number> = {
  ene: 1,
  feb: 2,
  mar: 3,
  abr: 4,
  may: 5,
  jun: 6,
  jul: 7,
  ago: 8,
  set: 9,
  sep: 9,
  oct: 10,
  nov: 11,
  dic: 12,
};

/** The text after a line's label: "Motivo: ID 1234" → "ID 1234"; the next line when the label stands alone. */
function labelled(lines: string[], label: RegExp): string | null {
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    const folded = foldKey(line);
    const match = label.exec(folded);
    if (!match) continue;
    // "Fecha y hora: 05/12/2026 10:32" splits at the label's colon, not at the time's.
    const colon = /^[^\d:]*:/.exec(line);
    let value = colon ? line.slice(colon[0].length) : afterWords(line, match[0].split(' ').length);
    value = value.trim();
    if (!value) {
      const next = lines.slice(i + 1).find((l) => l.trim() !== '');
      if (next && !ANY_LABEL.test(foldKey(next))) value = next.trim();
    }
    if (value) return value;
  }
  return null;
}

/** The line without its first `count` words (a label written without a colon: "Monto ₡45.200,00"). */
function afterWords(line: string, count: number): string {
  return line
    .trim()
    .split(/\s+/)
    .slice(count)
    .join(' ')
    .replace(/^[\s.\-–]+/, '');
}

const AMOUNT =
  /(₡|¢|€|US\$|\$|USD|CRC)?\s*(\d+(?:[.,\s\u00a0]\d{3})+(?:[.,]\d{1,2})?|\d+(?:[.,]\d{1,2})?)(?!\d)\s*(colones|d[oó]lares|USD|CRC)?/i;

const WELL_FORMED = /^(\d{1,3}(?:[.,\s\u00a0]\d{3})+(?:[.,]\d{1,2})?|\d+(?:[.,]\d{1,2})?)$/;

/** How the text was made: OCR misreads in known ways that a PDF's text layer does not. */
export interface ReadOptions {
  ocr?: boolean;
}

/**
 * An amount as Costa Rican receipts write it: "₡45.200,00", "₡ 45 200,00", "$1,250.50", "45200".
 * The last "." or "," is the decimal point when one or two digits follow it; other separators group thousands.
 * ₡ that OCR misreads as ¢ or € still means colones; SINPE Móvil moves colones unless "$" or "USD" says otherwise.
 * In OCR text an amount with no sign at all lost its ₡ to a "2" or a "4" (Tesseract's Spanish model has no ₡,
 * and SINPE receipts always print one): "212.000,00" is ₡12.000,00. The agent confirms it either way.
 */
export function parseReceiptAmount(text: string, options: ReadOptions = {}): ReceiptFields['amount'] {
  const match = AMOUNT.exec(text);
  if (!match) return null;
  const [, before = '', found = '', after = ''] = match;
  let number = found;
  if (options.ocr && !before && !after && /^[24]/.test(number) && WELL_FORMED.test(number.slice(1))) {
    number = number.slice(1);
  }
  const sign = `${before} ${after}`.toLowerCase();
  const currency = /\$|usd|d[oó]lares/.test(sign) ? 'USD' : 'CRC';
  const decimal = /[.,](\d{1,2})$/.exec(number);
  const whole = (decimal ? number.slice(0, decimal.index) : number).replace(/[^\d]/g, '');
  const cents = (decimal?.[1] ?? '').padEnd(2, '0');
  const value = `${whole.replace(/^0+(?=\d)/, '')}.${cents}`;
  return Number(whole) === 0 && Number(cents) === 0 ? null : { value, currency };
}

/** "05/12/2026", "5-12-26", "2026-12-05", "5 dic 2026", "5 de diciembre de 2026" → "2026-12-05" (day first, as in Costa Rica). */
export function parseReceiptDate(text: string): string | null {
  const numeric = /\b(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4}|\d{2})(?!\d)/.exec(text);
  const iso = /\b(\d{4})-(\d{1,2})-(\d{1,2})(?!\d)/.exec(text);
  const words = /\b(\d{1,2}) (?:de )?([a-z]{3})[a-z]* (?:de |del )?(\d{4})\b/.exec(foldKey(text));
  let parts: [number, number, number] | null = null;
  if (iso) parts = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
  else if (numeric) parts = [fullYear(Number(numeric[3])), Number(numeric[2]), Number(numeric[1])];
  else if (words && MONTHS[words[2] as string]) {
    parts = [Number(words[3]), MONTHS[words[2] as string] as number, Number(words[1])];
  }
  if (!parts) return null;
  const [year, month, day] = parts;
  const date = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  return isCalendarDate(date) ? date : null;
}

function fullYear(year: number): number {
  return year < 100 ? 2000 + year : year;
}

function cleanText(value: string | null, options: ReadOptions = {}): string | null {
  let text = value?.replace(/\s+/g, ' ').replace(/^[\s"'“”:.\-–]+|[\s"'“”]+$/g, '') ?? '';
  // OCR reads the customer code's "ID 1234" as "1D 1234" or "lD 1234"; the checks look for "ID".
  if (options.ocr) text = text.replace(/(^|\s)[1lI|]D(?=\s*\d)/g, '$1ID');
  return text === '' ? null : text.slice(0, 200);
}

/** A line that is only an amount with decimals (a layout that prints it big on top, its sign lost to OCR). */
const AMOUNT_ALONE = /^\s*\S?\s*\d{1,3}(?:[.\s]\d{3})*,\d{2}\s*$/;

/** The four fields of the payment form, from the text of a receipt. */
export function parseReceiptText(text: string, options: ReadOptions = {}): ReceiptFields {
  const lines = text.split(/\r?\n/).filter((line) => line.trim() !== '');
  const amountText = labelled(lines, LABELS.amount);
  const dateText = labelled(lines, LABELS.date);
  return {
    // Without a label, the first amount with a currency sign anywhere will do (some layouts print it big, alone).
    amount:
      (amountText ? parseReceiptAmount(amountText, options) : null) ??
      parseReceiptAmount(lines.find((l) => /[₡¢$]|\bCRC\b|\bUSD\b/i.test(l) || AMOUNT_ALONE.test(l)) ?? '', options),
    date: (dateText ? parseReceiptDate(dateText) : null) ?? firstDate(lines),
    reference: cleanText(labelled(lines, LABELS.reference), options),
    payerName: cleanText(labelled(lines, LABELS.payerName)),
  };
}

function firstDate(lines: string[]): string | null {
  for (const line of lines) {
    const date = parseReceiptDate(line);
    if (date) return date;
  }
  return null;
}

/** One recognized character with its box's top and bottom, in pixels. */
export interface OcrSymbol {
  text: string;
  y0: number;
  y1: number;
}

/**
 * A line of OCR words as text, putting back the colón sign: Tesseract's Spanish model reads "₡45.200,00"
 * as "245.200,00" (or 2245… when the amount starts with 2), which would be a wrong amount rather than
 * none. The sign's strokes reach above and below the digits; a real leading digit stays within them.
 */
export function ocrLineText(words: OcrSymbol[][]): string {
  return words.map(wordWithColonSign).join(' ');
}

function wordWithColonSign(symbols: OcrSymbol[]): string {
  const text = symbols.map((s) => s.text).join('');
  const [first, ...rest] = symbols;
  const digits = rest.filter((s) => /^\d$/.test(s.text));
  if (!first || !/^[2¢€©cC]$/.test(first.text) || digits.length < 2 || !/^\d/.test(rest[0]?.text ?? '')) {
    return text;
  }
  const top = Math.min(...digits.map((s) => s.y0));
  const bottom = Math.max(...digits.map((s) => s.y1));
  return first.y0 < top && first.y1 > bottom ? `₡${text.slice(first.text.length)}` : text;
}
