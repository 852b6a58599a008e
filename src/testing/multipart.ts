import { randomBytes } from 'node:crypto';
import type { TypedApp } from '../http/types.ts';
import type { Session } from './test-app.ts';

export type FormPart =
  | { name: string; value: string }
  | { name: string; filename: string; contentType: string; data: Buffer };

/** A multipart/form-data body as a browser sends it, for `app.inject`. */
export function multipartBody(parts: FormPart[]): { payload: Buffer; contentType: string } {
  const boundary = `----tiquete${randomBytes(8).toString('hex')}`;
  const chunks: Buffer[] = [];
  for (const part of parts) {
    const head =
      'filename' in part
        ? `Content-Disposition: form-data; name="${part.name}"; filename="${part.filename}"\r\nContent-Type: ${part.contentType}\r\n`
        : `Content-Disposition: form-data; name="${part.name}"\r\n`;
    chunks.push(Buffer.from(`--${boundary}\r\n${head}\r\n`, 'utf8'));
    chunks.push('filename' in part ? part.data : Buffer.from(part.value, 'utf8'));
    chunks.push(Buffer.from('\r\n', 'utf8'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`, 'utf8'));
  return { payload: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}

/** A reply carrying one file, posted to a ticket the way the console sends it; the injected response. */
export function postFile(
  app: TypedApp,
  session: Pick<Session, 'cookie' | 'csrfToken'>,
  ticketId: string,
  file: { filename: string; contentType: string; data: Buffer },
) {
  const { payload, contentType } = multipartBody([
    { name: 'kind', value: 'reply' },
    { name: 'body', value: 'Les comparto el comprobante' },
    { name: 'attachments', ...file },
  ]);
  return app.inject({
    method: 'POST',
    url: `/api/v1/tickets/${ticketId}/messages`,
    payload,
    headers: { cookie: session.cookie, 'x-csrf-token': session.csrfToken, 'content-type': contentType },
  });
}
