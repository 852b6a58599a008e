import type { CustomField } from './ticket-vocabulary.repository.ts';

export type CustomFieldValues = Record<string, unknown>;

export interface FieldProblem {
  key: string;
  label: string;
  problem: 'missing' | 'unknown' | 'invalid';
  expected?: string;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function isBlank(value: unknown): boolean {
  return (
    value === undefined ||
    value === null ||
    (typeof value === 'string' && value.trim() === '') ||
    (Array.isArray(value) && value.length === 0)
  );
}

function validValue(field: CustomField, value: unknown): string | null {
  switch (field.kind) {
    case 'text':
    case 'long_text':
    case 'contact':
    case 'agent':
      return typeof value === 'string' ? null : 'text';
    case 'number':
      return typeof value === 'number' && Number.isFinite(value) ? null : 'a number';
    case 'date':
      return typeof value === 'string' && DATE.test(value) && !Number.isNaN(Date.parse(value)) ? null : 'YYYY-MM-DD';
    case 'checkbox':
      return typeof value === 'boolean' ? null : 'true or false';
    case 'select':
      return typeof value === 'string' && field.options.includes(value) ? null : `one of: ${field.options.join(', ')}`;
    case 'multi_select':
      return Array.isArray(value) && value.every((v) => typeof v === 'string' && field.options.includes(v))
        ? null
        : `some of: ${field.options.join(', ')}`;
  }
}

/**
 * Checks a ticket's custom field values against its type's definitions: every required field
 * present, no field of another type, each value of its kind. Returns every problem at once.
 */
export function checkCustomFields(definitions: CustomField[], values: CustomFieldValues): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const byKey = new Map(definitions.map((d) => [d.key, d]));
  for (const key of Object.keys(values)) {
    if (!byKey.has(key)) problems.push({ key, label: key, problem: 'unknown' });
  }
  for (const field of definitions) {
    const value = values[field.key];
    if (isBlank(value)) {
      if (field.required) problems.push({ key: field.key, label: field.label, problem: 'missing' });
      continue;
    }
    const expected = validValue(field, value);
    if (expected) problems.push({ key: field.key, label: field.label, problem: 'invalid', expected });
  }
  return problems;
}

/** The values that belong to a type, blanks dropped (a type change keeps what still applies). */
export function keepFieldsOf(definitions: CustomField[], values: CustomFieldValues): CustomFieldValues {
  const keys = new Set(definitions.map((d) => d.key));
  return Object.fromEntries(Object.entries(values).filter(([k, v]) => keys.has(k) && !isBlank(v)));
}
