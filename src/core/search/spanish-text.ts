import snowball from 'snowball-stemmers';
import { foldKey } from '../shared/text.ts';

const stemmer = snowball.newStemmer('spanish');

/** Words of a text as search sees them: lower case, split on anything that is not a letter or digit. */
export function words(text: string): string[] {
  return text
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 0);
}

/**
 * The Spanish stems of a word, from its written form and from its form without accents, so
 * "facturación", "facturacion" and "facturas" meet: `stemsOf("facturación")` → `["factur", "facturacion"]`.
 */
export function stemsOf(word: string): string[] {
  const lower = word.toLowerCase();
  const cached = stemCache.get(lower);
  if (cached) return cached;
  const folded = foldKey(lower);
  const stems = [...new Set([stemmer.stem(lower), stemmer.stem(folded)].map((s) => foldKey(s)).filter(Boolean))];
  // Stemming was the largest single cost of indexing a new ticket (bench/README.md); a language
  // has few enough words in use that a bounded cache answers nearly all of them.
  if (stemCache.size >= STEM_CACHE_SIZE) stemCache.clear();
  stemCache.set(lower, stems);
  return stems;
}

const STEM_CACHE_SIZE = 50_000;
const stemCache = new Map<string, string[]>();

/** All stems of a text, space-separated, for the index's stem column. */
export function stemText(text: string): string {
  const stems = new Set<string>();
  for (const word of words(text)) for (const stem of stemsOf(word)) stems.add(stem);
  return [...stems].join(' ');
}
