import { describe, expect, it } from 'vitest';
import { ocrLineText, parseReceiptAmount, parseReceiptDate, parseReceiptText } from './receipt-text.ts';

describe('amounts on a SINPE receipt', () => {
  it('read Costa Rican separators: dot or space for thousands, comma for decimals', () => {
    expect(parseReceiptAmount('₡45.200,00')).toEqual({ value: '45200.00', currency: 'CRC' });
    expect(parseReceiptAmount('₡ 45 200,50')).toEqual({ value: '45200.50', currency: 'CRC' });
    expect(parseReceiptAmount('₡1.245.200')).toEqual({ value: '1245200.00', currency: 'CRC' });
    expect(parseReceiptAmount('45200')).toEqual({ value: '45200.00', currency: 'CRC' });
    expect(parseReceiptAmount('22 826,5 colones')).toEqual({ value: '22826.50', currency: 'CRC' });
  });

  it('read dollars and the US layout some banks print', () => {
    expect(parseReceiptAmount('$1,250.50')).toEqual({ value: '1250.50', currency: 'USD' });
    expect(parseReceiptAmount('US$ 45,20')).toEqual({ value: '45.20', currency: 'USD' });
    expect(parseReceiptAmount('40.00 USD')).toEqual({ value: '40.00', currency: 'USD' });
  });

  it('take ₡ misread as ¢ or € for colones, and find nothing in text without a number', () => {
    expect(parseReceiptAmount('¢45.200,00')).toEqual({ value: '45200.00', currency: 'CRC' });
    expect(parseReceiptAmount('€ 9.000')).toEqual({ value: '9000.00', currency: 'CRC' });
    expect(parseReceiptAmount('sin monto')).toBeNull();
    expect(parseReceiptAmount('₡0,00')).toBeNull();
  });

  it('in OCR text, take a leading 2 with no sign anywhere for the lost ₡', () => {
    expect(parseReceiptAmount('212.000,00', { ocr: true })).toEqual({ value: '12000.00', currency: 'CRC' });
    expect(parseReceiptAmount('2245.200,00', { ocr: true })).toEqual({ value: '245200.00', currency: 'CRC' });
    expect(parseReceiptAmount('49.500,00', { ocr: true })).toEqual({ value: '9500.00', currency: 'CRC' });
    // A sign was read, or the text is not OCR, or what is left would not be an amount: the 2 stays.
    expect(parseReceiptAmount('₡245.200,00', { ocr: true })).toEqual({ value: '245200.00', currency: 'CRC' });
    expect(parseReceiptAmount('245.200,00 colones', { ocr: true })).toEqual({ value: '245200.00', currency: 'CRC' });
    expect(parseReceiptAmount('212.000,00')).toEqual({ value: '212000.00', currency: 'CRC' });
    expect(parseReceiptAmount('2.500,00', { ocr: true })).toEqual({ value: '2500.00', currency: 'CRC' });
  });
});

describe('dates on a SINPE receipt', () => {
  it('are day first, with numbers or Spanish month names', () => {
    expect(parseReceiptDate('05/12/2026 10:32')).toBe('2026-12-05');
    expect(parseReceiptDate('5-12-26')).toBe('2026-12-05');
    expect(parseReceiptDate('05 / 12 / 2026')).toBe('2026-12-05');
    expect(parseReceiptDate('5 dic 2026')).toBe('2026-12-05');
    expect(parseReceiptDate('5 de diciembre de 2026, 10:32 a. m.')).toBe('2026-12-05');
    expect(parseReceiptDate('30 set. 2026')).toBe('2026-09-30');
    expect(parseReceiptDate('2026-12-05T10:32')).toBe('2026-12-05');
  });

  it('that do not exist are not read', () => {
    expect(parseReceiptDate('31/02/2026')).toBeNull();
    expect(parseReceiptDate('5 xyz 2026')).toBeNull();
    expect(parseReceiptDate('Comprobante 2026120512345678')).toBeNull();
  });
});

describe('the whole receipt', () => {
  it('finds the four fields of the SINPE layout, label and value on one line', () => {
    const text = [
      'SINPE Móvil',
      'Transferencia exitosa',
      'Monto: ₡45.200,00',
      'Fecha y hora: 05/12/2026 10:32',
      'Nombre del emisor: Panadería La Espiga S.A.',
      'Nombre del receptor: Wolk Software',
      'Motivo: ID 1234 pago diciembre',
      'Comprobante: 2026120512345678',
    ].join('\n');
    expect(parseReceiptText(text)).toEqual({
      amount: { value: '45200.00', currency: 'CRC' },
      date: '2026-12-05',
      reference: 'ID 1234 pago diciembre',
      payerName: 'Panadería La Espiga S.A.',
    });
  });

  it('finds values printed under their labels, without accents or colons', () => {
    const text = [
      '₡22.826,00',
      'Transferencia realizada',
      '',
      'Fecha',
      '5 dic 2026',
      'Descripcion',
      'Pago mensualidad',
      'Remitente',
      'MARIA FERNANDA SOLIS',
      'Telefono destino',
      '8888-0000',
    ].join('\n');
    expect(parseReceiptText(text)).toEqual({
      amount: { value: '22826.00', currency: 'CRC' },
      date: '2026-12-05',
      reference: 'Pago mensualidad',
      payerName: 'MARIA FERNANDA SOLIS',
    });
  });

  it('puts back the "ID" of a customer code that OCR read as "1D"', () => {
    const text = 'Monto: 212.000,00\nMotivo: 1D 3021 pago';
    expect(parseReceiptText(text, { ocr: true })).toMatchObject({
      amount: { value: '12000.00', currency: 'CRC' },
      reference: 'ID 3021 pago',
    });
    expect(parseReceiptText(text).reference).toBe('1D 3021 pago');
  });

  it('leaves out what is not there rather than taking the next label for a value', () => {
    expect(parseReceiptText('Motivo:\nFecha: 05/12/2026\nHola')).toEqual({
      amount: null,
      date: '2026-12-05',
      reference: null,
      payerName: null,
    });
    expect(parseReceiptText('')).toEqual({ amount: null, date: null, reference: null, payerName: null });
  });
});

describe('the colón sign in OCR output', () => {
  // Boxes as Tesseract gave them for "₡45.200,00" and "$1.250,50" in a 20 px font.
  const word = (text: string, first: [number, number], rest: [number, number] = [35, 50]) =>
    [...text].map((ch, i) => ({ text: ch, y0: i === 0 ? first[0] : rest[0], y1: i === 0 ? first[1] : rest[1] }));

  it('is put back where a taller "2" or "¢" stands before the digits', () => {
    expect(ocrLineText([word('Monto:', [35, 50]), word('245.200,00', [34, 51])])).toBe('Monto: ₡45.200,00');
    expect(ocrLineText([word('2245.200,00', [34, 51])])).toBe('₡245.200,00');
    expect(ocrLineText([word('¢9.000', [33, 52])])).toBe('₡9.000');
  });

  it('leaves a real leading 2 and a dollar sign alone', () => {
    expect(ocrLineText([word('245.200,00', [35, 50])])).toBe('245.200,00');
    expect(ocrLineText([word('$1.250,50', [35, 53])])).toBe('$1.250,50');
  });
});
