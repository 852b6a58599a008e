import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { es } from './es.ts';

// Tiquete speaks to agents with "tú". These are the "usted" forms (imperatives and their enclitic
// forms, verbs in the third person addressed to the reader) that slipped in before; an imperative
// starts a sentence, so those are only looked for there ("Quien escriba…" is not one).
const USTED_ANYWHERE = [
  'usted',
  'ustedes',
  'no tiene permiso',
  'inténtelo',
  'escríbalo',
  'escríbala',
  'déjela',
  'déjelo',
  'cópiela',
  'cópielo',
  'asegúrese',
  'elija',
  'recargue',
];
const USTED_IMPERATIVES = [
  'agregue',
  'añada',
  'busque',
  'cambie',
  'complete',
  'compruebe',
  'configure',
  'confirme',
  'copie',
  'corrija',
  'deje',
  'elimine',
  'escriba',
  'espere',
  'guarde',
  'haga',
  'indique',
  'ingrese',
  'inicie',
  'intente',
  'introduzca',
  'lea',
  'pida',
  'pruebe',
  'pulse',
  'revise',
  'seleccione',
  'use',
  'verifique',
  'vuelva',
];

function ustedForms(text: string): string[] {
  const lower = text.toLowerCase();
  const found = USTED_ANYWHERE.filter((form) => new RegExp(`(?<![\\p{L}])${form}(?![\\p{L}])`, 'u').test(lower));
  for (const match of lower.matchAll(/(?:^|[.;:!?¿¡(—]\s*)(\p{L}+)/gu)) {
    if (match[1] && USTED_IMPERATIVES.includes(match[1])) found.push(match[1]);
  }
  return found;
}

function leaves(value: unknown, prefix = ''): Array<[string, string]> {
  if (typeof value === 'string') return [[prefix, value]];
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([key, child]) => leaves(child, prefix ? `${prefix}.${key}` : key));
}

const consoleCatalog: unknown = JSON.parse(
  readFileSync(path.resolve(import.meta.dirname, '../../web/src/i18n/es.json'), 'utf8'),
);

describe('Spanish register', () => {
  it('finds the usted forms it looks for, and leaves tú and subjunctives alone', () => {
    expect(ustedForms('Elija una organización.')).toEqual(['elija']);
    expect(ustedForms('La contraseña se muestra así; déjela así.')).toEqual(['déjela']);
    expect(ustedForms('Pulse «Vista previa» para ver el correo.')).toEqual(['pulse']);
    expect(ustedForms('Vacío: use el servidor general.')).toEqual(['use']);
    expect(ustedForms('Elige una organización. Pulsa «Vista previa»; déjala así.')).toEqual([]);
    expect(ustedForms('Quien escriba desde estos dominios queda en esta organización.')).toEqual([]);
  });

  it('addresses the agent as tú in every Spanish text of the console and the API', () => {
    const texts = [
      ...leaves(consoleCatalog).map(([key, text]) => [`web/src/i18n/es.json ${key}`, text] as const),
      ...Object.entries(es).map(([key, text]) => [`src/i18n/es.ts ${key}`, text] as const),
    ];
    expect(texts.length).toBeGreaterThan(500);
    const offending = texts.flatMap(([where, text]) =>
      ustedForms(text).map((form) => `${where}: «${form}» in "${text}"`),
    );
    expect(offending).toEqual([]);
  });
});
