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

/** Fills the placeholders; a value that is missing (no organization, no code…) renders as empty text. */
export function renderTemplate(text: string, values: MacroValues): string {
  return text.replace(PLACEHOLDER, (whole, name: string) =>
    KNOWN.has(name) ? (values[name as MacroPlaceholder] ?? '') : whole,
  );
}

/** "Jesús Adrián Rodríguez" → "Jesús": how the seeds' scripts greet people. */
export function firstNameOf(name: string | null | undefined): string {
  return name?.trim().split(/\s+/)[0] ?? '';
}
