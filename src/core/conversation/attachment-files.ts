/** Images a browser may show inline. SVG is left out on purpose: it can carry script. */
export const INLINE_IMAGE_TYPES: ReadonlySet<string> = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp']);

const FALLBACK_NAME = 'adjunto';

/**
 * A file name safe to store and to send back: no folders, no control characters, at most 200
 * characters (extension kept). `cleanFilename("C:\\fakepath\\Factura.pdf")` → `"Factura.pdf"`.
 */
export function cleanFilename(raw: string | undefined): string {
  const base = (raw ?? '').split(/[/\\]/).pop() ?? '';
  // biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point
  const cleaned = base.replace(/[\u0000-\u001f\u007f"]/g, '').trim();
  if (!cleaned || cleaned === '.' || cleaned === '..') return FALLBACK_NAME;
  if (cleaned.length <= 200) return cleaned;
  const dot = cleaned.lastIndexOf('.');
  const extension = dot > 0 && cleaned.length - dot <= 16 ? cleaned.slice(dot) : '';
  return cleaned.slice(0, 200 - extension.length) + extension;
}

/** The declared media type, lower-cased and without parameters; octet-stream when it is not a `type/subtype`. */
export function cleanContentType(raw: string | undefined): string {
  const essence = (raw ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  return /^[a-z0-9][a-z0-9!#$&^_.+-]*\/[a-z0-9][a-z0-9!#$&^_.+-]*$/.test(essence)
    ? essence
    : 'application/octet-stream';
}

/**
 * How a stored attachment is served: its own type and inline only for plain raster images;
 * everything else (HTML, SVG, PDF…) as an octet-stream download, so nothing uploaded runs in
 * Tiquete's origin.
 */
export function servingOf(contentType: string): { contentType: string; inline: boolean } {
  return INLINE_IMAGE_TYPES.has(contentType)
    ? { contentType, inline: true }
    : { contentType: 'application/octet-stream', inline: false };
}

/** RFC 6266 / RFC 8187: `attachment; filename*=UTF-8''Cotizaci%C3%B3n.pdf`. */
export function contentDisposition(filename: string, inline: boolean): string {
  const encoded = encodeURIComponent(filename).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `${inline ? 'inline' : 'attachment'}; filename*=UTF-8''${encoded}`;
}

/** "25 MB" for 26214400 bytes: the limit as people read it. */
export function megabytes(bytes: number): string {
  return String(Number((bytes / 1_048_576).toPrecision(3)));
}
