/**
 * Repairs for real-world mail that breaks the MIME rules in ways that would lose its text: each
 * works on the raw bytes (latin1 keeps every byte) and in time linear in the mail's size.
 */

const EOL = /\r?\n/g;

/** Where the header block ends: the index of its empty line, or -1 when there is none. */
function headerLines(text: string): { start: number; end: number }[] {
  const lines: { start: number; end: number }[] = [];
  EOL.lastIndex = 0;
  let start = 0;
  for (let match = EOL.exec(text); match; match = EOL.exec(text)) {
    lines.push({ start, end: match.index });
    if (match.index === start) break; // the empty line that ends the header block
    start = match.index + match[0].length;
  }
  return lines;
}

const HEADER_LINE = /^[\x21-\x39\x3b-\x7e]+:/;

/**
 * A header block that ends with a line holding only spaces or tabs: parsers take that line as a
 * folded header and the body's first paragraph (or all of it) as more header. Such a line, not
 * followed by a folded line or another header, is the end of the header block.
 */
export function repairHeaderEnd(raw: Buffer): Buffer {
  const text = raw.toString('latin1');
  const lines = headerLines(text);
  for (let i = 0; i < lines.length - 1; i++) {
    const line = lines[i] as { start: number; end: number };
    const value = text.slice(line.start, line.end);
    if (value === '' || !/^[ \t]+$/.test(value)) continue;
    const next = lines[i + 1] as { start: number; end: number };
    const following = text.slice(next.start, Math.min(next.end, next.start + 200));
    if (/^[ \t]/.test(following) || HEADER_LINE.test(following)) continue;
    return Buffer.concat([raw.subarray(0, line.start), raw.subarray(line.end)]);
  }
  return raw;
}

/** The top-level Content-Type header (unfolded) and where its boundary parameter sits in the raw text. */
function topBoundary(text: string): { value: string; start: number; end: number } | null {
  const headerEnd = text.search(/\r?\n\r?\n/);
  const head = headerEnd >= 0 ? text.slice(0, headerEnd) : text;
  const contentType = /^content-type:[ \t]*multipart\/(?:[^\r\n]|\r?\n[ \t])*/im.exec(head);
  if (!contentType) return null;
  const param = /boundary[ \t]*=[ \t]*(?:"([^"]*)"|([^\s;]+))/i.exec(contentType[0]);
  if (!param) return null;
  const start = contentType.index + param.index;
  return { value: (param[1] ?? param[2] ?? '').trim(), start, end: start + param[0].length };
}

/**
 * A multipart whose declared boundary never appears in its body (the parser would show the raw
 * parts, headers and base64 as text): the delimiter the body does use, written into the header so
 * a second parse finds the parts. Null when the boundary is fine or no other delimiter is found.
 */
export function withFoundBoundary(raw: Buffer): Buffer | null {
  const text = raw.toString('latin1');
  const declared = topBoundary(text);
  if (!declared) return null;
  const bodyStart = text.slice(declared.end).search(/\r?\n\r?\n/);
  if (bodyStart < 0) return null;
  const body = text.slice(declared.end + bodyStart);
  if (!declared.value || body.includes(`\n--${declared.value}`)) return null;
  const delimiters = new Map<string, number>();
  for (const match of body.matchAll(/^--([^\s]{1,200}?)(--)?[ \t]*\r?$/gm)) {
    const candidate = match[1] as string;
    // A delimiter line is followed by part headers (or is the closing one).
    const after = body.slice((match.index ?? 0) + match[0].length, (match.index ?? 0) + match[0].length + 200);
    if (!match[2] && !/^\r?\n(?:[\x21-\x39\x3b-\x7e]+:|\r?\n)/.test(after)) continue;
    delimiters.set(candidate, (delimiters.get(candidate) ?? 0) + 1);
  }
  const best = [...delimiters.entries()].sort((a, b) => b[1] - a[1])[0];
  if (!best) return null;
  return Buffer.concat([
    raw.subarray(0, declared.start),
    Buffer.from(`boundary="${best[0]}"`, 'latin1'),
    raw.subarray(declared.end),
  ]);
}

/** Text that decoding turned into noise (a part declared base64 that was not): replacement and control characters. */
export function isGarbled(text: string): boolean {
  if (!text) return false;
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what is counted
  const noise = text.match(/[\ufffd\x00-\x08\x0e-\x1f]/g)?.length ?? 0;
  return noise / text.length > 0.1;
}

/**
 * The lines of a broken multipart a person can read: without delimiter lines, the part headers
 * after them and base64 blocks.
 */
export function readableLines(raw: Buffer): string {
  const text = raw.toString('utf8');
  const split = text.search(/\r?\n\r?\n/);
  const out: string[] = [];
  let inPartHeaders = false;
  for (const line of (split >= 0 ? text.slice(split) : '').split(/\r?\n/)) {
    if (/^--\S+[ \t]*$/.test(line)) {
      inPartHeaders = true;
      continue;
    }
    if (inPartHeaders) {
      if (line.trim() === '') inPartHeaders = false;
      continue;
    }
    if (/^[A-Za-z0-9+/=]{40,}$/.test(line.trim())) continue;
    out.push(line);
  }
  return out
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** A Content-Type that is not `type/subtype` ("text plain", "text"): taken as text when it reads as text. */
export function isUnparseableTextType(contentType: string): boolean {
  const type = contentType.split(';')[0]?.trim().toLowerCase() ?? '';
  return !/^[\w.+-]+\/[\w.+-]+$/.test(type) && (type === '' || type.startsWith('text'));
}

/**
 * uuencoded bytes (`begin 644 name` … `end`), as old clients send with
 * Content-Transfer-Encoding: x-uuencode; null when the content is not uuencoded.
 */
export function uudecode(content: Buffer): { filename: string; data: Buffer } | null {
  const text = content.toString('latin1');
  const begin = /^begin[ \t]+[0-7]{3,4}[ \t]+([^\r\n]+)\r?$/m.exec(text);
  if (!begin) return null;
  const out: number[] = [];
  const lines = text.slice(begin.index + begin[0].length).split(/\r?\n/);
  for (const line of lines) {
    if (/^end[ \t]*$/.test(line)) break;
    if (line === '') continue;
    const length = ((line.charCodeAt(0) - 32) & 63) as number;
    if (length === 0) continue;
    const decoded: number[] = [];
    for (let i = 1; i < line.length && decoded.length < length; i += 4) {
      const c = [0, 1, 2, 3].map((k) => ((line.charCodeAt(i + k) || 32) - 32) & 63) as [number, number, number, number];
      decoded.push((c[0] << 2) | (c[1] >> 4), ((c[1] & 15) << 4) | (c[2] >> 2), ((c[2] & 3) << 6) | c[3]);
    }
    out.push(...decoded.slice(0, length).map((b) => b & 255));
  }
  return { filename: (begin[1] as string).trim(), data: Buffer.from(out) };
}
