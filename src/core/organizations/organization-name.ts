import { foldKey } from '../shared/text.ts';

/**
 * Legal forms that do not tell two companies apart (Costa Rica, Mexico, the rest of Latin America,
 * and the usual English ones), written as words after folding. Longer forms come first so that
 * "S. de R.L. de C.V." is removed whole rather than leaving "S. de R.L." behind.
 */
const LEGAL_FORMS: readonly (readonly string[])[] = [
  ['s', 'de', 'rl', 'de', 'cv'],
  ['s', 'en', 'c', 'de', 'cv'],
  ['sapi', 'de', 'cv'],
  ['sab', 'de', 'cv'],
  ['sa', 'de', 'cv'],
  ['sc', 'de', 'rl'],
  ['s', 'de', 'rl'],
  ['sc', 'de', 'cv'],
  ['de', 'cv'],
  ['y', 'cia', 'ltda'],
  ['cia', 'ltda'],
  ['y', 'cia'],
  ['sa'],
  ['sas'],
  ['sapi'],
  ['sab'],
  ['srl'],
  ['sl'],
  ['sac'],
  ['saa'],
  ['spa'],
  ['eirl'],
  ['ltda'],
  ['ltd'],
  ['inc'],
  ['llc'],
  ['corp'],
  ['cia'],
  ['co'],
  ['sc'],
  ['ac'],
  ['gmbh'],
  ['plc'],
];

/**
 * The key two organization names share when they are the same company: case, accents,
 * punctuation and legal forms are ignored, and initials are joined.
 * `organizationNameKey("ACME, S.A.")` → `"acme"`, the same as for "Acme SA" or "Acmé S. de R.L.".
 */
export function organizationNameKey(name: string): string {
  const words = foldKey(name).split(' ').filter(Boolean);
  let rest = words;
  for (let stripped = stripLegalForm(rest); stripped; stripped = stripLegalForm(rest)) rest = stripped;
  // A name that is nothing but a legal form ("S.A.") keeps its words rather than becoming empty.
  return joinInitials(rest.length > 0 ? rest : words).join(' ');
}

/** The words without a trailing legal form, or null when they do not end with one. */
function stripLegalForm(words: readonly string[]): string[] | null {
  for (const form of LEGAL_FORMS) {
    const end = matchFromEnd(words, form);
    if (end !== null && end > 0) return words.slice(0, end);
  }
  return null;
}

/**
 * Where `form` starts at the end of `words`, or null. A word of the form also matches its letters
 * written apart, since folding turns "S.A." into "s a".
 */
function matchFromEnd(words: readonly string[], form: readonly string[]): number | null {
  let end = words.length;
  for (let i = form.length - 1; i >= 0; i--) {
    const part = form[i] as string;
    if (words[end - 1] === part) {
      end -= 1;
      continue;
    }
    const letters = words.slice(Math.max(0, end - part.length), end);
    if (part.length > 1 && letters.length === part.length && letters.every((w, j) => w === part[j])) {
      end -= part.length;
      continue;
    }
    return null;
  }
  return end;
}

/** "a b c comercial" → "abc comercial": initials written with or without dots are the same name. */
function joinInitials(words: readonly string[]): string[] {
  const joined: string[] = [];
  let run = '';
  for (const word of words) {
    if (word.length === 1) {
      run += word;
      continue;
    }
    if (run) joined.push(run);
    run = '';
    joined.push(word);
  }
  if (run) joined.push(run);
  return joined;
}
