import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type ParsedMail, simpleParser } from 'mailparser';
import nodemailer from 'nodemailer';
import { SMTPServer, type SMTPServerEnvelope } from 'smtp-server';
import { createInboundProcessor, type InboundProcessorOptions } from './inbound-processor.ts';
import { type SmtpListenerOptions, startSmtpListener } from './smtp-listener.ts';

/** A port nobody listens on right now (for a sink that is down, then comes back). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** An SMTP server standing in for the world's mail: it keeps every mail it is given. */
export async function startSink(port = 0) {
  const mails: ParsedMail[] = [];
  /** Each mail's SMTP envelope (MAIL FROM, RCPT TO with their DSN parameters). */
  const envelopes: SMTPServerEnvelope[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    // Offers DSN (RFC 3461) as Postfix and most relays do.
    hideDSN: false,
    logger: false,
    onData(stream, session, callback) {
      simpleParser(stream).then(
        (mail) => {
          mails.push(mail);
          envelopes.push(session.envelope);
          callback();
        },
        (error: Error) => callback(error),
      );
    },
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', () => resolve()));
  const address = server.server.address();
  return {
    mails,
    envelopes,
    port: typeof address === 'object' && address ? address.port : port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A delivery report (RFC 3464) from the customer's server about the mail with `messageId`. */
export function deliveryReport(
  messageId: string,
  action: 'delivered' | 'failed',
  diagnostic: string,
  recipient = 'mariana@cliente.example',
) {
  return Buffer.from(
    [
      'From: Mail Delivery System <MAILER-DAEMON@mx.cliente.example>',
      'To: soporte@tiquete.test',
      `Subject: ${action === 'delivered' ? 'Successful Mail Delivery Report' : 'Undelivered Mail Returned to Sender'}`,
      'Auto-Submitted: auto-replied',
      'MIME-Version: 1.0',
      'Content-Type: multipart/report; report-type=delivery-status; boundary="r1"',
      '',
      '--r1',
      'Content-Type: text/plain',
      '',
      'Informe de entrega.',
      '--r1',
      'Content-Type: message/delivery-status',
      '',
      'Reporting-MTA: dns; mx.cliente.example',
      '',
      `Final-Recipient: rfc822; ${recipient}`,
      `Action: ${action}`,
      `Status: ${action === 'delivered' ? '2.0.0' : '5.1.1'}`,
      `Diagnostic-Code: smtp; ${diagnostic}`,
      '--r1',
      'Content-Type: text/rfc822-headers',
      '',
      'From: soporte@tiquete.test',
      `Message-ID: ${messageId}`,
      '--r1--',
      '',
    ].join('\r\n'),
  );
}

/** A customer's mail client talking to our listener. */
export function customerClient(port: number) {
  return nodemailer.createTransport({ host: '127.0.0.1', port, secure: false, ignoreTLS: true });
}

/**
 * A throw-away self-signed certificate for 127.0.0.1 (PEM files in a temp folder), made with the
 * system's openssl: node's crypto creates keys but not X.509 certificates.
 */
export function selfSignedCertificate(): { certFile: string; keyFile: string; cert: Buffer; key: Buffer } {
  const dir = mkdtempSync(path.join(tmpdir(), 'tiquete-tls-'));
  const certFile = path.join(dir, 'cert.pem');
  const keyFile = path.join(dir, 'key.pem');
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-days',
      '1',
      '-subj',
      '/CN=127.0.0.1',
      '-addext',
      'subjectAltName=IP:127.0.0.1',
      '-keyout',
      keyFile,
      '-out',
      certFile,
    ],
    { stdio: 'ignore' },
  );
  return { certFile, keyFile, cert: readFileSync(certFile), key: readFileSync(keyFile) };
}

/** A customer's client that refuses to send unless the listener upgrades with STARTTLS to `ca`'s certificate. */
export function startTlsClient(port: number, ca: Buffer) {
  return nodemailer.createTransport({
    host: '127.0.0.1',
    port,
    secure: false,
    requireTLS: true,
    tls: { ca: [ca] },
  });
}

/**
 * Tiquete's SMTP listener for tiquete.test on a free port of 127.0.0.1 (1 MB at most a mail), with
 * the inbound processor it hands mail to; `tls` offers STARTTLS.
 */
export async function startTestListener(inbound: SmtpListenerOptions['inbound'], tls?: SmtpListenerOptions['tls']) {
  const processor = createInboundProcessor({ inbound });
  const listener = await startSmtpListener({
    inbound,
    processor,
    port: 0,
    host: '127.0.0.1',
    domains: ['tiquete.test'],
    maxBytes: 1_000_000,
    tls,
  });
  return { processor, listener };
}

/**
 * Tiquete's mail intake for a test: the SMTP listener on a free port (mails up to `maxBytes`)
 * handing mail to an inbound processor with the given options (an attachment store, a parse
 * timeout…), and a client that delivers raw RFC 822 bytes to it.
 */
export async function startMailDesk(
  inbound: SmtpListenerOptions['inbound'],
  opts: Omit<InboundProcessorOptions, 'inbound'> & { maxBytes?: number } = {},
) {
  const { maxBytes = 30_000_000, ...processorOptions } = opts;
  const processor = createInboundProcessor({ inbound, ...processorOptions });
  const listener = await startSmtpListener({
    inbound,
    processor,
    port: 0,
    host: '127.0.0.1',
    domains: ['tiquete.test'],
    maxBytes,
  });
  const client = customerClient(listener.port);
  return {
    processor,
    listener,
    /** Delivers the mail over SMTP; resolves with the listener's answer (250 …) once it is stored. */
    async deliver(raw: Buffer | string, envelope = { from: 'cliente@cliente.test', to: 'soporte@tiquete.test' }) {
      const info = await client.sendMail({ envelope, raw });
      return info.response;
    },
    /** A customer's mail client talking to the listener (nodemailer builds the MIME). */
    client,
    async close() {
      client.close();
      await listener.close();
      await processor.idle();
    },
  };
}
