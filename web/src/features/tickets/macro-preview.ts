/** A `{{placeholder}}` of a macro and the text it became for one ticket ('' when the data is missing). */
export type PlaceholderFill = { placeholder: string; value: string };

const PLACEHOLDER = /\{\{\s*([^{}]*?)\s*\}\}/g;

/** The template cut into literal text and placeholders, in order. */
export function templateParts(template: string): Array<{ text: string } | { placeholder: string }> {
  const parts: Array<{ text: string } | { placeholder: string }> = [];
  let last = 0;
  for (const match of template.matchAll(PLACEHOLDER)) {
    const index = match.index ?? 0;
    if (index > last) parts.push({ text: template.slice(last, index) });
    parts.push({ placeholder: match[1] ?? '' });
    last = index + match[0].length;
  }
  if (last < template.length) parts.push({ text: template.slice(last) });
  return parts;
}

/**
 * Works out what each placeholder became by lining the rendered text up with the template's
 * literal text: `Hola {{contact.first_name}}` + `Hola Jesús` → contact.first_name = "Jesús".
 * Returns the rendered text as segments (filled ones marked) for the preview, or null when the
 * two cannot be lined up (the server changed more than the placeholders).
 */
export function lineUp(
  template: string,
  rendered: string,
): { segments: Array<{ text: string; placeholder?: string }>; fills: PlaceholderFill[] } | null {
  const parts = templateParts(template);
  const segments: Array<{ text: string; placeholder?: string }> = [];
  const fills: PlaceholderFill[] = [];
  let position = 0;
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i] as { text: string } | { placeholder: string };
    if ('text' in part) {
      if (!rendered.startsWith(part.text, position)) return null;
      segments.push({ text: part.text });
      position += part.text.length;
      continue;
    }
    const next = parts[i + 1];
    let end: number;
    if (!next) end = rendered.length;
    else if ('text' in next) {
      end = rendered.indexOf(next.text, position);
      if (end < 0) return null;
    } else return null; // two placeholders side by side cannot be told apart
    const value = rendered.slice(position, end);
    segments.push({ text: value, placeholder: part.placeholder });
    fills.push({ placeholder: part.placeholder, value });
    position = end;
  }
  return position === rendered.length ? { segments, fills } : null;
}
