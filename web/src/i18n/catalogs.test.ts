import { describe, expect, it } from 'vitest';
import en from './en.json';
import es from './es.json';

function leafKeys(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [prefix];
  return Object.entries(value).flatMap(([key, child]) => leafKeys(child, prefix ? `${prefix}.${key}` : key));
}

function leaves(value: unknown, prefix = ''): Array<[string, unknown]> {
  if (typeof value !== 'object' || value === null) return [[prefix, value]];
  return Object.entries(value).flatMap(([key, child]) => leaves(child, prefix ? `${prefix}.${key}` : key));
}

describe('console translations', () => {
  it('has the same keys in Spanish and English, so no screen falls back to another language', () => {
    expect(leafKeys(en).sort()).toEqual(leafKeys(es).sort());
  });

  it('has no empty text in either language', () => {
    for (const catalog of [es, en]) {
      for (const [key, text] of leaves(catalog)) {
        expect(typeof text === 'string' && text.trim().length > 0, key).toBe(true);
      }
    }
  });
});
