import type { Locale } from '../core/shared/actor.ts';
import { en } from './en.ts';
import { es, type MessageKey } from './es.ts';

const CATALOGS: Record<Locale, Record<MessageKey, string>> = { es, en };

export function hasMessage(key: string): key is MessageKey {
  return Object.hasOwn(es, key);
}

/** `translate('es', 'errors.PAYLOAD_TOO_LARGE', { limit: 10 })`; unknown params stay as written. */
export function translate(locale: Locale, key: MessageKey, params: Record<string, unknown> = {}): string {
  return CATALOGS[locale][key].replace(/\{\{(\w+)\}\}/g, (whole, name: string) =>
    params[name] === undefined ? whole : String(params[name]),
  );
}

/** The best supported locale for an Accept-Language header; Spanish when nothing matches. */
export function localeFromHeader(header: string | undefined): Locale {
  if (!header) return 'es';
  const ranked = header
    .split(',')
    .map((part) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.find((p) => p.trim().startsWith('q='));
      return { lang: tag.trim().slice(0, 2).toLowerCase(), q: q ? Number(q.trim().slice(2)) : 1 };
    })
    .sort((a, b) => b.q - a.q);
  const match = ranked.find((r) => r.lang === 'es' || r.lang === 'en');
  return (match?.lang as Locale | undefined) ?? 'es';
}
