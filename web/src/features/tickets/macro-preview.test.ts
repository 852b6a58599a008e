import { describe, expect, it } from 'vitest';
import { lineUp, templateParts } from './macro-preview.ts';

describe('macro placeholder preview', () => {
  const template = '¡Hola {{contact.first_name}}, te saluda {{agent.name}}! 👋\nSu ticket es {{ticket.number}}';

  it('finds the placeholders of a template in order', () => {
    expect(templateParts(template).filter((p) => 'placeholder' in p)).toEqual([
      { placeholder: 'contact.first_name' },
      { placeholder: 'agent.name' },
      { placeholder: 'ticket.number' },
    ]);
  });

  it('tells what each placeholder became for this ticket', () => {
    const result = lineUp(template, '¡Hola Jesús, te saluda Ana Mora! 👋\nSu ticket es OP10044');
    expect(result?.fills).toEqual([
      { placeholder: 'contact.first_name', value: 'Jesús' },
      { placeholder: 'agent.name', value: 'Ana Mora' },
      { placeholder: 'ticket.number', value: 'OP10044' },
    ]);
    expect(result?.segments.map((s) => s.text).join('')).toBe(
      '¡Hola Jesús, te saluda Ana Mora! 👋\nSu ticket es OP10044',
    );
  });

  it('shows a placeholder with no data as empty, so the agent can fix it before sending', () => {
    const result = lineUp('Tu ID WOLK {{organization.code}} gracias', 'Tu ID WOLK  gracias');
    expect(result?.fills).toEqual([{ placeholder: 'organization.code', value: '' }]);
  });

  it('gives up when the rendered text does not follow the template', () => {
    expect(lineUp('Hola {{contact.name}}', 'Adiós Jesús')).toBeNull();
  });
});
