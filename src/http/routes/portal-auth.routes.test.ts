import { afterEach, beforeEach, expect, it } from 'vitest';
import { emailOutboxHandlers } from '../../channels/email/outbox-handlers.ts';
import { PORTAL_ACCESS_JOB } from '../../core/portal/portal-links.ts';
import { createSecretBox } from '../../core/shared/secret-box.ts';
import type { OutgoingMail } from '../../core/templates/email-template.service.ts';
import type { Db } from '../../db/database.ts';
import { createOutboxWorker } from '../../jobs/outbox-worker.ts';
import { forEachDialect } from '../../testing/for-each-dialect.ts';
import {
  createTestApp,
  SYSTEM_ACTOR,
  TEST_PASSWORD,
  TEST_SESSION_SECRET,
  type TestApp,
  unique,
} from '../../testing/test-app.ts';

interface AccessMail {
  to: string;
  link: string;
  purpose: 'invitation' | 'reset';
  locale: 'es' | 'en';
  contactName: string;
}

const box = createSecretBox(TEST_SESSION_SECRET);

/** The portal access rows of the outbox as stored, oldest first. */
async function accessRows(db: Db) {
  return db
    .selectFrom('outbox')
    .select(['id', 'payload', 'status'])
    .where('type', '=', PORTAL_ACCESS_JOB)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

/** The portal access mails queued so far, oldest first, their sealed links opened. */
async function accessMails(db: Db): Promise<AccessMail[]> {
  return (await accessRows(db)).map((r) => {
    const mail = JSON.parse(r.payload) as AccessMail;
    return { ...mail, link: box.open(mail.link) };
  });
}

const tokenOf = (mail: AccessMail | undefined) => new URL(mail?.link ?? 'http://x/').searchParams.get('token') ?? '';

forEachDialect('portal sign-in', (ctx) => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp(ctx, { PUBLIC_URL: 'https://soporte.cimatic.test' });
  });
  afterEach(() => t.close());

  const login = (email: string, password: string) =>
    t.app.inject({ method: 'POST', url: '/api/v1/portal/auth/login', payload: { email, password } });

  it('too many sign-in attempts are refused speaking to the customer as usted (the console’s sign-in, as tú)', async () => {
    const limited = await createTestApp(ctx, { LOGIN_RATE_LIMIT_PER_IP: '1' });
    try {
      const attempt = (url: string) =>
        limited.app.inject({
          method: 'POST',
          url,
          payload: { email: 'alguien@cimatic.test', password: 'una clave cualquiera' },
          headers: { 'accept-language': 'es-CR' },
        });
      expect((await attempt('/api/v1/portal/auth/login')).statusCode).toBe(401);
      const customer = await attempt('/api/v1/portal/auth/login');
      expect(customer.statusCode).toBe(429);
      expect(customer.json().error).toMatchObject({
        code: 'RATE_LIMITED',
        message: 'Demasiados intentos; espere un minuto e inténtelo de nuevo',
      });
      expect((await attempt('/api/v1/auth/login')).statusCode).toBe(401);
      const agent = await attempt('/api/v1/auth/login');
      expect(agent.statusCode).toBe(429);
      expect(agent.json().error.message).toBe('Demasiados intentos; espera un minuto e inténtalo de nuevo');
    } finally {
      await limited.close();
    }
  });

  it('a contact signs in with email and password, gets the cookie session and the CSRF token, and signs out', async () => {
    const contact = await t.createPortalContact({ email: 'Lucia@Cimatic.test', organizationRole: 'main_contact' });
    const response = await login('lucia@cimatic.test', TEST_PASSWORD);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({
      contact: { id: contact.id, email: 'lucia@cimatic.test', isMainContact: true, organizationRole: 'main_contact' },
      csrfToken: expect.any(String),
    });
    expect(response.body).not.toContain('password');
    const cookie = response.cookies.find((c) => c.name === 'tiquete_session');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', secure: true });

    const session = await t.portalLogin('lucia@cimatic.test');
    const me = await t.as(session, 'GET', '/api/v1/portal/auth/me');
    expect(me.statusCode).toBe(200);
    expect(me.json().contact.id).toBe(contact.id);

    const noCsrf = await t.app.inject({
      method: 'POST',
      url: '/api/v1/portal/auth/logout',
      headers: { cookie: session.cookie },
    });
    expect(noCsrf.statusCode).toBe(403);
    expect((await t.as(session, 'POST', '/api/v1/portal/auth/logout')).statusCode).toBe(204);
    expect((await t.as(session, 'GET', '/api/v1/portal/auth/me')).statusCode).toBe(401);
  });

  it('answers a wrong password exactly like an unknown email or a contact without a password', async () => {
    const contact = await t.createPortalContact();
    const noPassword = await t.services.contacts.create(SYSTEM_ACTOR, {
      name: 'Sin clave',
      emails: [{ email: `${unique('sinclave')}@example.com` }],
    });
    const answers = [
      await login(contact.emails[0]?.email ?? '', 'incorrecta'),
      await login(`${unique('nadie')}@example.com`, TEST_PASSWORD),
      await login(noPassword.emails[0]?.email ?? '', TEST_PASSWORD),
    ];
    for (const answer of answers) {
      expect(answer.statusCode).toBe(401);
      expect(answer.json().error.code).toBe('INVALID_CREDENTIALS');
      expect(answer.cookies).toEqual([]);
    }
    expect(answers[0]?.json().error.message).toBe(answers[1]?.json().error.message);
  });

  it('counts failed portal sign-ins like the agents: an account with many recent failures waits first', async () => {
    const slow = await createTestApp(ctx, {}, { auth: { loginDelayStepMs: 150, loginDelayMaxMs: 150 } });
    const contact = await slow.createPortalContact();
    const email = contact.emails[0]?.email ?? '';
    for (let i = 0; i < 4; i++) {
      const r = await slow.app.inject({
        method: 'POST',
        url: '/api/v1/portal/auth/login',
        payload: { email, password: 'incorrecta' },
      });
      expect(r.statusCode).toBe(401);
    }
    const started = Date.now();
    const r = await slow.app.inject({
      method: 'POST',
      url: '/api/v1/portal/auth/login',
      payload: { email, password: TEST_PASSWORD },
    });
    expect(r.statusCode).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    await slow.close();
  });

  it('a deactivated contact, or one of an inactive organization, cannot sign in, and their open sessions end', async () => {
    const main = await t.createPortalContact({ organizationRole: 'main_contact' });
    const member = await t.createPortalContact({ organizationId: main.organizationId });
    const mainSession = await t.portalLogin(main.emails[0]?.email ?? '');
    const memberSession = await t.portalLogin(member.emails[0]?.email ?? '');

    const off = await t.as(mainSession, 'PATCH', `/api/v1/portal/users/${member.id}`, { active: false });
    expect(off.statusCode, off.body).toBe(200);
    expect((await t.as(memberSession, 'GET', '/api/v1/portal/auth/me')).statusCode).toBe(401);
    expect((await login(member.emails[0]?.email ?? '', TEST_PASSWORD)).statusCode).toBe(401);

    // An agent switches the organization off: every contact of it is out at once, and back when on.
    const admin = await t.signedIn('admin');
    const orgOff = await t.as(admin, 'PATCH', `/api/v1/organizations/${main.organizationId}`, { active: false });
    expect(orgOff.statusCode, orgOff.body).toBe(200);
    expect(orgOff.json().active).toBe(false);
    expect((await t.as(mainSession, 'GET', '/api/v1/portal/auth/me')).statusCode).toBe(401);
    expect((await login(main.emails[0]?.email ?? '', TEST_PASSWORD)).statusCode).toBe(401);
    await t.as(admin, 'PATCH', `/api/v1/organizations/${main.organizationId}`, { active: true });
    expect((await login(main.emails[0]?.email ?? '', TEST_PASSWORD)).statusCode).toBe(200);
  });

  it('an agent session does not open the portal, and a contact session opens no staff route', async () => {
    const agent = await t.signedIn('admin');
    const me = await t.as(agent, 'GET', '/api/v1/portal/auth/me');
    expect(me.statusCode).toBe(403);
    const contact = await t.createPortalContact();
    const session = await t.portalLogin(contact.emails[0]?.email ?? '');
    const staff = await t.as(session, 'GET', '/api/v1/contacts');
    expect(staff.statusCode).toBe(403);
    expect(staff.body).not.toContain(contact.name);
    expect((await t.as(session, 'GET', '/api/v1/auth/session')).statusCode).toBe(403);
  });

  it('signing in to the portal ends the browser’s previous session (one session per browser)', async () => {
    const agent = await t.signedIn('agent');
    const contact = await t.createPortalContact();
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/portal/auth/login',
      payload: { email: contact.emails[0]?.email, password: TEST_PASSWORD },
      headers: { cookie: agent.cookie },
    });
    expect(response.statusCode).toBe(200);
    expect((await t.as(agent, 'GET', '/api/v1/auth/session')).statusCode).toBe(401);
  });

  it('invitation: staff invite → the mail in the contact’s language carries a link → set password → sign in', async () => {
    const admin = await t.signedIn('admin');
    const contact = await t.services.contacts.create(SYSTEM_ACTOR, {
      name: 'Jennifer Brown',
      emails: [{ email: `${unique('jbrown')}@example.com` }],
      organizationName: unique('Cimatic'),
      locale: 'en',
    });
    const invite = await t.as(admin, 'POST', `/api/v1/contacts/${contact.id}/invite`);
    expect(invite.statusCode, invite.body).toBe(202);
    expect(invite.json()).toEqual({
      sentTo: contact.emails[0]?.email,
      expiresAt: new Date(t.clock.now().getTime() + 72 * 3600_000).toISOString(),
    });
    const [mail] = await accessMails(ctx.database.db);
    expect(mail).toMatchObject({ to: contact.emails[0]?.email, purpose: 'invitation', locale: 'en' });
    expect(mail?.link).toMatch(/^https:\/\/soporte\.cimatic\.test\/portal\/set-password\?token=/);
    // Only the hash is kept: the database never holds the link's token.
    const stored = await ctx.database.db.selectFrom('portal_tokens').selectAll().execute();
    expect(JSON.stringify(stored)).not.toContain(tokenOf(mail));

    const set = await t.app.inject({
      method: 'POST',
      url: '/api/v1/portal/auth/set-password',
      payload: { token: tokenOf(mail), password: 'nueva clave segura' },
    });
    expect(set.statusCode, set.body).toBe(204);
    expect((await login(contact.emails[0]?.email ?? '', 'nueva clave segura')).statusCode).toBe(200);
  });

  it('the invitation mail is rendered in the contact’s language with the link', async () => {
    const rendered = await t.services.emailTemplates.portalAccess({
      outboxId: 'x',
      to: 'lucia@example.com',
      link: 'https://soporte.cimatic.test/portal/set-password?token=abc',
      contactName: 'Lucía Vargas',
      organizationName: 'Cimatic',
      purpose: 'invitation',
      locale: 'es',
    });
    expect(rendered.subject).toBe('Invitación al portal de soporte');
    expect(rendered.text).toContain('Estimado/Estimada Lucía Vargas');
    expect(rendered.text).toContain('https://soporte.cimatic.test/portal/set-password?token=abc');
    expect(rendered.html).toContain('<a href="https://soporte.cimatic.test/portal/set-password?token=abc">');
    expect(rendered.ticketId).toBeNull();
  });

  it('the invitation and reset mails are templates an admin edits in Plantillas de correo; the link cannot be dropped', async () => {
    const admin = await t.signedIn('admin');
    const list = (await t.as(admin, 'GET', '/api/v1/email-templates')).json().items as { key: string }[];
    expect(list.map((x) => x.key)).toEqual(expect.arrayContaining(['portal_invitation', 'portal_reset']));
    const saved = await t.as(admin, 'PUT', '/api/v1/email-templates/portal_invitation/es', {
      subject: 'Bienvenida al soporte de Cimatic',
      text: 'Hola {{contact.first_name}}: entre aquí {{portal.link}}',
      html: '<p>Hola {{contact.first_name}}: <a href="{{portal.link}}">entrar</a></p>',
    });
    expect(saved.statusCode, saved.body).toBe(200);
    const link = 'https://soporte.cimatic.test/portal/set-password?token=a&b';
    const values = { outboxId: 'x', to: 'lucia@example.com', contactName: 'Lucía Vargas', organizationName: null };
    const mail = await t.services.emailTemplates.portalAccess({ ...values, link, purpose: 'invitation', locale: 'es' });
    expect(mail.subject).toBe('Bienvenida al soporte de Cimatic');
    expect(mail.text).toBe(`Hola Lucía: entre aquí ${link}`);
    expect(mail.html).toContain('<a href="https://soporte.cimatic.test/portal/set-password?token=a&amp;b">entrar</a>');
    // The reset mail and the English invitation keep their defaults.
    const reset = await t.services.emailTemplates.portalAccess({ ...values, link, purpose: 'reset', locale: 'es' });
    expect(reset.subject).toBe('Restablecer su contraseña del portal de soporte');
    const preview = await t.as(admin, 'POST', '/api/v1/email-templates/portal_reset/en/preview', {});
    expect(preview.json().text).toContain('/portal/set-password?token=');

    for (const field of ['text', 'html'] as const) {
      const withoutLink = await t.as(admin, 'PUT', '/api/v1/email-templates/portal_reset/es', {
        subject: 'Restablecer',
        text: 'Abra {{portal.link}}',
        html: '<p>Abra {{portal.link}}</p>',
        [field]: 'Escríbanos para obtener un enlace.',
      });
      expect(withoutLink.statusCode, field).toBe(400);
      expect(withoutLink.json().error).toMatchObject({ code: 'VALIDATION_FAILED', details: { field } });
    }
    const kept = await t.services.emailTemplates.portalAccess({ ...values, link, purpose: 'reset', locale: 'es' });
    expect(kept.text).toContain(link);
  });

  it('the set-password link waits in the outbox sealed and is gone from the row once the mail is sent', async () => {
    const admin = await t.signedIn('admin');
    const contact = await t.createPortalContact();
    await t.as(admin, 'POST', `/api/v1/contacts/${contact.id}/invite`);
    const [mail] = await accessMails(ctx.database.db);
    const token = tokenOf(mail);
    expect(token.length).toBeGreaterThan(20);
    // At rest before sending: neither the token nor the link can be read from the row.
    const [queued] = await accessRows(ctx.database.db);
    expect(queued?.payload).not.toContain(token);
    expect(queued?.payload).not.toContain('/portal/set-password');
    expect(JSON.parse(queued?.payload ?? '{}').link).toMatch(/^sealed:v1:/);

    const sent: OutgoingMail[] = [];
    const sender = { send: async (m: OutgoingMail) => void sent.push(m), close: () => {} };
    await createOutboxWorker({
      db: ctx.database.db,
      clock: t.clock,
      handlers: emailOutboxHandlers(t.services, sender),
    }).drain();
    // The mail carried the working link in the clear...
    expect(sent).toHaveLength(1);
    expect(sent[0]?.text).toContain(`/portal/set-password?token=${token}`);
    // ...and the sent row keeps who and why, but no link, sealed or not.
    const [done] = await accessRows(ctx.database.db);
    expect(done?.status).toBe('sent');
    const kept = JSON.parse(done?.payload ?? '{}');
    expect(kept).not.toHaveProperty('link');
    expect(kept).toMatchObject({ to: contact.emails[0]?.email, purpose: 'invitation' });
    // The link still works once: only its hash was ever needed to check it.
    const set = await t.app.inject({
      method: 'POST',
      url: '/api/v1/portal/auth/set-password',
      payload: { token, password: 'una clave nueva 1' },
    });
    expect(set.statusCode, set.body).toBe(204);
  });

  it('a reused link is refused (410) and changes nothing', async () => {
    const admin = await t.signedIn('admin');
    const contact = await t.createPortalContact();
    await t.as(admin, 'POST', `/api/v1/contacts/${contact.id}/invite`);
    const token = tokenOf((await accessMails(ctx.database.db))[0]);
    const first = await t.app.inject({
      method: 'POST',
      url: '/api/v1/portal/auth/set-password',
      payload: { token, password: 'primera clave' },
    });
    expect(first.statusCode).toBe(204);
    const again = await t.app.inject({
      method: 'POST',
      url: '/api/v1/portal/auth/set-password',
      payload: { token, password: 'segunda clave' },
    });
    expect(again.statusCode).toBe(410);
    expect(again.json().error.code).toBe('PORTAL_TOKEN_USED');
    expect((await login(contact.emails[0]?.email ?? '', 'primera clave')).statusCode).toBe(200);
    expect((await login(contact.emails[0]?.email ?? '', 'segunda clave')).statusCode).toBe(401);
  });

  it('an invitation expires after 72 h: 410, the password stays as it was', async () => {
    const admin = await t.signedIn('admin');
    const contact = await t.createPortalContact();
    await t.as(admin, 'POST', `/api/v1/contacts/${contact.id}/invite`);
    const token = tokenOf((await accessMails(ctx.database.db))[0]);
    t.clock.advance(72 * 3600_000 + 1);
    const late = await t.app.inject({
      method: 'POST',
      url: '/api/v1/portal/auth/set-password',
      payload: { token, password: 'clave tardía' },
    });
    expect(late.statusCode).toBe(410);
    expect(late.json().error.code).toBe('PORTAL_TOKEN_EXPIRED');
    expect((await login(contact.emails[0]?.email ?? '', TEST_PASSWORD)).statusCode).toBe(200);
  });

  it('an unknown token is 400 and a too-short password leaves the link usable', async () => {
    const unknown = await t.app.inject({
      method: 'POST',
      url: '/api/v1/portal/auth/set-password',
      payload: { token: 'no-existe', password: 'una clave larga' },
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.code).toBe('PORTAL_TOKEN_INVALID');

    const admin = await t.signedIn('admin');
    const contact = await t.createPortalContact();
    await t.as(admin, 'POST', `/api/v1/contacts/${contact.id}/invite`);
    const token = tokenOf((await accessMails(ctx.database.db))[0]);
    const short = await t.app.inject({
      method: 'POST',
      url: '/api/v1/portal/auth/set-password',
      payload: { token, password: 'corta' },
    });
    expect(short.statusCode).toBe(400);
    expect(short.json().error.code).toBe('VALIDATION_FAILED');
    const ok = await t.app.inject({
      method: 'POST',
      url: '/api/v1/portal/auth/set-password',
      payload: { token, password: 'ahora sí larga' },
    });
    expect(ok.statusCode).toBe(204);
  });

  it('forgot password: the same 202 for an unknown address; a known one gets a 1 h single-use link', async () => {
    const contact = await t.createPortalContact({ locale: 'es' });
    const forgot = (email: string) =>
      t.app.inject({ method: 'POST', url: '/api/v1/portal/auth/forgot', payload: { email } });
    const unknown = await forgot(`${unique('nadie')}@example.com`);
    const known = await forgot(contact.emails[0]?.email ?? '');
    expect(unknown.statusCode).toBe(202);
    expect(known.statusCode).toBe(202);
    expect(known.body).toBe(unknown.body);
    const mails = await accessMails(ctx.database.db);
    expect(mails).toHaveLength(1);
    expect(mails[0]).toMatchObject({ to: contact.emails[0]?.email, purpose: 'reset', locale: 'es' });

    t.clock.advance(3600_000 + 1);
    const late = await t.app.inject({
      method: 'POST',
      url: '/api/v1/portal/auth/set-password',
      payload: { token: tokenOf(mails[0]), password: 'otra clave larga' },
    });
    expect(late.statusCode).toBe(410);
    expect((await login(contact.emails[0]?.email ?? '', TEST_PASSWORD)).statusCode).toBe(200);
  });

  it('setting a password from a link ends the contact’s other sessions', async () => {
    const contact = await t.createPortalContact();
    const email = contact.emails[0]?.email ?? '';
    const session = await t.portalLogin(email);
    await t.app.inject({ method: 'POST', url: '/api/v1/portal/auth/forgot', payload: { email } });
    const token = tokenOf((await accessMails(ctx.database.db))[0]);
    const set = await t.app.inject({
      method: 'POST',
      url: '/api/v1/portal/auth/set-password',
      payload: { token, password: 'clave restablecida' },
    });
    expect(set.statusCode).toBe(204);
    expect((await t.as(session, 'GET', '/api/v1/portal/auth/me')).statusCode).toBe(401);
  });

  it('a deactivated contact gets no reset link and cannot be invited', async () => {
    const admin = await t.signedIn('admin');
    const contact = await t.createPortalContact();
    await ctx.database.db.updateTable('contacts').set({ active: 0 }).where('id', '=', contact.id).execute();
    const forgot = await t.app.inject({
      method: 'POST',
      url: '/api/v1/portal/auth/forgot',
      payload: { email: contact.emails[0]?.email },
    });
    expect(forgot.statusCode).toBe(202);
    const invite = await t.as(admin, 'POST', `/api/v1/contacts/${contact.id}/invite`);
    expect(invite.statusCode).toBe(422);
    expect(invite.json().error.code).toBe('PORTAL_ACCOUNT_INACTIVE');
    expect(await accessMails(ctx.database.db)).toEqual([]);
  });

  it('a contact changes their own password with the current one; their other sessions end', async () => {
    const contact = await t.createPortalContact();
    const email = contact.emails[0]?.email ?? '';
    const here = await t.portalLogin(email);
    const elsewhere = await t.portalLogin(email);
    const wrong = await t.as(here, 'POST', '/api/v1/portal/auth/password', {
      currentPassword: 'incorrecta',
      newPassword: 'otra clave larga',
    });
    expect(wrong.statusCode).toBe(403);
    expect(wrong.json().error.code).toBe('CURRENT_PASSWORD_INCORRECT');
    const changed = await t.as(here, 'POST', '/api/v1/portal/auth/password', {
      currentPassword: TEST_PASSWORD,
      newPassword: 'otra clave larga',
    });
    expect(changed.statusCode).toBe(204);
    expect((await t.as(here, 'GET', '/api/v1/portal/auth/me')).statusCode).toBe(200);
    expect((await t.as(elsewhere, 'GET', '/api/v1/portal/auth/me')).statusCode).toBe(401);
    expect((await login(email, 'otra clave larga')).statusCode).toBe(200);
  });
});
