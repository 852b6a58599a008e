import { afterAll, describe, expect, it } from 'vitest';
import { createReceiptReader, ReceiptUnreadable } from './receipt-reader.ts';
import { parseReceiptText, type ReceiptFields } from './receipt-text.ts';
import { pdfWithoutText, pdfWithText, renderLines, sinpeReceipt } from './test-support.ts';

const reader = createReceiptReader();
afterAll(() => reader.close());

async function reason(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ReceiptUnreadable);
  return (error as ReceiptUnreadable).reason;
}

describe('reading generated SINPE receipts by OCR', () => {
  it('finds amount, date, reference and payer on most of them (the rate is printed)', {
    timeout: 240_000,
  }, async () => {
    const count = 8;
    const keys: (keyof ReceiptFields)[] = ['amount', 'date', 'reference', 'payerName'];
    const misses: string[] = [];
    let right = 0;
    for (let i = 0; i < count; i++) {
      const receipt = sinpeReceipt(i);
      const { source, text } = await reader.read(receipt.png, 'image/png');
      expect(source).toBe('ocr');
      const found = parseReceiptText(text, { ocr: true });
      for (const key of keys) {
        if (JSON.stringify(found[key]) === JSON.stringify(receipt.expected[key])) right++;
        else misses.push(`#${i} ${key}: ${JSON.stringify(found[key])} ≠ ${JSON.stringify(receipt.expected[key])}`);
      }
    }
    const total = count * keys.length;
    console.log(
      `Receipt OCR recognition rate: ${right}/${total} fields right (${((100 * right) / total).toFixed(1)} %) over ${count} generated receipts`,
    );
    if (misses.length) console.log(`Missed:\n${misses.join('\n')}`);
    expect(right / total).toBeGreaterThanOrEqual(0.9);
  });
});

describe('what cannot be read is said, not guessed', () => {
  it('a file that is not an image, or whose bytes are not one', async () => {
    expect(await reason(reader.read(Buffer.from('hola'), 'text/plain'))).toBe('not_an_image');
    expect(await reason(reader.read(Buffer.from('not a png at all'), 'image/png'))).toBe('image_unreadable');
  });

  it('a damaged image (a cut upload) fails cleanly and the next read still works', { timeout: 60_000 }, async () => {
    const png = renderLines([{ text: 'Monto: ₡9.500,00' }]);
    expect(await reason(reader.read(png.subarray(0, 60), 'image/png'))).toBe('image_unreadable');
    expect(parseReceiptText((await reader.read(png, 'image/png')).text, { ocr: true }).amount).toEqual({
      value: '9500.00',
      currency: 'CRC',
    });
  });

  it('an iPhone HEIC photo is named as a format not read', async () => {
    const heic = Buffer.concat([Buffer.from([0, 0, 0, 24]), Buffer.from('ftypheic'), Buffer.alloc(32)]);
    expect(await reason(reader.read(heic, 'image/heic'))).toBe('format_unsupported');
  });
});

describe('PDF receipts', () => {
  it('are read from their text layer, without OCR', async () => {
    const pdf = pdfWithText([
      'SINPE Movil - Comprobante',
      'Monto: CRC 22.826,00',
      'Fecha: 05/12/2026',
      'Nombre del emisor: Ferreteria El Clavo S.A.',
      'Motivo: ID Wolk 48213 mensualidad',
    ]);
    const { source, text } = await reader.read(pdf, 'application/pdf');
    expect(source).toBe('pdf_text');
    expect(parseReceiptText(text)).toEqual({
      amount: { value: '22826.00', currency: 'CRC' },
      date: '2026-12-05',
      reference: 'ID Wolk 48213 mensualidad',
      payerName: 'Ferreteria El Clavo S.A.',
    });
  });

  it('a scanned PDF (no text layer) is said to be one: it is not OCR-ed', async () => {
    expect(await reason(reader.read(pdfWithoutText(), 'application/pdf'))).toBe('scanned_pdf');
    expect(await reason(reader.read(Buffer.from('%PDF-1.4 broken'), 'application/pdf'))).toBe('image_unreadable');
  });
});

describe('the OCR worker', () => {
  it('is one at most, started on demand and ended when idle', { timeout: 60_000 }, async () => {
    const short = createReceiptReader({ idleMs: 50 });
    try {
      expect(short.workers()).toBe(0);
      const png = renderLines([{ text: 'Fecha: 05/12/2026' }]);
      const reads = await Promise.all([short.read(png, 'image/png'), short.read(png, 'image/png')]);
      expect(reads.map((r) => parseReceiptText(r.text).date)).toEqual(['2026-12-05', '2026-12-05']);
      expect(short.workers()).toBe(1);
      await expect.poll(() => short.workers(), { timeout: 5_000 }).toBe(0);
    } finally {
      await short.close();
    }
  });
});
