/**
 * Folds text for comparisons that ignore case, accents and punctuation:
 * `foldKey("Soporte Técnico!")` → `"soporte tecnico"`.
 */
export function foldKey(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** Initials as the seeds write them in time entries: "Araceli Cruz Cruz" → "ACC". */
export function initialsOf(name: string): string {
  return foldKey(name)
    .split(' ')
    .filter(Boolean)
    .map((word) => word[0])
    .join('')
    .toUpperCase()
    .slice(0, 6);
}
