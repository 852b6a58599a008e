import { describe, expect, it } from 'vitest';
import { stemsOf, stemText, words } from './spanish-text.ts';

describe('Spanish search text', () => {
  it('makes "facturación", "facturas" and "facturar" meet on one stem', () => {
    const stem = (w: string) => new Set(stemsOf(w));
    const shared = [...stem('facturación')].filter((s) => stem('facturas').has(s) && stem('facturar').has(s));
    expect(shared).toEqual(['factur']);
  });

  it('lets a word typed without its accent find the accented one', () => {
    expect(stemsOf('facturacion').some((s) => stemsOf('Facturación').includes(s))).toBe(true);
    expect(stemsOf('contrasena').some((s) => stemsOf('contraseña').includes(s))).toBe(true);
  });

  it('splits on punctuation and keeps numbers', () => {
    expect(words('¿Error en OP10044, módulo SL-AP?')).toEqual(['error', 'en', 'op10044', 'módulo', 'sl', 'ap']);
    expect(stemText('usuarios usuario')).toBe('usuari');
  });
});
