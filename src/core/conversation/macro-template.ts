/** Every placeholder a macro may use; anything else is refused when the macro is saved. */
export const MACRO_PLACEHOLDERS = [
  'contact.first_name',
  'contact.name',
  'agent.name',
  'agent.first_name',
  'organization.name',
  'organization.code',
  'ticket.number',
  'ticket.subject',
] as const;

export type MacroPlaceholder = (typeof MACRO_PLACEHOLDERS)[number];
export type MacroValues = Partial<Record<MacroPlaceholder, string | null | undefined>>;

const PLACEHOLDER = /\{\{\s*([^{}]*?)\s*\}\}/g;
const KNOWN = new Set<string>(MACRO_PLACEHOLDERS);

/** The distinct placeholders a text uses, in order: `"Hola {{contact.first_name}}"` → `["contact.first_name"]`. */
export function placeholdersIn(text: string): string[] {
  return [...new Set([...text.matchAll(PLACEHOLDER)].map((match) => match[1] ?? ''))];
}

export function unknownPlaceholders(text: string): string[] {
  return placeholdersIn(text).filter((name) => !KNOWN.has(name));
}

/**
 * Fills the placeholders; a value that is missing (no organization, no code…) renders as empty text.
 * A customer code repeats none of the words written just before it (002): "*ID {{organization.code}}*"
 * reads "*ID Wolk 1234*" for the code "ID Wolk 1234" as for "Wolk 1234".
 */
export function renderTemplate(text: string, values: MacroValues): string {
  return text.replace(PLACEHOLDER, (whole, name: string, offset: number) => {
    if (!KNOWN.has(name)) return whole;
    const value = values[name as MacroPlaceholder] ?? '';
    return name === 'organization.code' ? withoutRepeatedLead(text.slice(0, offset), value) : value;
  });
}

const foldWord = (word: string) =>
  word
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/^[^\p{L}\p{N}]+/u, '')
    .toLowerCase();

/** `value` without its first words when the text before it already ends with them ("ID Wolk" + "ID Wolk 1234"). */
function withoutRepeatedLead(before: string, value: string): string {
  if (!/\s$/.test(before)) return value;
  const written = before.trim().split(/\s+/).map(foldWord);
  const words = value.trim().split(/\s+/);
  // The longest run of leading words of the value that the text ends with; the last word (the number) always stays.
  for (let n = Math.min(words.length - 1, written.length); n > 0; n--) {
    const lead = words.slice(0, n).map(foldWord);
    if (lead.every((word, i) => word !== '' && word === written[written.length - n + i])) {
      return words.slice(n).join(' ');
    }
  }
  return value;
}

/** "Jesús Adrián Rodríguez" → "Jesús": how the seeds' scripts greet people. */
export function firstNameOf(name: string | null | undefined): string {
  return name?.trim().split(/\s+/)[0] ?? '';
}
