import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { seedDemoData } from '../../core/demo/demo-data.ts';
import { forEachDialect } from '../../testing/for-each-dialect.ts';
import {
  createTestApp,
  type Session,
  SYSTEM_ACTOR,
  TEST_PASSWORD,
  type TestApp,
  unique,
} from '../../testing/test-app.ts';

interface OutboxPayload {
  template: string;
  to: string[];
  locale: string;
  event: string;
  detail: string;
}

forEachDialect('who gets told about what', (ctx) => {
  let t: TestApp;
  let admin: Session;
  beforeEach(async () => {
    t = await createTestApp(ctx);
    admin = await t.signedIn('admin');
  });
  afterEach(() => t.close());

  /** The notices mailed about a ticket (outbox rows of `email.notification@1`). */
  async function mailed(ticketId: string): Promise<OutboxPayload[]> {
    const rows = await ctx.database.db
      .selectFrom('outbox')
      .select(['payload'])
      .where('ticket_id', '=', ticketId)
      .where('type', '=', 'email.notification@1')
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    return rows.map((r) => JSON.parse(r.payload) as OutboxPayload);
  }

  async function inbox(session: Session): Promise<{ kind: string; ticketId: string; title: string }[]> {
    const response = await t.as(session, 'GET', '/api/v1/notifications');
    expect(response.statusCode).toBe(200);
    return response.json().items;
  }

  async function createTicket(session: Session, fields: Record<string, unknown> = {}): Promise<string> {
    const response = await t.as(session, 'POST', '/api/v1/tickets', {
      subject: 'Alta de usuario',
      body: 'Necesitamos dar de alta a una maestra.',
      requester: { email: `${unique('cliente')}@example.com`, name: 'Jesús Adrián Rodríguez' },
      ...fields,
    });
    expect(response.statusCode, response.body).toBe(201);
    return response.json().id;
  }

  async function patch(session: Session, ticketId: string, changes: Record<string, unknown>) {
    const response = await t.as(session, 'PATCH', `/api/v1/tickets/${ticketId}`, changes);
    expect(response.statusCode, response.body).toBe(200);
  }

  describe('weknow matrix (001), seeded with the demo data', () => {
    /** A demo agent, signed in (their password set for the test). */
    async function demoAgent(name: string): Promise<Session> {
      const agent = (await t.services.agents.list(SYSTEM_ACTOR, { limit: 200 })).items.find((a) => a.name === name);
      if (!agent) throw new Error(`no demo agent ${name}`);
      await t.services.agents.update(SYSTEM_ACTOR, agent.id, { password: TEST_PASSWORD });
      return t.login(agent.email);
    }
    async function departmentId(name: string): Promise<string> {
      const found = (await t.services.departments.list(SYSTEM_ACTOR, { limit: 200 })).items.find(
        (d) => d.name === name,
      );
      if (!found) throw new Error(`no department ${name}`);
      return found.id;
    }

    beforeEach(async () => {
      await seedDemoData(t.services);
    });

    it('tells Lucero, Majo and Saray of a new Educación ticket, and nobody else there', async () => {
      const educacion = await departmentId('Educación');
      const ticketId = await createTicket(admin, { departmentId: educacion });
      for (const name of ['Lucero Gómez', 'María José Pérez', 'Saray Méndez']) {
        const items = await inbox(await demoAgent(name));
        expect(
          items.map((n) => [n.kind, n.ticketId]),
          name,
        ).toEqual([['ticket_created', ticketId]]);
      }
      expect(await inbox(await demoAgent('Daniela Ortiz'))).toEqual([]);
      expect((await mailed(ticketId)).map((m) => m.template)).toEqual([
        'agent_new_ticket',
        'agent_new_ticket',
        'agent_new_ticket',
      ]);
    });

    it('tells the responsible when a ticket is assigned to them (001 "Asignar Responsable")', async () => {
      const educacion = await departmentId('Educación');
      const lucero = await demoAgent('Lucero Gómez');
      const saray = await demoAgent('Saray Méndez');
      const ticketId = await createTicket(admin, { departmentId: educacion });
      await patch(lucero, ticketId, { assigneeId: saray.agent.id });
      const items = await inbox(saray);
      expect(items[0]).toMatchObject({ kind: 'ticket_assigned', ticketId, title: 'Se le asignó un ticket' });
      const mails = (await mailed(ticketId)).filter((m) => m.event === 'ticket_assigned');
      expect(mails).toEqual([expect.objectContaining({ template: 'agent_assigned', to: [saray.agent.email] })]);
    });

    it('tells the responsible and the supervisor Majo when a flag is set (001 "Banderas")', async () => {
      const educacion = await departmentId('Educación');
      const saray = await demoAgent('Saray Méndez');
      const ticketId = await createTicket(admin, { departmentId: educacion, assigneeId: saray.agent.id });
      await patch(admin, ticketId, { flag: 'orange' });
      const flagged = async (name: string) =>
        (await inbox(await demoAgent(name))).filter((n) => n.kind === 'flag_set').map((n) => n.ticketId);
      expect(await flagged('Saray Méndez')).toEqual([ticketId]);
      expect(await flagged('María José Pérez')).toEqual([ticketId]);
      expect(await flagged('Lucero Gómez')).toEqual([]);
      const detail = (await mailed(ticketId)).find((m) => m.event === 'flag_set')?.detail;
      expect(detail).toBe('Bandera: naranja');
    });

    it('tells the closers Lucero and Saray when a ticket is closed (001 "Status Cerrado")', async () => {
      const educacion = await departmentId('Educación');
      const ticketId = await createTicket(admin, { departmentId: educacion });
      await patch(admin, ticketId, { status: 'CERRADO' });
      const closed = async (name: string) =>
        (await inbox(await demoAgent(name))).filter((n) => n.kind === 'ticket_closed').length;
      expect(await closed('Lucero Gómez')).toBe(1);
      expect(await closed('Saray Méndez')).toBe(1);
      expect(await closed('María José Pérez')).toBe(0);
    });

    it('tells Daniela of new Empresas (Capacitación) tickets and of their flags, with the responsible', async () => {
      const capacitacion = await departmentId('Capacitación');
      const daniela = await demoAgent('Daniela Ortiz');
      const trainer = await t.login((await t.createAgent({ departmentIds: [capacitacion] })).email);
      const ticketId = await createTicket(admin, { departmentId: capacitacion, assigneeId: trainer.agent.id });
      await patch(admin, ticketId, { flag: 'green' });
      expect((await inbox(daniela)).map((n) => n.kind).sort()).toEqual(['flag_set', 'ticket_created']);
      expect((await inbox(trainer)).map((n) => n.kind).sort()).toEqual(['flag_set', 'ticket_assigned']);
    });

    it('transfers tickets about sales, consulting or development to those departments (Cimatic VI)', async () => {
      const sales = await createTicket(admin, { subject: 'Cotización de licencias adicionales' });
      const consulting = await createTicket(admin, { body: 'Queremos una consultoría sobre costos.' });
      const development = await createTicket(admin, { body: 'Solicitamos el desarrollo de un reporte nuevo.' });
      const support = await createTicket(admin, { body: 'No puedo timbrar facturas.' });
      const department = async (id: string) =>
        (await t.as(admin, 'GET', `/api/v1/tickets/${id}`)).json().departmentId as string | null;
      expect(await department(sales)).toBe(await departmentId('Ventas'));
      expect(await department(consulting)).toBe(await departmentId('Consultoría'));
      expect(await department(development)).toBe(await departmentId('Desarrollo'));
      const transferred = [
        await departmentId('Ventas'),
        await departmentId('Consultoría'),
        await departmentId('Desarrollo'),
      ];
      expect(transferred).not.toContain(await department(support));
    });
  });

  describe('the default matrix', () => {
    it('tells the department agents of a new ticket, but not the agent who opened it', async () => {
      const department = await t.services.departments.create(SYSTEM_ACTOR, { name: unique('Soporte ') });
      const a = await t.createAgent({ departmentIds: [department.id] });
      const b = await t.createAgent({ departmentIds: [department.id] });
      const sessionA = await t.login(a.email);
      const ticketId = await createTicket(sessionA, { departmentId: department.id });
      expect((await inbox(await t.login(b.email))).map((n) => n.kind)).toEqual(['ticket_created']);
      expect(await inbox(sessionA)).toEqual([]);
      expect((await mailed(ticketId)).map((m) => m.to)).toEqual([[b.email]]);
    });

    it('mails the requester the solved notice in the contact’s language, else the mailbox’s', async () => {
      const english = await t.as(admin, 'POST', '/api/v1/contacts', {
        name: 'Mary Smith',
        locale: 'en',
        emails: [{ email: `${unique('mary')}@example.com` }],
      });
      expect(english.statusCode, english.body).toBe(201);
      const spanishDepartment = await t.services.departments.create(SYSTEM_ACTOR, { name: unique('Soporte ') });
      const englishDepartment = await t.services.departments.create(SYSTEM_ACTOR, { name: unique('Support ') });
      await t.services.inbound.mailboxes.create(SYSTEM_ACTOR, {
        address: `${unique('support')}@tiquete.test`,
        departmentId: englishDepartment.id,
        language: 'en',
      });
      const cases: [Record<string, unknown>, string, string][] = [
        [{ requester: { id: english.json().id }, departmentId: spanishDepartment.id }, 'en', 'is considered solved'],
        [{ departmentId: spanishDepartment.id }, 'es', 'se considera resuelta'],
        [{ departmentId: englishDepartment.id }, 'en', 'is considered solved'],
      ];
      for (const [fields, locale, words] of cases) {
        const ticketId = await createTicket(admin, fields);
        await patch(admin, ticketId, { status: 'RESUELTO' });
        const [mail] = (await mailed(ticketId)).filter((m) => m.event === 'ticket_solved');
        expect(mail).toMatchObject({ template: 'ticket_solved', locale });
        const rendered = await t.services.emailTemplates.notice({
          ticketId,
          outboxId: 'o1',
          template: 'ticket_solved',
          to: mail?.to ?? [],
          locale: mail?.locale as 'es' | 'en',
        });
        expect(rendered?.text).toContain(words);
        // The acknowledgement follows the same rule.
        const ack = await t.services.emailTemplates.compose('acknowledgement', { ticketId, outboxId: 'o2' });
        expect(ack?.text).toContain(locale === 'en' ? 'Your ticket reference is' : 'La referencia de su ticket es');
      }
    });
  });

  it('tells the responsible when the customer replies, quoting the reply', async () => {
    const b = await t.signedIn('agent');
    const ticketId = await createTicket(admin, { assigneeId: b.agent.id });
    const ticket = (await t.as(admin, 'GET', `/api/v1/tickets/${ticketId}`)).json();
    await t.services.messages.add(
      { kind: 'contact', id: ticket.requesterId, organizationId: null, organizationRole: 'member', locale: 'es' },
      ticketId,
      { kind: 'reply', body: 'Ya probé y sigue sin funcionar.' },
    );
    const replied = (await inbox(b)).filter((n) => n.kind === 'customer_replied');
    expect(replied).toHaveLength(1);
    const mail = (await mailed(ticketId)).find((m) => m.event === 'customer_replied');
    expect(mail).toMatchObject({ template: 'agent_customer_replied', detail: 'Ya probé y sigue sin funcionar.' });
  });

  describe('the matrix API', () => {
    it('lets an admin replace a department’s matrix, and the next ticket follows it', async () => {
      const department = await t.services.departments.create(SYSTEM_ACTOR, { name: unique('Ventas ') });
      const named = await t.createAgent();
      const url = `/api/v1/departments/${department.id}/notification-matrix`;
      const before = (await t.as(admin, 'GET', url)).json();
      expect(before.inherited).toBe(true);
      expect(before.entries).toContainEqual({
        event: 'ticket_created',
        recipient: 'department',
        agentId: null,
        template: 'agent_new_ticket',
      });
      const saved = await t.as(admin, 'PUT', url, {
        entries: [{ event: 'ticket_created', recipient: 'agent', agentId: named.id, template: 'agent_new_ticket' }],
      });
      expect(saved.statusCode, saved.body).toBe(200);
      expect(saved.json()).toMatchObject({ scope: department.id, inherited: false });
      const ticketId = await createTicket(admin, { departmentId: department.id });
      expect((await inbox(await t.login(named.email))).map((n) => n.ticketId)).toEqual([ticketId]);

      const reverted = await t.as(admin, 'DELETE', url);
      expect(reverted.json().inherited).toBe(true);
    });

    it('refuses bad entries naming the field, and is for admins only', async () => {
      const department = await t.services.departments.create(SYSTEM_ACTOR, { name: unique('Ventas ') });
      const url = `/api/v1/departments/${department.id}/notification-matrix`;
      const put = (entries: unknown[]) => t.as(admin, 'PUT', url, { entries });
      const badEvent = await put([
        { event: 'exploded', recipient: 'assignee', agentId: null, template: 'agent_assigned' },
      ]);
      expect(badEvent.statusCode).toBe(400);
      expect(badEvent.json().error.details.errors[0].field).toBe('body.entries.0.event');
      const noAgent = await put([
        { event: 'ticket_created', recipient: 'agent', agentId: null, template: 'agent_new_ticket' },
      ]);
      expect(noAgent.statusCode).toBe(400);
      expect(noAgent.json().error).toMatchObject({
        code: 'VALIDATION_FAILED',
        details: { field: 'entries[0].agentId' },
      });
      const wrongTemplate = await put([
        { event: 'ticket_solved', recipient: 'requester', agentId: null, template: 'agent_assigned' },
      ]);
      expect(wrongTemplate.json().error.details).toEqual({ field: 'entries[0].template' });
      const personal = await put([
        { event: 'mentioned', recipient: 'assignee', agentId: null, template: 'agent_mentioned' },
      ]);
      expect(personal.json().error.details).toEqual({ field: 'entries[0].event' });
      expect((await t.as(admin, 'GET', '/api/v1/departments/nope/notification-matrix')).statusCode).toBe(404);
      const agent = await t.signedIn('agent');
      expect((await t.as(agent, 'GET', url)).statusCode).toBe(403);
      expect((await t.as(agent, 'PUT', url, { entries: [] })).statusCode).toBe(403);
    });
  });

  describe('each agent’s preferences', () => {
    it('sends email only, console only or nothing, as the agent chose for the event', async () => {
      const b = await t.signedIn('agent');
      const prefs = (await t.as(b, 'GET', '/api/v1/auth/me/notification-preferences')).json().items;
      expect(prefs).toContainEqual({ event: 'ticket_assigned', channels: 'both' });
      const choose = async (channels: string) => {
        const response = await t.as(b, 'PUT', '/api/v1/auth/me/notification-preferences', {
          items: [{ event: 'ticket_assigned', channels }],
        });
        expect(response.statusCode, response.body).toBe(200);
        expect(response.json().items).toContainEqual({ event: 'ticket_assigned', channels });
      };
      const assignedTo = async () => {
        const ticketId = await createTicket(admin, { assigneeId: b.agent.id });
        const console = (await inbox(b)).filter((n) => n.ticketId === ticketId).length;
        const mails = (await mailed(ticketId)).filter((m) => m.to.includes(b.agent.email)).length;
        return { console, mails };
      };
      await choose('email');
      expect(await assignedTo()).toEqual({ console: 0, mails: 1 });
      await choose('console');
      expect(await assignedTo()).toEqual({ console: 1, mails: 0 });
      await choose('none');
      expect(await assignedTo()).toEqual({ console: 0, mails: 0 });
      await choose('both');
      expect(await assignedTo()).toEqual({ console: 1, mails: 1 });
    });

    it('refuses an unknown event or choice naming the field', async () => {
      const b = await t.signedIn('agent');
      const bad = await t.as(b, 'PUT', '/api/v1/auth/me/notification-preferences', {
        items: [{ event: 'ticket_assigned', channels: 'pigeon' }],
      });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().error.details.errors[0].field).toBe('body.items.0.channels');
    });
  });

  describe('mentions', () => {
    it('tells the agent an internal note mentions by @initials or @email-localpart, not its author', async () => {
      const author = await t.signedIn('agent');
      const { agent: araceli } = await t.services.agents.create(SYSTEM_ACTOR, {
        name: 'Araceli Cruz Cruz',
        email: `araceli.${unique('cruz')}@example.com`,
        password: TEST_PASSWORD,
      });
      const silvia = await t.createAgent({ name: 'Silvia Luna' });
      const ticketId = await createTicket(admin);
      const local = silvia.email.split('@')[0];
      const note = await t.as(author, 'POST', `/api/v1/tickets/${ticketId}/messages`, {
        kind: 'note',
        body: `@acc y @${local}: revisen la póliza, por favor. @${author.agent.initials}`,
      });
      expect(note.statusCode, note.body).toBe(201);
      for (const who of [araceli, silvia]) {
        const items = await inbox(await t.login(who.email));
        expect(items.map((n) => [n.kind, n.ticketId])).toEqual([['mentioned', ticketId]]);
      }
      expect(await inbox(author)).toEqual([]);
      expect((await mailed(ticketId)).find((m) => m.event === 'mentioned')?.detail).toContain('revisen la póliza');
    });

    it('does not treat a public reply as a mention', async () => {
      const author = await t.signedIn('agent');
      const other = await t.createAgent({ name: 'Rigoberto Vera' });
      const ticketId = await createTicket(admin);
      await t.as(author, 'POST', `/api/v1/tickets/${ticketId}/messages`, { kind: 'reply', body: 'Gracias @RV' });
      expect(await inbox(await t.login(other.email))).toEqual([]);
    });

    it('keeps initials unique: a taken one is refused, derived ones get a number', async () => {
      const first = await t.createAgent({ name: 'Xiomara Quintero' });
      const second = await t.createAgent({ name: 'Xavier Quesada' });
      expect([first.initials, second.initials]).toEqual(['XQ', 'XQ2']);
      const taken = await t.as(admin, 'POST', '/api/v1/agents', {
        name: 'Xenia Quirós',
        email: `${unique('xenia')}@example.com`,
        initials: 'xq',
      });
      expect(taken.statusCode).toBe(409);
      expect(taken.json().error).toMatchObject({ code: 'INITIALS_TAKEN', details: { field: 'initials' } });
    });
  });
});
