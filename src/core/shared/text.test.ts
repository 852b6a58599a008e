import { describe, expect, it } from 'vitest';
import { foldKey, initialsOf } from './text.ts';

describe('foldKey', () => {
  it('ignores case, accents and punctuation', () => {
    expect(foldKey('  Soporte Técnico! ')).toBe('soporte tecnico');
    expect(foldKey('EDUCACIÓN')).toBe(foldKey('educacion'));
  });
});

describe('initialsOf', () => {
  it('gives the initials the seeds use in time entries', () => {
    expect(initialsOf('Araceli Cruz Cruz')).toBe('ACC');
    expect(initialsOf('Jośe Maximino Raúl Tlaxcala Trujillo')).toBe('JMRTT');
  });
});
