import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { loadConfig } from '../../config/config.ts';
import { forEachDialect } from '../../testing/for-each-dialect.ts';
import { createTestApp, SYSTEM_ACTOR } from '../../testing/test-app.ts';
import { startEmailInbound } from './email-channel.ts';
import { customerClient, freePort } from './test-support.ts';

const MB = 1_048_576;

forEachDialect('inbound mail under the attachment limit admins set at runtime', (ctx) => {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  it('refuses at DATA with 552 what the current limit does not allow, and keeps attachments it does', async () => {
    const port = await freePort();
    const env = {
      INBOUND_SMTP_PORT: String(port),
      INBOUND_SMTP_HOST: '127.0.0.1',
      INBOUND_SMTP_DOMAINS: 'tiquete.test',
      ATTACHMENT_LIMIT_BYTES: String(1.5 * MB),
      ATTACHMENT_STORAGE: 'database',
    };
    const t = await createTestApp(ctx, env);
    cleanups.push(() => t.close());
    const config = loadConfig({
      ...env,
      SESSION_SECRET: 'test-secret-test-secret-test-secret-0123',
      DATA_DIR: mkdtempSync(path.join(tmpdir(), 'tiquete-mail-limit-')),
    });
    const problems: unknown[] = [];
    const log = { warn: (o: unknown) => problems.push(o), error: (o: unknown) => problems.push(o) };
    const email = await startEmailInbound(t.services, config, log);
    cleanups.push(() => email.stop());
    const admin = await t.signedIn('admin');
    const client = customerClient(port);
    cleanups.push(() => client.close());
    const mail = {
      from: 'Ana Mora <ana@cliente.test>',
      to: 'soporte@tiquete.test',
      subject: 'Planilla de enero',
      text: 'Adjunto la planilla.',
      attachments: [{ filename: 'planilla.xlsx', content: Buffer.alloc(2 * MB, 7) }],
    };

    expect((await t.as(admin, 'PUT', '/api/v1/settings', { attachmentLimitBytes: MB })).statusCode).toBe(200);
    await expect(client.sendMail(mail)).rejects.toMatchObject({ responseCode: 552 });
    expect(await ctx.database.db.selectFrom('inbound_messages').select('id').execute()).toEqual([]);

    // Above the configured 1.5 MB: the file is kept because the limit in force is now 5 MB.
    expect((await t.as(admin, 'PUT', '/api/v1/settings', { attachmentLimitBytes: 5 * MB })).statusCode).toBe(200);
    await client.sendMail(mail);
    const until = Date.now() + 10_000;
    let ticketId: string | undefined;
    while (!ticketId && Date.now() < until) {
      ticketId = (await ctx.database.db.selectFrom('tickets').select('id').executeTakeFirst())?.id;
      if (!ticketId) await new Promise((r) => setTimeout(r, 100));
    }
    if (!ticketId) throw new Error('the mail did not become a ticket');
    await expect
      .poll(async () => (await t.services.messages.list(SYSTEM_ACTOR, ticketId, { limit: 5 })).items[0]?.attachments)
      .toEqual([expect.objectContaining({ filename: 'planilla.xlsx', size: 2 * MB })]);
    expect(problems).toEqual([]);
  });
});
