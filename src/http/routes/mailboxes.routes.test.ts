import { afterEach, beforeEach, expect, it } from 'vitest';
import { createServices } from '../../core/services.ts';
import { forEachDialect } from '../../testing/for-each-dialect.ts';
import { createTestApp, type Session, SYSTEM_ACTOR, type TestApp, unique } from '../../testing/test-app.ts';

forEachDialect('mailboxes and email templates API', (ctx) => {
  let t: TestApp;
  let admin: Session;

  beforeEach(async () => {
    t = await createTestApp(ctx);
    admin = await t.signedIn('admin');
  });
  afterEach(() => t.close());

  it('an admin adds a mailbox for a department; the IMAP password is never shown', async () => {
    const department = await t.services.departments.create(SYSTEM_ACTOR, { name: unique('Soporte ') });
    const created = await t.as(admin, 'POST', '/api/v1/mailboxes', {
      address: 'Soporte@Cimatic.test',
      departmentId: department.id,
      defaultPriority: 'alta',
      imap: { host: 'imap.cimatic.test', port: 993, secure: true, user: 'soporte', password: 'secreto' },
    });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({
      address: 'soporte@cimatic.test',
      departmentId: department.id,
      language: 'es',
    });
    expect(created.body).not.toContain('secreto');
    const list = await t.as(admin, 'GET', '/api/v1/mailboxes');
    expect(list.json().items).toHaveLength(1);
    expect(list.body).not.toContain('secreto');
    const again = await t.as(admin, 'POST', '/api/v1/mailboxes', { address: 'soporte@cimatic.test' });
    expect(again.statusCode).toBe(409);
    const unknown = await t.as(admin, 'POST', '/api/v1/mailboxes', {
      address: 'ventas@cimatic.test',
      departmentId: 'nope',
    });
    expect(unknown.statusCode).toBe(422);
  });

  it('agents may not manage mailboxes or templates', async () => {
    const agent = await t.signedIn('agent');
    expect((await t.as(agent, 'GET', '/api/v1/mailboxes')).statusCode).toBe(403);
    expect((await t.as(agent, 'GET', '/api/v1/email-templates')).statusCode).toBe(403);
    expect((await t.as(agent, 'GET', '/api/v1/mail/failed')).statusCode).toBe(403);
  });

  it("the default acknowledgement is OpenPyme's text, editable and previewed with example values", async () => {
    const list = await t.as(admin, 'GET', '/api/v1/email-templates');
    const ack = (list.json().items as { key: string; locale: string; text: string }[]).find(
      (x) => x.key === 'acknowledgement' && x.locale === 'es',
    );
    expect(ack?.text).toContain('ha sido recibida y será revisada por el equipo de Soporte Técnico.');
    const preview = await t.as(admin, 'POST', '/api/v1/email-templates/acknowledgement/es/preview', {});
    expect(preview.json().text).toBe(
      [
        'Estimado/Estimada Jesús Adrián Rodriguez',
        'Su solicitud "Desbloqueo de usuario" ha sido recibida y será revisada por el equipo de Soporte Técnico.',
        'La referencia de su ticket es OP10044',
        'Para agregar algún comentario o bien solicitar información, solo responda a este correo.',
        'Saludos',
      ].join('\n'),
    );
    expect(preview.json().subject).toBe('[OP10044] Desbloqueo de usuario');
    const bad = await t.as(admin, 'PUT', '/api/v1/email-templates/acknowledgement/es', {
      subject: '{{ticket.numero}}',
      text: 'x',
      html: 'x',
    });
    expect(bad.statusCode).toBe(422);
    const saved = await t.as(admin, 'PUT', '/api/v1/email-templates/acknowledgement/es', {
      subject: 'Recibido: {{ticket.number}}',
      text: 'Hola {{contact.first_name}}, su caso es {{ticket.number}}.',
      html: '<p>Hola {{contact.first_name}}</p>',
    });
    expect(saved.statusCode).toBe(200);
    const after = await t.as(admin, 'POST', '/api/v1/email-templates/acknowledgement/es/preview', {});
    expect(after.json().text).toBe('Hola Jesús, su caso es OP10044.');
  });

  it('lists failed incoming mails and requeues them', async () => {
    const id = await t.services.inbound.store({
      source: 'smtp',
      envelopeFrom: null,
      envelopeTo: [],
      raw: Buffer.from('x'),
    });
    await t.services.inbound.markFailed(id, new Error('no se pudo'));
    const failed = await t.as(admin, 'GET', '/api/v1/mail/failed');
    expect(failed.json()).toMatchObject({ inbound: [{ id, error: 'Error: no se pudo' }], outbox: [] });
    const requeued = await t.as(admin, 'POST', '/api/v1/mail/failed/reprocess', {});
    expect(requeued.json()).toEqual({ requeued: 1 });
  });

  it('IMAP and SMTP passwords are encrypted at rest, never returned, and still used to connect', async () => {
    const created = await t.as(admin, 'POST', '/api/v1/mailboxes', {
      address: 'soporte@cimatic.test',
      imap: { host: 'imap.cimatic.test', port: 993, secure: true, user: 'soporte', password: 'clave-imap-1' },
      smtpUrl: 'smtp://envios:clave-smtp-1@smtp.cimatic.test:587',
    });
    expect(created.statusCode).toBe(201);
    const row = await ctx.database.db.selectFrom('mailboxes').selectAll().executeTakeFirstOrThrow();
    expect(JSON.stringify(row)).not.toContain('clave-');
    expect((await t.as(admin, 'GET', '/api/v1/mailboxes')).body).not.toContain('clave-');
    // The server itself reads them back to log in and to send.
    const [mailbox] = await t.services.inbound.mailboxes.list();
    expect(mailbox?.imap?.password).toBe('clave-imap-1');
    expect(await t.services.inbound.mailboxes.smtpUrlFor('soporte@cimatic.test', null)).toBe(
      'smtp://envios:clave-smtp-1@smtp.cimatic.test:587',
    );
  });

  it('passwords stored in clear by an earlier version are sealed at the next start', async () => {
    await ctx.database.db
      .insertInto('mailboxes')
      .values({
        id: unique('mb'),
        address: 'ventas@cimatic.test',
        department_id: null,
        default_type_id: null,
        default_priority: null,
        language: 'es',
        imap: JSON.stringify({
          host: 'imap.x.test',
          port: 993,
          secure: true,
          user: 'v',
          password: 'clave-vieja',
          folder: 'INBOX',
        }),
        smtp_url: 'smtp://v:clave-vieja-smtp@smtp.x.test',
        require_sender_auth: 0,
        created_at: t.clock.now().toISOString(),
      })
      .execute();
    expect(await t.services.inbound.mailboxes.sealPlainSecrets()).toBe(1);
    const row = await ctx.database.db.selectFrom('mailboxes').selectAll().executeTakeFirstOrThrow();
    expect(JSON.stringify(row)).not.toContain('clave-vieja');
    const [mailbox] = await t.services.inbound.mailboxes.list();
    expect(mailbox?.imap?.password).toBe('clave-vieja');
    expect(mailbox?.smtpUrl).toBe('smtp://v:clave-vieja-smtp@smtp.x.test');
    expect(await t.services.inbound.mailboxes.sealPlainSecrets()).toBe(0);
  });

  it('under another SESSION_SECRET a mailbox says its passwords are unreadable, and an edit keeps them', async () => {
    await t.as(admin, 'POST', '/api/v1/mailboxes', {
      address: 'soporte@cimatic.test',
      imap: { host: 'imap.cimatic.test', port: 993, secure: true, user: 'soporte', password: 'clave-imap-2' },
      smtpUrl: 'smtp://envios:clave-smtp-2@smtp.cimatic.test:587',
    });
    const before = await ctx.database.db.selectFrom('mailboxes').selectAll().executeTakeFirstOrThrow();
    const other = createServices({
      db: ctx.database.db,
      clock: t.clock,
      secretKey: 'another-secret-another-secret-0123456',
    });
    const [seen] = await other.inbound.mailboxes.list();
    expect(seen).toMatchObject({ secretsUnreadable: true, smtpUrl: null, imap: { password: '' } });
    await expect(other.inbound.mailboxes.smtpUrlFor('soporte@cimatic.test', null)).rejects.toThrow(/SESSION_SECRET/);
    await other.inbound.mailboxes.update(SYSTEM_ACTOR, seen?.id as string, { language: 'en' });
    const after = await ctx.database.db.selectFrom('mailboxes').selectAll().executeTakeFirstOrThrow();
    expect(after).toMatchObject({ imap: before.imap, smtp_url: before.smtp_url, language: 'en' });
    // With the right secret they are read again.
    const [mailbox] = await t.services.inbound.mailboxes.list();
    expect(mailbox).toMatchObject({ secretsUnreadable: false, imap: { password: 'clave-imap-2' } });
  });
});
