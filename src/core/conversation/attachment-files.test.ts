import { describe, expect, it } from 'vitest';
import { cleanContentType, cleanFilename, contentDisposition, megabytes, servingOf } from './attachment-files.ts';

describe('attachment files', () => {
  it('keeps only the name of an uploaded file, without folders or control characters', () => {
    expect(cleanFilename('C:\\fakepath\\Factura 001.pdf')).toBe('Factura 001.pdf');
    expect(cleanFilename('../../etc/passwd')).toBe('passwd');
    expect(cleanFilename('a\u0000b"c.txt')).toBe('abc.txt');
    expect(cleanFilename('')).toBe('adjunto');
    const long = cleanFilename(`${'x'.repeat(300)}.pdf`);
    expect(long).toHaveLength(200);
    expect(long.endsWith('.pdf')).toBe(true);
  });

  it('reads the media type without parameters, octet-stream when it is not one', () => {
    expect(cleanContentType('Image/PNG; charset=binary')).toBe('image/png');
    expect(cleanContentType('nonsense')).toBe('application/octet-stream');
  });

  it('serves only png, jpeg, gif and webp as themselves (inline); svg and the rest as octet-stream downloads', () => {
    for (const type of ['image/png', 'image/jpeg', 'image/gif', 'image/webp']) {
      expect(servingOf(type)).toEqual({ contentType: type, inline: true });
    }
    for (const type of ['image/svg+xml', 'text/html', 'application/pdf']) {
      expect(servingOf(type)).toEqual({ contentType: 'application/octet-stream', inline: false });
    }
  });

  it('names the file in UTF-8 for the download (RFC 8187)', () => {
    expect(contentDisposition("Cotización (1)'s.pdf", false)).toBe(
      "attachment; filename*=UTF-8''Cotizaci%C3%B3n%20%281%29%27s.pdf",
    );
    expect(contentDisposition('logo.png', true)).toBe("inline; filename*=UTF-8''logo.png");
  });

  it('says the limit in MB as people read it', () => {
    expect(megabytes(26_214_400)).toBe('25');
    expect(megabytes(1_572_864)).toBe('1.5');
  });
});
