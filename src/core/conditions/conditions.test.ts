import { describe, expect, it } from 'vitest';
import { type ConditionContext, matches, validateConditions } from './conditions.ts';

function ctx(
  overrides: Partial<ConditionContext['ticket']> = {},
  rest: Partial<ConditionContext> = {},
): ConditionContext {
  return {
    ticket: {
      subject: 'Error al timbrar',
      description: 'El módulo SL-AP no genera la póliza',
      status: 'NUEVO',
      statusCategory: 'new',
      priority: 'normal',
      type: 'Problema',
      category: null,
      departmentId: null,
      assigneeId: null,
      organizationId: null,
      requesterId: 'c1',
      channel: 'email',
      flag: null,
      tags: ['facturacion'],
      ...overrides,
    },
    organizationTier: 'general',
    satisfaction: null,
    event: 'created',
    changes: [],
    businessHoursNow: true,
    hour: 10,
    weekday: 3,
    ...rest,
  };
}

describe('conditions', () => {
  it('matches all/any groups over fields, accent- and case-blind', () => {
    const rule = {
      all: [
        { field: 'type', op: 'in' as const, value: ['problema', 'Configuración'] },
        {
          any: [
            { field: 'channel', op: 'is' as const, value: 'portal' },
            { field: 'tags', op: 'includes' as const, value: 'facturacion' },
          ],
        },
      ],
    };
    expect(matches(rule, ctx())).toBe(true);
    expect(matches(rule, ctx({ tags: [] }))).toBe(false);
  });

  it('"starts with" reads the first whole words, accent- and case-blind, past a reply prefix', () => {
    const rule = { field: 'subject', op: 'starts_with' as const, value: ['solicitud de cotización', 'compra'] };
    for (const subject of ['Solicitud de cotizacion', '¿Solicitud de cotización?', 'RE: RV: compra de licencias'])
      expect(matches(rule, ctx({ subject })), subject).toBe(true);
    for (const subject of ['Reporte de solicitud de cotización', 'Compras no cuadran', 'compra-venta'])
      expect(matches(rule, ctx({ subject })), subject).toBe(false);
    expect(() => validateConditions({ all: [{ field: 'subject', op: 'starts_with', value: 'compra' }] })).toThrow(
      /needs a list/,
    );
  });

  it('finds a module code as a whole word in the description (SL-AP, not SL-APS)', () => {
    const rule = { field: 'description', op: 'contains' as const, value: 'SL-AP' };
    expect(matches(rule, ctx())).toBe(true);
    expect(matches(rule, ctx({ description: 'Falla en SL-APS' }))).toBe(false);
    expect(matches({ field: 'text', op: 'contains_any', value: ['XA-CFDI', 'timbrar'] }, ctx())).toBe(true);
    expect(matches({ field: 'subject', op: 'matches', value: '^error\\b' }, ctx())).toBe(true);
  });

  it('tests changes, priorities in order, organization tier, business hours and the time', () => {
    const changed = ctx({}, { changes: [{ field: 'status', from: 'ABIERTO', to: 'RESUELTO' }] });
    expect(matches({ field: 'status', op: 'changed_to', value: 'resuelto' }, changed)).toBe(true);
    expect(matches({ field: 'status', op: 'changed_from', value: 'NUEVO' }, changed)).toBe(false);
    expect(matches({ field: 'priority', op: 'gte', value: 'alta' }, ctx({ priority: 'critica' }))).toBe(true);
    expect(matches({ field: 'priority', op: 'gte', value: 'alta' }, ctx())).toBe(false);
    expect(matches({ field: 'organization.tier', op: 'is', value: 'general' }, ctx())).toBe(true);
    expect(matches({ field: 'businessHoursNow', op: 'is', value: false }, ctx())).toBe(false);
    expect(matches({ field: 'time.hour', op: 'gte', value: 9 }, ctx())).toBe(true);
  });

  it('refuses an unknown field, an unknown operator and a bad regex, naming them', () => {
    expect(() => validateConditions({ all: [{ field: 'colour', op: 'is', value: 'x' }] })).toThrow(
      /conditions\.all\[0\]: unknown field "colour"/,
    );
    expect(() => validateConditions({ field: 'subject', op: 'resembles' as never, value: 'x' })).toThrow(
      /unknown operator "resembles"/,
    );
    expect(() => validateConditions({ any: [{ field: 'subject', op: 'matches', value: '(sin cerrar' }] })).toThrow(
      /conditions\.any\[0\]: the regular expression "\(sin cerrar" is not valid/,
    );
    expect(() => validateConditions({ field: 'type', op: 'in', value: 'Tarea' })).toThrow(/needs a list/);
    expect(() => validateConditions({ all: [{ field: 'status', op: 'changed_to', value: 'RESUELTO' }] })).not.toThrow();
  });
});
