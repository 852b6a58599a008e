import { afterEach, expect, it } from 'vitest';
import { forEachDialect } from '../../testing/for-each-dialect.ts';
import { createTestApp, SYSTEM_ACTOR } from '../../testing/test-app.ts';
import { selfSignedCertificate, startTestListener, startTlsClient } from './test-support.ts';

forEachDialect('inbound SMTP with STARTTLS', (ctx) => {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  async function listener(tls?: { cert: Buffer; key: Buffer }) {
    const t = await createTestApp(ctx);
    cleanups.push(() => t.close());
    const { processor, listener: smtp } = await startTestListener(t.services.inbound, tls);
    cleanups.push(() => smtp.close());
    return { t, processor, smtp };
  }

  const mail = {
    from: 'Marta Solís <marta@cliente.test>',
    to: 'soporte@tiquete.test',
    subject: 'Factura electrónica rechazada',
    text: 'Hacienda rechazó la factura 001.',
  };

  it('upgrades a client to TLS with STARTTLS when a certificate is configured, and the mail becomes a ticket', async () => {
    const certificate = selfSignedCertificate();
    const { t, processor, smtp } = await listener({ cert: certificate.cert, key: certificate.key });
    const client = startTlsClient(smtp.port, certificate.cert);
    cleanups.push(() => client.close());

    // requireTLS: nodemailer refuses to send the mail in clear, so acceptance proves the upgrade.
    const info = await client.sendMail(mail);
    expect(info.accepted).toEqual(['soporte@tiquete.test']);
    await processor.drain();

    const tickets = await ctx.database.db.selectFrom('tickets').select(['id', 'subject']).execute();
    expect(tickets.map((ticket) => ticket.subject)).toEqual(['Factura electrónica rechazada']);
    const page = await t.services.messages.list(SYSTEM_ACTOR, tickets[0]?.id as string, { limit: 5 });
    expect(page.items[0]?.body).toContain('Hacienda rechazó la factura 001.');
  });

  it('offers no STARTTLS without a certificate, so a client that requires TLS sends nothing', async () => {
    const certificate = selfSignedCertificate();
    const { smtp } = await listener();
    const client = startTlsClient(smtp.port, certificate.cert);
    cleanups.push(() => client.close());

    await expect(client.sendMail(mail)).rejects.toThrow(/STARTTLS/i);
    const stored = await ctx.database.db.selectFrom('inbound_messages').select('id').execute();
    expect(stored).toEqual([]);
  });
});
