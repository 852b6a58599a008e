import { ImapFlow } from 'imapflow';
import { afterEach, describe, expect, it } from 'vitest';
import { forEachDialect } from '../../testing/for-each-dialect.ts';
import { createTestApp, SYSTEM_ACTOR, type TestApp } from '../../testing/test-app.ts';
import { dovecotAvailable, startDovecot } from './dovecot.test-support.ts';
import { createImapPollers } from './imap-poller.ts';
import { createInboundProcessor } from './inbound-processor.ts';

function mail(n: number): string {
  return [
    `From: Cliente ${n} <cliente${n}@empresa.test>`,
    'To: soporte@tiquete.test',
    `Subject: Consulta ${n}`,
    `Message-ID: <imap-${n}-${Date.now()}@empresa.test>`,
    'Content-Type: text/plain; charset=utf-8',
    '',
    `Hola, esta es la consulta número ${n}.`,
    '',
  ].join('\r\n');
}

/** The customer's side: an IMAP client that APPENDs mail to the test user's INBOX. */
async function customerOf(dovecot: { port: number; user: string; password: string }): Promise<ImapFlow> {
  const customer = new ImapFlow({
    host: '127.0.0.1',
    port: dovecot.port,
    secure: false,
    auth: { user: dovecot.user, pass: dovecot.password },
    logger: false,
  });
  await customer.connect();
  return customer;
}

async function until(check: () => Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 100));
  }
}

if (!dovecotAvailable()) {
  console.log('IMAP tests skipped: dovecot is not installed (apt-get install -y dovecot-imapd)');
  describe.skip('email over IMAP (needs dovecot)', () => {
    it('imports appended mails once', () => {});
  });
} else {
  forEachDialect('email over IMAP', (ctx) => {
    const cleanups: (() => Promise<void> | void)[] = [];
    afterEach(async () => {
      for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
    });

    it('imports APPENDed mails exactly once across a restart of the poller (UID tracking)', async () => {
      const dovecot = await startDovecot();
      cleanups.push(() => dovecot.stop());
      const t: TestApp = await createTestApp(ctx);
      cleanups.push(() => t.close());
      await t.services.inbound.mailboxes.create(SYSTEM_ACTOR, {
        address: 'soporte@tiquete.test',
        imap: { host: '127.0.0.1', port: dovecot.port, secure: false, user: dovecot.user, password: dovecot.password },
      });
      const customer = await customerOf(dovecot);
      cleanups.push(() => customer.logout());
      await customer.append('INBOX', mail(1));
      await customer.append('INBOX', mail(2));

      const count = async (table: 'tickets' | 'inbound_messages') =>
        (await ctx.database.db.selectFrom(table).select('id').execute()).length;
      const processor = createInboundProcessor({ inbound: t.services.inbound });
      const errors: unknown[] = [];
      let pollers = createImapPollers({
        inbound: t.services.inbound,
        processor,
        pollIntervalMs: 200,
        onError: (e) => errors.push(e),
      });
      await pollers.start();
      await until(async () => (await count('tickets')) === 2);
      await pollers.stop();

      // A restart: a new poller reads where the last one stopped.
      pollers = createImapPollers({ inbound: t.services.inbound, processor, pollIntervalMs: 200 });
      await pollers.start();
      await customer.append('INBOX', mail(3));
      await until(async () => (await count('tickets')) === 3);
      await new Promise((r) => setTimeout(r, 500));
      await pollers.stop();
      await processor.idle();

      expect(await count('tickets')).toBe(3);
      expect(await count('inbound_messages')).toBe(3);
      await customer.mailboxOpen('INBOX');
      const flags = await customer.fetchAll('1:*', { flags: true, uid: true });
      expect(flags.every((m) => m.flags?.has('\\Seen'))).toBe(true);
      expect(errors).toEqual([]);
    });

    it('polls a mailbox given IMAP settings after the start, without a restart', async () => {
      const dovecot = await startDovecot();
      cleanups.push(() => dovecot.stop());
      const t: TestApp = await createTestApp(ctx);
      cleanups.push(() => t.close());
      const processor = createInboundProcessor({ inbound: t.services.inbound });
      const errors: unknown[] = [];
      const pollers = createImapPollers({
        inbound: t.services.inbound,
        processor,
        pollIntervalMs: 200,
        onError: (e) => errors.push(e),
      });
      await pollers.start();
      cleanups.push(async () => {
        await pollers.stop();
        await processor.idle();
      });

      await t.services.inbound.mailboxes.create(SYSTEM_ACTOR, {
        address: 'ventas@tiquete.test',
        imap: { host: '127.0.0.1', port: dovecot.port, secure: false, user: dovecot.user, password: dovecot.password },
      });
      const customer = await customerOf(dovecot);
      cleanups.push(() => customer.logout());
      await customer.append('INBOX', mail(7));

      const tickets = async () => ctx.database.db.selectFrom('tickets').select('subject').execute();
      await until(async () => (await tickets()).length === 1);
      expect((await tickets()).map((x) => x.subject)).toEqual(['Consulta 7']);
      expect(errors).toEqual([]);
    });
  });
}
