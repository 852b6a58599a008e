import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../config/config.ts';
import { startServer } from '../../server.ts';
import { customerClient, freePort, selfSignedCertificate, startSink, startTlsClient } from './test-support.ts';

describe('the server with email configured', () => {
  it('listens for SMTP when INBOUND_SMTP_PORT is set, acknowledges through OUTBOUND_SMTP_URL, and stops both', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'tiquete-mail-server-'));
    const sink = await startSink();
    const smtpPort = await freePort();
    const config = loadConfig({
      DATA_DIR: dataDir,
      PORT: String(await freePort()),
      HOST: '127.0.0.1',
      WEB_DIR: '/nonexistent-web-dir',
      SESSION_SECRET: 'test-secret-test-secret-test-secret-0123',
      INBOUND_SMTP_PORT: String(smtpPort),
      INBOUND_SMTP_HOST: '127.0.0.1',
      INBOUND_SMTP_DOMAINS: 'tiquete.test',
      OUTBOUND_SMTP_URL: `smtp://127.0.0.1:${sink.port}`,
    });
    const server = await startServer(config, { quiet: true });
    try {
      const client = customerClient(smtpPort);
      await client.sendMail({
        from: 'Luis Vega <luis@cliente.test>',
        to: 'soporte@tiquete.test',
        subject: 'No imprime',
        text: 'Hola',
      });
      client.close();
      const until = Date.now() + 15_000;
      while (sink.mails.length === 0 && Date.now() < until) await new Promise((r) => setTimeout(r, 100));
      expect(sink.mails[0]?.subject).toMatch(/^\[[A-Z]*\d+\] No imprime$/);
    } finally {
      await server.stop();
      await sink.close();
    }
    // The listener is closed with the server.
    await expect(customerClient(smtpPort).verify()).rejects.toThrow();
  });

  it('offers STARTTLS with the certificate of INBOUND_SMTP_TLS_CERT and INBOUND_SMTP_TLS_KEY', async () => {
    const certificate = selfSignedCertificate();
    const smtpPort = await freePort();
    const config = loadConfig({
      DATA_DIR: mkdtempSync(path.join(tmpdir(), 'tiquete-mail-tls-')),
      PORT: String(await freePort()),
      HOST: '127.0.0.1',
      WEB_DIR: '/nonexistent-web-dir',
      SESSION_SECRET: 'test-secret-test-secret-test-secret-0123',
      INBOUND_SMTP_PORT: String(smtpPort),
      INBOUND_SMTP_HOST: '127.0.0.1',
      INBOUND_SMTP_DOMAINS: 'tiquete.test',
      INBOUND_SMTP_TLS_CERT: certificate.certFile,
      INBOUND_SMTP_TLS_KEY: certificate.keyFile,
    });
    const server = await startServer(config, { quiet: true });
    const client = startTlsClient(smtpPort, certificate.cert);
    try {
      const info = await client.sendMail({
        from: 'luis@cliente.test',
        to: 'soporte@tiquete.test',
        subject: 'Por TLS',
        text: 'Hola',
      });
      expect(info.accepted).toEqual(['soporte@tiquete.test']);
    } finally {
      client.close();
      await server.stop();
    }
  });
});
