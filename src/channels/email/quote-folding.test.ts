import { describe, expect, it } from 'vitest';
import { findQuote, foldQuotes } from './quote-folding.ts';

describe('the quoted earlier conversation of a mail', () => {
  it("folds Outlook's Spanish 'El …, Nombre <correo> escribió:' wrapped over two lines", () => {
    const text =
      'Ya quedó, gracias.\r\n\r\nEl 28/10/2021 12:46, "Soporte Técnico"\r\n<soporte@cimatic.test> escribió:\r\n> Pruebe de nuevo.\r\n';
    const range = findQuote(text);
    expect(range).not.toBeNull();
    expect(text.slice(0, range?.start)).toBe('Ya quedó, gracias.\r\n\r\n');
    expect(text.slice(range?.start, range?.end)).toContain('Pruebe de nuevo.');
  });

  it('folds a quote above the answer (bottom-posting) and keeps the answer below it visible', () => {
    const text = 'El lun, 5 ene 2026 a las 10:00, Soporte <s@x.test> escribió:\n> ¿Sigue el error?\n\nSí, sigue igual.';
    expect(foldQuotes(text)).toEqual({
      visible: 'Sí, sigue igual.',
      quoted: 'El lun, 5 ene 2026 a las 10:00, Soporte <s@x.test> escribió:\n> ¿Sigue el error?',
    });
  });

  it('folds a signature delimiter and "Enviado desde mi iPhone" with the quote below them', () => {
    expect(
      foldQuotes('Listo.\n\nEnviado desde mi iPhone\n\nEl 5 ene 2026, a las 9:00, A <a@b.test> escribió:\n> x').visible,
    ).toBe('Listo.');
    expect(foldQuotes('Listo.\n-- \nAna Mora\nContabilidad').visible).toBe('Listo.');
  });

  it('keeps a sentence that merely says someone wrote something, and never folds a whole mail', () => {
    expect(findQuote('Mi jefe escribió:\nque el sistema no factura.')).toBeNull();
    expect(findQuote('> solo una cita\n> sin respuesta')).toBeNull();
    expect(findQuote('')).toBeNull();
  });

  it('keeps answers written between the quoted lines (interleaved replies) visible', () => {
    expect(findQuote('> ¿Tiene el número de factura?\nSí: 001-0045.\n> ¿Y la fecha?\nEl 3 de enero.')).toBeNull();
  });
});
