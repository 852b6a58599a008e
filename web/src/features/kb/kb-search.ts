import type { KbFilter } from './api.ts';

export type KbSearch = KbFilter;

/** The address's filters, checked: what `/kb?q=…&visibility=…` may say. */
export function kbSearch(search: Record<string, unknown>): KbSearch {
  const text = (value: unknown) => (typeof value === 'string' && value.trim() ? value.slice(0, 200) : undefined);
  return {
    q: text(search.q),
    categoryId: text(search.categoryId),
    visibility: search.visibility === 'public' || search.visibility === 'internal' ? search.visibility : undefined,
    language: search.language === 'es' || search.language === 'en' ? search.language : undefined,
  };
}
