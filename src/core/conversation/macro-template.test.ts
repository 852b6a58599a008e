import { describe, expect, it } from 'vitest';
import { DEFAULT_MACROS } from './default-macros.ts';
import { firstNameOf, placeholdersIn, renderTemplate, unknownPlaceholders } from './macro-template.ts';

describe('macro templates', () => {
  it('finds each placeholder once, spaces inside the braces allowed', () => {
    expect(placeholdersIn('Hola {{contact.first_name}}, {{ agent.name }} y {{contact.first_name}}')).toEqual([
      'contact.first_name',
      'agent.name',
    ]);
  });

  it('names the placeholders it does not know', () => {
    expect(unknownPlaceholders('{{contact.name}} {{contact.apellido}} {{}}')).toEqual(['contact.apellido', '']);
  });

  it('fills known placeholders and renders missing values as empty text', () => {
    expect(
      renderTemplate('*ID {{organization.code}}* para {{contact.first_name}}', { 'contact.first_name': 'Ana' }),
    ).toBe('*ID * para Ana');
  });

  it('greets people by their first name', () => {
    expect(firstNameOf('  Jesús Adrián Rodríguez ')).toBe('Jesús');
    expect(firstNameOf(null)).toBe('');
  });

  it('uses only known placeholders in the default macros, and keeps no XXXX blanks from the seeds', () => {
    for (const macro of DEFAULT_MACROS) {
      expect(unknownPlaceholders(macro.body), macro.name).toEqual([]);
      expect(macro.body).not.toMatch(/XXX/);
    }
  });
});
