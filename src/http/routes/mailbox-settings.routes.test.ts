import { afterEach, beforeEach, expect, it } from 'vitest';
import { outboxRepository } from '../../core/outbox/outbox.repository.ts';
import { forEachDialect } from '../../testing/for-each-dialect.ts';
import { createTestApp, type Session, SYSTEM_ACTOR, type TestApp, unique } from '../../testing/test-app.ts';

forEachDialect('mailbox settings and failed outgoing mail API', (ctx) => {
  let t: TestApp;
  let admin: Session;

  beforeEach(async () => {
    t = await createTestApp(ctx);
    admin = await t.signedIn('admin');
  });
  afterEach(() => t.close());

  const SMTP = 'smtp://envios:clave-secreta@smtp.cimatic.test:587';

  it("a mailbox's own SMTP URL is stored whole but only ever shown with its password masked", async () => {
    const created = await t.as(admin, 'POST', '/api/v1/mailboxes', { address: 'soporte@cimatic.test', smtpUrl: SMTP });
    expect(created.statusCode).toBe(201);
    expect(created.json().smtpUrl).toBe('smtp://envios:****@smtp.cimatic.test:587');
    expect(created.body).not.toContain('clave-secreta');
    const list = await t.as(admin, 'GET', '/api/v1/mailboxes');
    expect(list.json().items[0].smtpUrl).toBe('smtp://envios:****@smtp.cimatic.test:587');
    expect(list.body).not.toContain('clave-secreta');
    expect(await t.services.inbound.mailboxes.smtpUrlFor('soporte@cimatic.test', null)).toBe(SMTP);
  });

  it('an edit that sends the masked URL back keeps the stored password; a new URL replaces it; null removes it', async () => {
    const { id } = (
      await t.as(admin, 'POST', '/api/v1/mailboxes', { address: 'soporte@cimatic.test', smtpUrl: SMTP })
    ).json();
    const masked = await t.as(admin, 'PATCH', `/api/v1/mailboxes/${id}`, {
      smtpUrl: 'smtp://envios:****@smtp.cimatic.test:587',
      defaultPriority: 'urgente',
      language: 'en',
    });
    expect(masked.statusCode).toBe(200);
    expect(masked.json()).toMatchObject({ defaultPriority: 'urgente', language: 'en' });
    expect(await t.services.inbound.mailboxes.smtpUrlFor('soporte@cimatic.test', null)).toBe(SMTP);

    const replaced = await t.as(admin, 'PATCH', `/api/v1/mailboxes/${id}`, {
      smtpUrl: 'smtps://otro:nueva@mail.cimatic.test:465',
    });
    expect(replaced.json().smtpUrl).toBe('smtps://otro:****@mail.cimatic.test:465');
    expect(await t.services.inbound.mailboxes.smtpUrlFor('soporte@cimatic.test', null)).toBe(
      'smtps://otro:nueva@mail.cimatic.test:465',
    );

    const removed = await t.as(admin, 'PATCH', `/api/v1/mailboxes/${id}`, { smtpUrl: null });
    expect(removed.json().smtpUrl).toBeNull();
    expect(await t.services.inbound.mailboxes.smtpUrlFor('soporte@cimatic.test', null)).toBeUndefined();
  });

  it('refuses an SMTP URL that is not smtp:// or smtps://, naming the field, and changes nothing', async () => {
    const bad = await t.as(admin, 'POST', '/api/v1/mailboxes', {
      address: 'soporte@cimatic.test',
      smtpUrl: 'http://smtp.cimatic.test',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error).toMatchObject({ code: 'VALIDATION_FAILED', details: { field: 'smtpUrl' } });
    expect((await t.as(admin, 'GET', '/api/v1/mailboxes')).json().items).toEqual([]);

    const { id } = (await t.as(admin, 'POST', '/api/v1/mailboxes', { address: 'soporte@cimatic.test' })).json();
    const badEdit = await t.as(admin, 'PATCH', `/api/v1/mailboxes/${id}`, { smtpUrl: 'no es una url' });
    expect(badEdit.statusCode).toBe(400);
    expect((await t.as(admin, 'GET', '/api/v1/mailboxes')).json().items[0].smtpUrl).toBeNull();
  });

  it('edits address, department and IMAP; a left-out IMAP password stays; conflicts and unknown ids are refused', async () => {
    const department = await t.services.departments.create(SYSTEM_ACTOR, { name: unique('Ventas ') });
    const imap = { host: 'imap.cimatic.test', port: 993, secure: true, user: 'soporte', password: 'secreto' };
    const { id } = (await t.as(admin, 'POST', '/api/v1/mailboxes', { address: 'soporte@cimatic.test', imap })).json();
    await t.as(admin, 'POST', '/api/v1/mailboxes', { address: 'ventas@cimatic.test' });

    const edited = await t.as(admin, 'PATCH', `/api/v1/mailboxes/${id}`, {
      address: 'ayuda@cimatic.test',
      departmentId: department.id,
      imap: { host: 'imap.cimatic.test', port: 143, secure: false, user: 'soporte', folder: 'Soporte' },
    });
    expect(edited.statusCode).toBe(200);
    expect(edited.json()).toMatchObject({
      address: 'ayuda@cimatic.test',
      departmentId: department.id,
      imap: { port: 143, secure: false, folder: 'Soporte' },
    });
    expect(edited.body).not.toContain('secreto');
    const stored = (await t.services.inbound.mailboxes.list()).find((m) => m.id === id);
    expect(stored?.imap?.password).toBe('secreto');

    const conflict = await t.as(admin, 'PATCH', `/api/v1/mailboxes/${id}`, { address: 'ventas@cimatic.test' });
    expect(conflict.statusCode).toBe(409);
    expect(conflict.json().error.details).toEqual({ field: 'address' });
    expect((await t.as(admin, 'PATCH', '/api/v1/mailboxes/nope', { language: 'en' })).statusCode).toBe(404);
    const agent = await t.login((await t.createAgent({ name: 'Bruno Díaz' })).email);
    expect((await t.as(agent, 'PATCH', `/api/v1/mailboxes/${id}`, { language: 'en' })).statusCode).toBe(403);

    const withoutImap = await t.as(admin, 'PATCH', `/api/v1/mailboxes/${id}`, { imap: null });
    expect(withoutImap.json().imap).toBeNull();
  });

  it("an admin's IMAP edit is not undone when the poller records how far it read", async () => {
    const imap = { host: 'imap.cimatic.test', port: 993, secure: true, user: 'soporte', password: 'vieja' };
    const { id } = (await t.as(admin, 'POST', '/api/v1/mailboxes', { address: 'soporte@cimatic.test', imap })).json();
    const polling = (await t.services.inbound.mailboxes.list())[0]?.imap;
    if (!polling) throw new Error('no IMAP settings');

    await t.as(admin, 'PATCH', `/api/v1/mailboxes/${id}`, { imap: { ...imap, password: 'nueva' } });
    // The poller, still holding the old settings, saves its position.
    await t.services.inbound.mailboxes.saveImapState(id, { ...polling, lastUid: 42, uidValidity: '7' });
    expect((await t.services.inbound.mailboxes.list())[0]?.imap).toMatchObject({
      password: 'nueva',
      lastUid: 42,
      uidValidity: '7',
    });

    // Another account or folder: the old position means nothing there and is not written.
    await t.as(admin, 'PATCH', `/api/v1/mailboxes/${id}`, { imap: { ...imap, folder: 'Soporte' } });
    await t.services.inbound.mailboxes.saveImapState(id, { ...polling, lastUid: 99, uidValidity: '7' });
    expect((await t.services.inbound.mailboxes.list())[0]?.imap).toMatchObject({
      folder: 'Soporte',
      password: 'vieja',
    });
    expect((await t.services.inbound.mailboxes.list())[0]?.imap?.lastUid).toBeUndefined();
  });

  it('lists outgoing mail given up on and gives it one more attempt on request', async () => {
    const now = t.clock.now().toISOString();
    const outbox = outboxRepository(ctx.database.db);
    const id = await outbox.add({ type: 'email.reply@1', payload: { to: 'x@cliente.test' }, now });
    const other = await outbox.add({ type: 'email.reply@1', payload: { to: 'y@cliente.test' }, now });
    await ctx.database.db
      .updateTable('outbox')
      .set({ status: 'failed', last_error: 'connect ECONNREFUSED', processed_at: now })
      .where('id', 'in', [id, other])
      .execute();

    const failed = await t.as(admin, 'GET', '/api/v1/mail/failed');
    expect(
      failed
        .json()
        .outbox.map((o: { id: string }) => o.id)
        .sort(),
    ).toEqual([id, other].sort());
    expect(failed.json().outbox[0]).toMatchObject({ type: 'email.reply@1', lastError: 'connect ECONNREFUSED' });

    const resent = await t.as(admin, 'POST', '/api/v1/mail/failed/resend', { ids: [id] });
    expect(resent.json()).toEqual({ requeued: 1 });
    const rows = await ctx.database.db.selectFrom('outbox').select(['id', 'status']).orderBy('id').execute();
    expect(Object.fromEntries(rows.map((r) => [r.id, r.status]))).toEqual({ [id]: 'pending', [other]: 'failed' });
    expect((await t.as(admin, 'POST', '/api/v1/mail/failed/resend', {})).json()).toEqual({ requeued: 1 });
    const agent = await t.login((await t.createAgent({ name: 'Bruno Díaz' })).email);
    expect((await t.as(agent, 'POST', '/api/v1/mail/failed/resend', {})).statusCode).toBe(403);
  });
});
