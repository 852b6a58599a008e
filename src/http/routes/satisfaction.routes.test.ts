import { afterEach, beforeEach, expect, it } from 'vitest';
import { emailOutboxHandlers } from '../../channels/email/outbox-handlers.ts';
import type { OutgoingMail } from '../../core/templates/email-template.service.ts';
import { createOutboxWorker } from '../../jobs/outbox-worker.ts';
import { forEachDialect } from '../../testing/for-each-dialect.ts';
import { createTestApp, type Session, SYSTEM_ACTOR, type TestApp, unique } from '../../testing/test-app.ts';

const PUBLIC_URL = 'https://soporte.cimatic.example';

forEachDialect('satisfaction survey (issue 15)', (ctx) => {
  let t: TestApp;
  let admin: Session;
  let sent: OutgoingMail[];
  beforeEach(async () => {
    t = await createTestApp(ctx, { PUBLIC_URL });
    admin = await t.signedIn('admin');
    sent = [];
  });
  afterEach(() => t.close());

  /** Sends what the outbox holds, as the server's email channel would, into `sent`. */
  async function deliver() {
    const sender = { send: async (mail: OutgoingMail) => void sent.push(mail), close: () => {} };
    await createOutboxWorker({
      db: ctx.database.db,
      clock: t.clock,
      handlers: emailOutboxHandlers(t.services, sender),
    }).drain();
  }

  async function openTicket(requester: Record<string, unknown> = {}) {
    const created = await t.as(admin, 'POST', '/api/v1/tickets', {
      subject: 'No puedo timbrar facturas',
      body: 'Sale un error al timbrar.',
      requester: { email: `${unique('cliente')}@example.com`, name: 'Ana Mora', ...requester },
    });
    expect(created.statusCode, created.body).toBe(201);
    return created.json() as { id: string; number: string; requesterId: string };
  }

  const setStatus = async (id: string, status: string) => {
    const response = await t.as(admin, 'PATCH', `/api/v1/tickets/${id}`, { status });
    expect(response.statusCode, response.body).toBe(200);
  };

  /** A ticket solved through the API, and the token its solved mail carried. */
  async function solvedTicket(requester: Record<string, unknown> = {}) {
    const ticket = await openTicket(requester);
    await setStatus(ticket.id, 'RESUELTO');
    await deliver();
    const mail = sent.find((m) => m.ticketId === ticket.id && m.text.includes('/satisfaction/'));
    const token = mail?.text.match(/\/satisfaction\/([\w-]+)\?rating=good/)?.[1];
    if (!token) throw new Error(`no survey link in the solved mail: ${mail?.text}`);
    return { ticket, token, mail: mail as OutgoingMail };
  }

  const survey = (token: string, query = '') =>
    t.app.inject({ method: 'GET', url: `/api/v1/satisfaction/${token}${query}` });
  const rate = (token: string, payload: unknown) =>
    t.app.inject({ method: 'POST', url: `/api/v1/satisfaction/${token}`, payload: payload as Record<string, unknown> });
  const ticketJson = async (id: string) => (await t.as(admin, 'GET', `/api/v1/tickets/${id}`)).json();

  it('solved: the solved mail asks the question with a good and a bad link to the survey', async () => {
    const { ticket, token, mail } = await solvedTicket();
    expect(mail.text).toContain('¿Cómo calificaría el soporte que recibió?');
    expect(mail.text).toContain(`Bueno, estoy satisfecho: ${PUBLIC_URL}/satisfaction/${token}?rating=good`);
    expect(mail.text).toContain(`Malo, no estoy satisfecho: ${PUBLIC_URL}/satisfaction/${token}?rating=bad`);
    expect(mail.html).toContain(
      `<a href="${PUBLIC_URL}/satisfaction/${token}?rating=bad">Malo, no estoy satisfecho</a>`,
    );
    // No login: the link alone opens the survey of that ticket.
    const opened = await survey(token, '?rating=bad');
    expect(opened.statusCode, opened.body).toBe(200);
    expect(opened.json()).toMatchObject({ ticket: { number: ticket.number }, rating: null, choice: 'bad', open: true });
  });

  it('solved: an English-speaking customer gets the survey in English', async () => {
    const contact = await t.as(admin, 'POST', '/api/v1/contacts', {
      name: 'John Smith',
      emails: [{ email: `${unique('john')}@example.com` }],
      locale: 'en',
    });
    expect(contact.statusCode, contact.body).toBe(201);
    const { mail } = await solvedTicket({ id: contact.json().id, email: undefined, name: undefined });
    expect(mail.text).toContain('How would you rate the support you received?');
    expect(mail.text).toMatch(/Bad, I am not satisfied: \S+\/satisfaction\/[\w-]+\?rating=bad&lang=en\n/);
  });

  it('rates good, changes to bad with a comment: the ticket shows the answer, its history every change', async () => {
    const { ticket, token } = await solvedTicket();
    const good = await rate(token, { rating: 'good' });
    expect(good.statusCode, good.body).toBe(200);
    expect(good.json()).toMatchObject({ rating: 'good', comment: null, open: true });
    expect((await ticketJson(ticket.id)).satisfaction).toMatchObject({ rating: 'good', comment: null });

    t.clock.advance(60_000);
    const bad = await rate(token, { rating: 'bad', comment: '  Tardaron tres días en responder.  ' });
    expect(bad.json()).toMatchObject({ rating: 'bad', comment: 'Tardaron tres días en responder.' });
    const shown = (await ticketJson(ticket.id)).satisfaction;
    expect(shown).toEqual({
      rating: 'bad',
      comment: 'Tardaron tres días en responder.',
      ratedAt: t.clock.now().toISOString(),
    });
    // The same answer again is no new answer.
    await rate(token, { rating: 'bad', comment: 'Tardaron tres días en responder.' });

    const kept = (await t.as(admin, 'GET', `/api/v1/tickets/${ticket.id}/satisfaction`)).json().items;
    expect(kept.map((r: { rating: string; comment: string | null }) => [r.rating, r.comment])).toEqual([
      ['good', null],
      ['bad', 'Tardaron tres días en responder.'],
    ]);
    const history = (await t.as(admin, 'GET', `/api/v1/tickets/${ticket.id}/history`)).json().items;
    const rated = history.filter((h: { field: string }) => h.field === 'satisfaction');
    expect(
      rated.map((h: { from: string | null; to: string; actorKind: string; via: string }) => [
        h.from,
        h.to,
        h.actorKind,
        h.via,
      ]),
    ).toEqual([
      [null, 'good', 'contact', 'survey'],
      ['good', 'bad', 'contact', 'survey'],
    ]);
    // The survey page shows the saved answer chosen.
    expect((await survey(token)).json()).toMatchObject({ rating: 'bad', choice: 'bad' });
  });

  it('a trigger on a bad rating notifies the department’s supervisors', async () => {
    const department = await t.services.departments.create(SYSTEM_ACTOR, { name: unique('Soporte ') });
    const supervisor = await t.createAgent({ role: 'supervisor', departmentIds: [department.id] });
    const rule = await t.as(admin, 'POST', '/api/v1/automation/triggers', {
      name: 'Calificación mala: avisar al supervisor',
      events: ['satisfaction_rated'],
      conditions: { all: [{ field: 'satisfaction', op: 'is', value: 'bad' }] },
      actions: [
        { type: 'notify', to: ['supervisors'], title: 'Cliente insatisfecho' },
        { type: 'tags', add: ['insatisfecho'] },
      ],
    });
    expect(rule.statusCode, rule.body).toBe(201);
    const { ticket, token } = await solvedTicket();
    await t.as(admin, 'PATCH', `/api/v1/tickets/${ticket.id}`, { departmentId: department.id });
    const titles = async () => {
      const session = await t.login(supervisor.email);
      return ((await t.as(session, 'GET', '/api/v1/notifications')).json().items as { title: string }[]).map(
        (n) => n.title,
      );
    };

    await rate(token, { rating: 'good' });
    expect(await titles()).not.toContain('Cliente insatisfecho');
    expect((await ticketJson(ticket.id)).tags).not.toContain('insatisfecho');

    await rate(token, { rating: 'bad', comment: 'No resolvieron nada.' });
    expect(await titles()).toContain('Cliente insatisfecho');
    expect((await ticketJson(ticket.id)).tags).toContain('insatisfecho');
  });

  it('a closed ticket’s survey refuses a new answer with 409 and keeps the old one', async () => {
    const { ticket, token } = await solvedTicket();
    await rate(token, { rating: 'good', comment: 'Muy bien.' });
    await setStatus(ticket.id, 'CERRADO');
    const refused = await rate(token, { rating: 'bad', comment: 'Cambié de opinión.' });
    expect(refused.statusCode, refused.body).toBe(409);
    expect(refused.json().error).toMatchObject({ code: 'SURVEY_CLOSED' });
    expect(refused.json().error.message).toContain(ticket.number);
    expect((await ticketJson(ticket.id)).satisfaction).toMatchObject({ rating: 'good', comment: 'Muy bien.' });
    expect((await t.as(admin, 'GET', `/api/v1/tickets/${ticket.id}/satisfaction`)).json().items).toHaveLength(1);
    // The page still opens, read-only.
    expect((await survey(token)).json()).toMatchObject({ rating: 'good', open: false });
  });

  it('a forged or unknown token is 404; a link sent to a former requester is 410', async () => {
    const { ticket, token } = await solvedTicket();
    const forged = `${token.slice(0, -2)}${token.endsWith('AA') ? 'BB' : 'AA'}`;
    for (const bad of [forged, 'x', 'a'.repeat(43)]) {
      const response = await rate(bad, { rating: 'bad' });
      expect(response.statusCode, bad).toBe(404);
      expect(response.json().error.code).toBe('SURVEY_NOT_FOUND');
      expect((await survey(bad)).statusCode).toBe(404);
    }
    expect((await ticketJson(ticket.id)).satisfaction).toBeNull();

    const other = await t.as(admin, 'POST', '/api/v1/contacts', {
      name: 'Luis Vega',
      emails: [{ email: `${unique('luis')}@example.com` }],
    });
    expect(other.statusCode, other.body).toBe(201);
    await t.as(admin, 'PATCH', `/api/v1/tickets/${ticket.id}`, { requesterId: other.json().id });
    const gone = await rate(token, { rating: 'bad' });
    expect(gone.statusCode).toBe(410);
    expect(gone.json().error.code).toBe('SURVEY_EXPIRED');
  });

  it('bad input is a clear 400 and stores nothing', async () => {
    const { ticket, token } = await solvedTicket();
    expect((await rate(token, { rating: 'excellent' })).statusCode).toBe(400);
    expect((await rate(token, { rating: 'bad', comment: 'x'.repeat(2001) })).statusCode).toBe(400);
    expect((await rate(token, { rating: 'bad', extra: 1 })).statusCode).toBe(400);
    expect((await survey(token, '?rating=meh')).statusCode).toBe(400);
    expect((await ticketJson(ticket.id)).satisfaction).toBeNull();
  });

  it('the public survey shows the ticket’s number and subject and the answer, nothing internal', async () => {
    const { ticket, token } = await solvedTicket();
    await t.as(admin, 'POST', `/api/v1/tickets/${ticket.id}/messages`, {
      kind: 'note',
      body: 'Nota interna zq7secreto',
    });
    await rate(token, { rating: 'bad', comment: 'Lento.' });
    const body = (await survey(token)).json();
    expect(Object.keys(body).sort()).toEqual(['choice', 'comment', 'open', 'ratedAt', 'rating', 'ticket']);
    expect(Object.keys(body.ticket).sort()).toEqual(['number', 'subject']);
    expect(JSON.stringify(body)).not.toMatch(/zq7secreto|requesterId|assignee|department|@example\.com/);
  });

  it('the portal gets the same token for the signed-in requester of a solved ticket, and nobody else', async () => {
    const { ticket, token } = await solvedTicket();
    const requester = {
      kind: 'contact' as const,
      id: ticket.requesterId,
      organizationId: null,
      organizationRole: 'member' as const,
      locale: 'es' as const,
    };
    expect(await t.services.satisfaction.tokenFor(requester, ticket.id)).toBe(token);
    const stranger = { ...requester, id: (await openTicket()).requesterId };
    await expect(t.services.satisfaction.tokenFor(stranger, ticket.id)).rejects.toMatchObject({
      code: 'TICKET_NOT_FOUND',
    });
    const open = await openTicket();
    await expect(
      t.services.satisfaction.tokenFor({ ...requester, id: open.requesterId }, open.id),
    ).rejects.toMatchObject({ code: 'SURVEY_NOT_YET' });
  });
});
