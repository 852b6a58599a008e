import { describe, expect, it } from 'vitest';
import { checkCustomFields, keepFieldsOf } from './custom-fields.ts';
import type { CustomField } from './ticket-vocabulary.repository.ts';

function field(key: string, kind: CustomField['kind'], extra: Partial<CustomField> = {}): CustomField {
  return {
    id: key,
    typeId: 't',
    key,
    label: key.toUpperCase(),
    kind,
    options: [],
    required: false,
    position: 0,
    ...extra,
  };
}

// 001 (weknow): "Alta de usuario" needs Nombre, Apellidos, Email, Rol, Nivel, Grupo, Cursos.
const altaDeUsuario = [
  field('nombre', 'text', { required: true, label: 'Nombre' }),
  field('apellidos', 'text', { required: true, label: 'Apellidos' }),
  field('rol', 'select', { required: true, options: ['Alumno', 'Maestro'] }),
  field('cursos', 'multi_select', { options: ['Matemáticas', 'Historia'] }),
  field('edad', 'number'),
  field('inicio', 'date'),
  field('activo', 'checkbox'),
];

describe('custom fields of a ticket type', () => {
  it('names every missing required field', () => {
    const problems = checkCustomFields(altaDeUsuario, { nombre: 'Ana', apellidos: '  ' });
    expect(problems.map((p) => [p.key, p.problem])).toEqual([
      ['apellidos', 'missing'],
      ['rol', 'missing'],
    ]);
  });

  it('refuses values of the wrong kind and fields of another type', () => {
    const problems = checkCustomFields(altaDeUsuario, {
      nombre: 'Ana',
      apellidos: 'Ruiz',
      rol: 'Director',
      cursos: ['Historia', 'Química'],
      edad: '12',
      inicio: '2026-13-45',
      activo: 'sí',
      color: 'azul',
    });
    expect(problems.map((p) => `${p.key}:${p.problem}`).sort()).toEqual([
      'activo:invalid',
      'color:unknown',
      'cursos:invalid',
      'edad:invalid',
      'inicio:invalid',
      'rol:invalid',
    ]);
  });

  it('accepts a complete, well-typed set', () => {
    expect(
      checkCustomFields(altaDeUsuario, {
        nombre: 'Ana',
        apellidos: 'Ruiz',
        rol: 'Alumno',
        cursos: ['Historia'],
        edad: 12,
        inicio: '2026-02-01',
        activo: true,
      }),
    ).toEqual([]);
  });

  it('keeps only the values that belong to the new type', () => {
    expect(keepFieldsOf(altaDeUsuario, { nombre: 'Ana', color: 'azul', edad: null })).toEqual({ nombre: 'Ana' });
  });
});
