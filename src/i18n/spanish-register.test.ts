import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  CUSTOMER_TEMPLATE_KEYS,
  DEFAULT_TEMPLATES,
  PORTAL_TEMPLATE_KEYS,
} from '../core/templates/default-templates.ts';
import { es } from './es.ts';

// Tiquete speaks to agents with "tú" and to customers with "usted" (issue 15). These are the "usted" forms (imperatives and their enclitic
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

// The "tú" forms a customer text must never use: pronouns and possessives anywhere, the verbs
// the portal's and mails' texts would say to "tú", and imperatives (only at a sentence's start:
// "el sistema escribe" is not one).
const TU_ANYWHERE = [
  'tú',
  'tu',
  'tus',
  'te',
  'ti',
  'contigo',
  'puedes',
  'podrás',
  'tienes',
  'necesitas',
  'necesites',
  'quieres',
  'deseas',
  'olvidaste',
  'verás',
  'entrarás',
  'estás',
  'eres',
  'ábrelo',
  'ábrela',
  'quítalo',
  'cuéntanos',
  'inténtalo',
  'envíalos',
  'envíanos',
  'escríbenos',
  'llámanos',
];
const TU_IMPERATIVES = [
  'agrega',
  'busca',
  'cambia',
  'completa',
  'crea',
  'describe',
  'elige',
  'envía',
  'escribe',
  'espera',
  'guarda',
  'haz',
  'inicia',
  'intenta',
  'muestra',
  'pide',
  'prueba',
  'pulsa',
  'recarga',
  'repite',
  'revisa',
  'selecciona',
  'usa',
  'vuelve',
];

function tuForms(text: string): string[] {
  const lower = text.toLowerCase();
  const found = TU_ANYWHERE.filter((form) => new RegExp(`(?<![\\p{L}])${form}(?![\\p{L}])`, 'u').test(lower));
  for (const match of lower.matchAll(/(?:^|[.;:!?¿¡(—\n]\s*)(\p{L}+)/gu)) {
    if (match[1] && TU_IMPERATIVES.includes(match[1])) found.push(match[1]);
  }
  return found;
}

function leaves(value: unknown, prefix = ''): Array<[string, string]> {
  if (typeof value === 'string') return [[prefix, value]];
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([key, child]) => leaves(child, prefix ? `${prefix}.${key}` : key));
}

const consoleCatalog: Record<string, unknown> = JSON.parse(
  readFileSync(path.resolve(import.meta.dirname, '../../web/src/i18n/es.json'), 'utf8'),
);

/** The web catalogue's customer namespace: what the portal and the public survey page show. */
const CUSTOMER_PREFIXES = ['portal.', 'satisfaction.page.', 'satisfaction.ratings.', 'help.'];
const isCustomerKey = (key: string) => CUSTOMER_PREFIXES.some((prefix) => key.startsWith(prefix));
/** The server's texts that go into customer mails, and the API errors only portal routes answer. */
const CUSTOMER_SERVER_KEYS = [
  'mail.survey_question',
  'mail.survey_good',
  'mail.survey_bad',
  'mail.dropped_files_customer',
  'errors.PORTAL_TOKEN_INVALID',
  'errors.PORTAL_TOKEN_USED',
  'errors.PORTAL_TOKEN_EXPIRED',
  'errors.PORTAL_MAIN_CONTACT_ONLY',
  'errors.PORTAL_EMAIL_TAKEN',
  'errors.PORTAL_CANNOT_DEACTIVATE_SELF',
  'errors.CONTRACT_REQUIRED',
];

/** Keys only customers read: the named ones, and the customer wording of shared refusals. */
const isCustomerServerKey = (key: string) => CUSTOMER_SERVER_KEYS.includes(key) || key.startsWith('errors.customer.');

function customerTexts(): Array<readonly [string, string]> {
  return [
    ...leaves(consoleCatalog)
      .filter(([key]) => isCustomerKey(key))
      .map(([key, text]) => [`web/src/i18n/es.json ${key}`, text] as const),
    ...Object.entries(es)
      .filter(([key]) => isCustomerServerKey(key))
      .map(([key, text]) => [`src/i18n/es.ts ${key}`, text] as const),
    ...[...CUSTOMER_TEMPLATE_KEYS, ...PORTAL_TEMPLATE_KEYS].map((key) => {
      const template = DEFAULT_TEMPLATES[key].es;
      return [`template ${key}`, `${template.subject}\n${template.text}`] as const;
    }),
  ];
}

describe('Spanish register', () => {
  it('finds the usted forms it looks for, and leaves tú and subjunctives alone', () => {
    expect(ustedForms('Elija una organización.')).toEqual(['elija']);
    expect(ustedForms('La contraseña se muestra así; déjela así.')).toEqual(['déjela']);
    expect(ustedForms('Pulse «Vista previa» para ver el correo.')).toEqual(['pulse']);
    expect(ustedForms('Vacío: use el servidor general.')).toEqual(['use']);
    expect(ustedForms('Elige una organización. Pulsa «Vista previa»; déjala así.')).toEqual([]);
    expect(ustedForms('Quien escriba desde estos dominios queda en esta organización.')).toEqual([]);
  });

  it('finds the tú forms it looks for, and leaves usted and third persons alone', () => {
    expect(tuForms('Escribe tu correo electrónico.')).toEqual(['tu', 'escribe']);
    expect(tuForms('¿Olvidaste tu contraseña? Cuéntanos qué pasa.')).toEqual(['tu', 'olvidaste', 'cuéntanos']);
    expect(tuForms('Escriba su correo. El sistema escribe un registro; puede reabrirla.')).toEqual([]);
    expect(tuForms('Le enviaremos un enlace. Si necesita algo más, cree un ticket nuevo.')).toEqual([]);
  });

  it('addresses the agent as tú in every Spanish text of the console and the API', () => {
    const texts = [
      ...leaves(consoleCatalog)
        .filter(([key]) => !isCustomerKey(key))
        .map(([key, text]) => [`web/src/i18n/es.json ${key}`, text] as const),
      ...Object.entries(es)
        .filter(([key]) => !isCustomerServerKey(key))
        .map(([key, text]) => [`src/i18n/es.ts ${key}`, text] as const),
    ];
    expect(texts.length).toBeGreaterThan(500);
    const offending = texts.flatMap(([where, text]) =>
      ustedForms(text).map((form) => `${where}: «${form}» in "${text}"`),
    );
    expect(offending).toEqual([]);
  });

  it('addresses the customer as usted in the portal, the survey page and every customer mail', () => {
    const texts = customerTexts();
    expect(texts.length).toBeGreaterThan(100);
    const offending = texts.flatMap(([where, text]) => tuForms(text).map((form) => `${where}: «${form}» in "${text}"`));
    expect(offending).toEqual([]);
  });
});
