import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { loadConfig } from '../../config/config.ts';
import { createOutboxWorker } from '../../jobs/outbox-worker.ts';
import { forEachDialect } from '../../testing/for-each-dialect.ts';
import { createTestApp, SYSTEM_ACTOR, type TestApp, unique } from '../../testing/test-app.ts';
import { emailOutbound } from './email-channel.ts';
import { customerClient, startSink, startTestListener } from './test-support.ts';

forEachDialect('outbound SMTP per mailbox', (ctx) => {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  /** Tiquete with two mailboxes (soporte@ for Soporte, ventas@ for Ventas) behind a real listener. */
  async function setup(globalUrl: string | null) {
    const t: TestApp = await createTestApp(ctx);
    cleanups.push(() => t.close());
    const admin = await t.signedIn('admin');
    const support = await t.services.departments.create(SYSTEM_ACTOR, { name: unique('Soporte ') });
    const sales = await t.services.departments.create(SYSTEM_ACTOR, { name: unique('Ventas ') });
    const { processor, listener } = await startTestListener(t.services.inbound);
    cleanups.push(() => listener.close());
    const config = loadConfig({
      SESSION_SECRET: 'test-secret-test-secret-test-secret-0123',
      DATA_DIR: mkdtempSync(join(tmpdir(), 'tiquete-mailbox-smtp-')),
      ...(globalUrl ? { OUTBOUND_SMTP_URL: globalUrl } : {}),
    });
    const email = emailOutbound(t.services, config);
    const worker = createOutboxWorker({
      db: ctx.database.db,
      clock: t.clock,
      handlers: email.outboxHandlers,
      deliverable: email.outboxDeliverable,
    });
    const client = customerClient(listener.port);
    cleanups.push(() => client.close());
    const write = async (to: string, subject: string) => {
      await client.sendMail({ from: 'Rosa Campos <rosa@cliente.test>', to, subject, text: 'Buenos días.' });
      await processor.drain();
    };
    return { t, admin, support, sales, worker, write };
  }

  it("sends a department's mail through its mailbox's own SMTP server and the rest through OUTBOUND_SMTP_URL", async () => {
    const own = await startSink();
    const global = await startSink();
    cleanups.push(
      () => own.close(),
      () => global.close(),
    );
    const { t, admin, support, sales, worker, write } = await setup(`smtp://127.0.0.1:${global.port}`);
    const created = await t.as(admin, 'POST', '/api/v1/mailboxes', {
      address: 'soporte@tiquete.test',
      departmentId: support.id,
      smtpUrl: `smtp://127.0.0.1:${own.port}`,
    });
    expect(created.statusCode).toBe(201);
    await t.as(admin, 'POST', '/api/v1/mailboxes', { address: 'ventas@tiquete.test', departmentId: sales.id });

    await write('soporte@tiquete.test', 'No factura');
    await write('ventas@tiquete.test', 'Cotización');
    await worker.drain();

    expect(own.mails.map((m) => m.subject)).toEqual([expect.stringMatching(/\] No factura$/)]);
    expect(own.mails[0]?.from?.value[0]?.address).toBe('soporte@tiquete.test');
    expect(global.mails.map((m) => m.subject)).toEqual([expect.stringMatching(/\] Cotización$/)]);
  });

  it('with no SMTP server anywhere email is off: the mail waits queued untouched, and leaves once its mailbox gets one', async () => {
    const own = await startSink();
    cleanups.push(() => own.close());
    const { t, admin, support, worker, write } = await setup(null);
    const { id } = (
      await t.as(admin, 'POST', '/api/v1/mailboxes', { address: 'soporte@tiquete.test', departmentId: support.id })
    ).json();

    await write('soporte@tiquete.test', 'Sin servidor');
    await worker.drain();
    const waiting = await ctx.database.db.selectFrom('outbox').select(['status', 'attempts', 'last_error']).execute();
    expect(waiting).toEqual([{ status: 'pending', attempts: 0, last_error: null }]);

    // No restart: the next pass sees the mailbox's new SMTP URL.
    await t.as(admin, 'PATCH', `/api/v1/mailboxes/${id}`, { smtpUrl: `smtp://127.0.0.1:${own.port}` });
    await worker.drain();
    expect(own.mails.map((m) => m.subject)).toEqual([expect.stringMatching(/\] Sin servidor$/)]);
    const sent = await ctx.database.db.selectFrom('outbox').select('status').execute();
    expect(sent).toEqual([{ status: 'sent' }]);
  });
});
