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

  it('SCRIPT #2 y #3: el ID del cliente se lee bien con el código como lo documenta la API ("ID Wolk 1234") o sin "ID"', () => {
    const script2 = '*ID {{organization.code}}* (este es tu número de cliente)';
    const script3 = 'En el detalle siempre indicar tu ID WOLK {{organization.code}}';
    for (const code of ['ID Wolk 1234', 'Wolk 1234', 'id wolk 1234']) {
      expect(renderTemplate(script2, { 'organization.code': code }), code).toMatch(/^\*ID wolk 1234\* /i);
      expect(renderTemplate(script3, { 'organization.code': code }), code).toBe(
        'En el detalle siempre indicar tu ID WOLK 1234',
      );
    }
    expect(renderTemplate(script2, { 'organization.code': '1234' })).toBe('*ID 1234* (este es tu número de cliente)');
    // Only the words right before the placeholder count; elsewhere the code reads as stored.
    expect(renderTemplate('Código: {{organization.code}}', { 'organization.code': 'ID Wolk 1234' })).toBe(
      'Código: ID Wolk 1234',
    );
    expect(renderTemplate('ID {{organization.code}}', { 'organization.code': 'ID' })).toBe('ID ID');
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
