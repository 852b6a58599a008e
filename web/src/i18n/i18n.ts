import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import en from './en.json';
import es from './es.json';

export const LOCALES = ['es', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'es';

export const resources = {
  es: { translation: es },
  en: { translation: en },
} as const;

// Before sign-in we only know the language this browser used last; once signed in, the
// agent's stored locale wins. We deliberately ignore navigator.language: Spanish is the
// product's default even in an English-language browser.
const STORAGE_KEY = 'tiquete.locale';

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

function readStoredLocale(): Locale {
  try {
    const stored = window.localStorage.getItem(STORAGE_KEY);
    return isLocale(stored) ? stored : DEFAULT_LOCALE;
  } catch {
    return DEFAULT_LOCALE;
  }
}

function rememberLocale(locale: Locale): void {
  try {
    window.localStorage.setItem(STORAGE_KEY, locale);
  } catch {
    // Private mode or storage disabled: the language still applies for this page.
  }
}

function reflectOnDocument(locale: Locale): void {
  document.documentElement.lang = locale;
}

export const i18n = i18next;

export function initI18n(): typeof i18next {
  const lng = readStoredLocale();
  void i18next.use(initReactI18next).init({
    resources,
    lng,
    fallbackLng: DEFAULT_LOCALE,
    supportedLngs: [...LOCALES],
    interpolation: { escapeValue: false },
    returnNull: false,
    // Resources are bundled, so init finishes synchronously and the first render is translated.
    initAsync: false,
  });
  reflectOnDocument(lng);
  return i18next;
}

/** Switches the UI language now and remembers it for the next visit to the sign-in page. */
export function applyLocale(locale: Locale): void {
  rememberLocale(locale);
  if (i18next.language !== locale) void i18next.changeLanguage(locale);
  reflectOnDocument(locale);
}

export function currentLocale(): Locale {
  return isLocale(i18next.language) ? i18next.language : DEFAULT_LOCALE;
}
