import type { AddressInfo } from 'node:net';
import { SMTPServer, type SMTPServerOptions } from 'smtp-server';
import type { InboundService } from '../../core/conversation/inbound.service.ts';
import type { InboundProcessor } from './inbound-processor.ts';

export interface SmtpListenerOptions {
  inbound: InboundService;
  processor: InboundProcessor;
  port: number;
  host: string;
  /** Accepted recipient domains; a recipient is also accepted when it is a mailbox's address. */
  domains: string[];
  /** Largest mail ever accepted, advertised in EHLO (the highest attachment limit + MIME overhead). */
  maxBytes: number;
  /** The limit in force now (admins change the attachment limit at runtime); at most `maxBytes`. */
  currentMaxBytes?: () => Promise<number>;
  tls?: { key: Buffer; cert: Buffer };
  onError?: (error: unknown) => void;
}

function smtpError(message: string, code: number): Error & { responseCode: number } {
  return Object.assign(new Error(message), { responseCode: code });
}

/**
 * The embedded SMTP listener. A mail gets 250 only after its raw bytes are committed; parsing
 * happens afterwards from the database (no accepted mail is ever lost).
 */
export async function startSmtpListener(options: SmtpListenerOptions) {
  const domains = new Set(options.domains.map((d) => d.trim().toLowerCase()).filter(Boolean));
  const serverOptions: SMTPServerOptions = {
    authOptional: true,
    disabledCommands: options.tls ? ['AUTH'] : ['AUTH', 'STARTTLS'],
    ...(options.tls ? { key: options.tls.key, cert: options.tls.cert } : {}),
    size: options.maxBytes,
    banner: 'Tiquete',
    logger: false,
    async onRcptTo(address, _session, callback) {
      const recipient = address.address.toLowerCase();
      const domain = recipient.split('@')[1] ?? '';
      try {
        const known = domains.has(domain) || (await options.inbound.mailboxes.findByAddress(recipient)) !== undefined;
        if (!known) return callback(smtpError(`5.1.1 <${recipient}>: recipient not accepted here`, 550));
        callback();
      } catch (error) {
        options.onError?.(error);
        callback(smtpError('4.3.0 try again later', 451));
      }
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      let size = 0;
      let limit = options.maxBytes;
      let tooLarge = false;
      const limitRead = (options.currentMaxBytes?.() ?? Promise.resolve(options.maxBytes)).then(
        (current) => {
          limit = Math.min(current, options.maxBytes);
        },
        (error: unknown) => options.onError?.(error),
      );
      stream.on('data', (chunk: Buffer) => {
        size += chunk.length;
        // Past the limit the rest is read (the protocol needs it) but not kept.
        if (size > limit) tooLarge = true;
        if (!tooLarge) chunks.push(chunk);
      });
      stream.on('error', (error) => callback(error));
      stream.on('end', async () => {
        await limitRead;
        if (tooLarge || size > limit || (stream as unknown as { sizeExceeded?: boolean }).sizeExceeded) {
          return callback(smtpError(`5.3.4 message larger than ${limit} bytes`, 552));
        }
        const raw = Buffer.concat(chunks);
        const from = session.envelope.mailFrom;
        options.inbound
          .store({
            source: 'smtp',
            envelopeFrom: from ? from.address : null,
            envelopeTo: session.envelope.rcptTo.map((r) => r.address.toLowerCase()),
            raw,
          })
          .then(
            (id) => {
              callback(null, `2.0.0 queued as ${id}`);
              options.processor.drain().catch((error: unknown) => options.onError?.(error));
            },
            (error: unknown) => {
              options.onError?.(error);
              callback(smtpError('4.3.0 could not store the message, try again later', 451));
            },
          );
      });
    },
  };
  const server = new SMTPServer(serverOptions);
  server.on('error', (error) => options.onError?.(error));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.server.address() as AddressInfo;
  return {
    port: address.port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export type SmtpListener = Awaited<ReturnType<typeof startSmtpListener>>;
