/** RFC 2152 UTF-7, which old Outlook used in headers and bodies and TextDecoder does not know. */
export function decodeUtf7(text: string): string {
  return text.replace(/\+([A-Za-z0-9+/]*)-?/g, (whole, b64: string) => {
    if (b64 === '') return whole === '+-' ? '+' : whole;
    const bytes = Buffer.from(b64, 'base64');
    let out = '';
    for (let i = 0; i + 1 < bytes.length; i += 2)
      out += String.fromCharCode(((bytes[i] as number) << 8) | (bytes[i + 1] as number));
    return out;
  });
}

export function decodeBytes(bytes: Buffer, charset: string): string {
  const name = charset.toLowerCase().replace(/\*.*$/, '');
  if (name === 'utf-7' || name === 'unicode-1-1-utf-7') return decodeUtf7(bytes.toString('latin1'));
  try {
    return new TextDecoder(name).decode(bytes);
  } catch {
    return bytes.toString('latin1');
  }
}

/**
 * Decodes a header's RFC 2047 encoded words from its raw bytes. Used when the usual decoding
 * went wrong: 8-bit bytes inside a Q word, or a UTF-7 charset.
 */
export function decodeRawHeader(rawValue: Buffer): string {
  const text = rawValue.toString('latin1').replace(/\r?\n[ \t]+/g, ' ');
  const decoded = text.replace(
    /=\?([^?]+)\?([QqBb])\?([^?]*)\?=(\s+(?==\?))?/g,
    (_w, charset: string, encoding: string, data: string) => {
      const bytes =
        encoding.toUpperCase() === 'B'
          ? Buffer.from(data, 'base64')
          : Buffer.from(
              data
                .replace(/_/g, ' ')
                .replace(/=([0-9A-Fa-f]{2})/g, (_m, hex: string) => String.fromCharCode(Number.parseInt(hex, 16))),
              'latin1',
            );
      return decodeBytes(bytes, charset);
    },
  );
  return decoded.replace(/\s+/g, ' ').trim();
}

/** The raw bytes of the first header `name` of a message (unfolded later), or undefined. */
export function rawHeaderValue(raw: Buffer, name: string): Buffer | undefined {
  const end = raw.indexOf('\r\n\r\n') >= 0 ? raw.indexOf('\r\n\r\n') : raw.indexOf('\n\n');
  const head = (end >= 0 ? raw.subarray(0, end) : raw).toString('latin1');
  const match = new RegExp(`^${name}:[ \\t]*((?:.*)(?:\\r?\\n[ \\t].*)*)`, 'im').exec(head);
  return match ? Buffer.from(match[1] as string, 'latin1') : undefined;
}
