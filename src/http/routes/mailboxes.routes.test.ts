import { afterEach, beforeEach, expect, it } from 'vitest';
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
});
