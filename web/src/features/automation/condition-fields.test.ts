import { describe, expect, it } from 'vitest';
import { CONDITION_FIELDS as SERVER_FIELDS, validateConditions } from '../../../../src/core/conditions/conditions.ts';
import { CONDITION_FIELDS, needsValue, takesList, valueFor } from './condition-fields.ts';

describe('the condition editor offers what the server accepts', () => {
  it('lists every field the condition language reads, and no other', () => {
    expect(CONDITION_FIELDS.map((f) => f.field).sort()).toEqual([...SERVER_FIELDS].sort());
  });

  it('offers only field and operator pairs the server validates', () => {
    for (const { field, operators } of CONDITION_FIELDS) {
      for (const op of operators) {
        const value = !needsValue(op) ? undefined : takesList(op) ? ['x'] : 'x';
        expect(() => validateConditions({ all: [{ field, op, value }] }), `${field} ${op}`).not.toThrow();
      }
    }
  });
});

describe('switching operators keeps what was typed', () => {
  it('turns one value into a list and back, and drops it when none is needed', () => {
    expect(valueFor('in', 'urgente')).toEqual(['urgente']);
    expect(valueFor('is', ['urgente', 'alta'])).toBe('urgente');
    expect(valueFor('is_set', 'urgente')).toBeUndefined();
    expect(valueFor('contains_any', '')).toEqual([]);
  });
});
