import { createRequire } from 'node:module';
import path from 'node:path';
import { Resvg } from '@resvg/resvg-js';
import type { ReceiptFields } from './receipt-text.ts';

/**
 * SINPE Móvil receipts the tests make themselves: text laid out like a bank app's screenshot, rendered
 * to PNG with resvg and the DejaVu font from npm (the same pixels on every machine, no system fonts).
 */
export interface GeneratedReceipt {
  png: Buffer;
  /** What a perfect reading finds. */
  expected: ReceiptFields;
}

const require = createRequire(import.meta.url);
const FONT = path.join(path.dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf', 'DejaVuSans.ttf');

const xmlText = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Lines of text (a size per line, in px) on a white card, as PNG. */
export function renderLines(lines: { text: string; size?: number; bold?: boolean }[], width = 640): Buffer {
  let y = 30;
  const texts = lines.map((line) => {
    const size = line.size ?? 20;
    y += size * 1.9;
    return `<text x="32" y="${y}" font-family="DejaVu Sans" font-size="${size}" fill="#1f2933">${xmlText(line.text)}</text>`;
  });
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${y + 40}"><rect width="100%" height="100%" fill="#ffffff"/>${texts.join('')}</svg>`;
  return new Resvg(svg, { font: { fontFiles: [FONT], loadSystemFonts: false, defaultFontFamily: 'DejaVu Sans' } })
    .render()
    .asPng();
}

const PAYERS = [
  'Panadería La Espiga S.A.',
  'María Fernanda Solís',
  'Ferretería El Clavo S.A.',
  'José Ángel Quirós Mora',
  'Soda Doña Tere',
  'Distribuidora Ramírez Ltda.',
];
const REFERENCES = [
  'ID 1234 pago diciembre',
  'Mensualidad ID Wolk 48213',
  'Pago factura 5531',
  'ID 7788 anualidad',
  'Pago sistema POS',
  'ID 3021',
];
const MONTHS = ['ene', 'feb', 'mar', 'abr', 'may', 'jun', 'jul', 'ago', 'set', 'oct', 'nov', 'dic'];

/** "45200.00" as Costa Rican receipts print it: "45.200,00". */
function crFormat(value: string): string {
  const [whole = '', cents = ''] = value.split('.');
  return `${whole.replace(/\B(?=(\d{3})+(?!\d))/g, '.')},${cents}`;
}

/**
 * The `index`-th receipt of a fixed series: two layouts (label and value on one line; value under its
 * label, amount alone on top), colones and dollars, dates with numbers and with month names.
 */
export function sinpeReceipt(index: number): GeneratedReceipt {
  const payer = PAYERS[index % PAYERS.length] as string;
  const reference = REFERENCES[(index * 5) % REFERENCES.length] as string;
  const dollars = index % 4 === 3;
  const value = dollars
    ? `${40 + index * 7}.${String((index * 13) % 100).padStart(2, '0')}`
    : `${12 + index * 9}${String(index * 137)
        .padStart(3, '0')
        .slice(-3)}.00`;
  const amountText = `${dollars ? '$' : '₡'}${crFormat(value)}`;
  const day = ((index * 11) % 28) + 1;
  const month = ((index * 5) % 12) + 1;
  const date = `2026-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  const dateText =
    index % 2 === 0
      ? `${String(day).padStart(2, '0')}/${String(month).padStart(2, '0')}/2026 10:${String(10 + index).slice(-2)}`
      : `${day} ${MONTHS[month - 1]} 2026, 3:${String(20 + index).slice(-2)} p. m.`;
  const lines =
    index % 2 === 0
      ? [
          { text: 'SINPE Móvil', size: 26 },
          { text: 'Transferencia exitosa' },
          { text: `Monto: ${amountText}` },
          { text: `Fecha: ${dateText}` },
          { text: `Nombre del emisor: ${payer}` },
          { text: 'Nombre del receptor: Wolk Software S.A.' },
          { text: `Motivo: ${reference}` },
          { text: `Comprobante: 2026${String(123456789 + index * 7919)}` },
        ]
      : [
          { text: amountText, size: 30 },
          { text: 'Transferencia realizada' },
          { text: 'Fecha y hora', size: 16 },
          { text: dateText },
          { text: 'Remitente', size: 16 },
          { text: payer },
          { text: 'Descripción', size: 16 },
          { text: reference },
          { text: 'Referencia', size: 16 },
          { text: `${88_000_000 + index * 31}` },
        ];
  return {
    png: renderLines(lines),
    expected: { amount: { value, currency: dollars ? 'USD' : 'CRC' }, date, reference, payerName: payer },
  };
}

/** A one-page PDF whose text layer holds `lines` (Helvetica, ASCII), as a bank's "descargar comprobante" gives. */
export function pdfWithText(lines: string[]): Buffer {
  const stream = [
    'BT /F1 14 Tf 50 780 Td 18 TL',
    ...lines.map((line) => `(${line.replace(/[\\()]/g, (c) => `\\${c}`)}) Tj T*`),
    'ET',
  ].join('\n');
  return pdf([
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${Buffer.byteLength(stream, 'latin1')} >>\nstream\n${stream}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ]);
}

/** A PDF with a page and no text layer: what a scanner makes (here without even the picture). */
export function pdfWithoutText(): Buffer {
  const stream = '0.9 g 50 500 300 200 re f';
  return pdf([
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>',
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
  ]);
}

function pdf(objects: string[]): Buffer {
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((object, i) => {
    offsets.push(Buffer.byteLength(body, 'latin1'));
    body += `${i + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xref = Buffer.byteLength(body, 'latin1');
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  body += offsets.map((offset) => `${String(offset).padStart(10, '0')} 00000 n \n`).join('');
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}
