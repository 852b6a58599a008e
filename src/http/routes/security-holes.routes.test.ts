import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { customerAccessRepository } from '../../core/contacts/customer-access.repository.ts';
import { outboxRepository } from '../../core/outbox/outbox.repository.ts';
import { forEachDialect } from '../../testing/for-each-dialect.ts';
import {
  createTestApp,
  type Session,
  SYSTEM_ACTOR,
  TEST_PASSWORD,
  type TestApp,
  unique,
} from '../../testing/test-app.ts';
import { createTicketFixture, type TicketFixture } from '../../testing/ticket-fixtures.ts';

/**
 * Issue 14: each hole found by attacking a running server, reproduced through the public API.
 * Department A's agent attacks what belongs to department B.
 */
forEachDialect('security holes of issue 14', (ctx) => {
  let t: TestApp;
  let ana: Session; // agent of department A
  let bruno: Session; // agent of department B
  let supervisor: Session;
  let ticketB: TicketFixture;

  beforeEach(async () => {
    t = await createTestApp(ctx);
    const a = await t.services.departments.create(SYSTEM_ACTOR, { name: unique('Educación') });
    const b = await t.services.departments.create(SYSTEM_ACTOR, { name: unique('Soporte Técnico') });
    ana = await t.login((await t.createAgent({ name: 'Ana Mora', departmentIds: [a.id] })).email);
    bruno = await t.login((await t.createAgent({ name: 'Bruno Solís', departmentIds: [b.id] })).email);
    supervisor = await t.signedIn('supervisor');
    ticketB = await createTicketFixture(ctx.database.db, { departmentId: b.id, subject: 'Factura rechazada' });
  });
  afterEach(() => t.close());

  describe('2: an agent cannot redirect another department’s customer mail', () => {
    it('refuses PATCH /contacts/{id} on the requester of a ticket the agent cannot see', async () => {
      const response = await t.as(ana, 'PATCH', `/api/v1/contacts/${ticketB.contact.id}`, {
        emails: [{ email: 'atacante@example.net', primary: true }],
      });
      expect(response.statusCode, response.body).toBe(403);
      expect(response.json().error.code).toBe('CUSTOMER_OUTSIDE_DEPARTMENTS');
      const contact = (await t.as(bruno, 'GET', `/api/v1/contacts/${ticketB.contact.id}`)).json();
      expect(contact.emails.map((e: { email: string }) => e.email)).toEqual([ticketB.contact.email]);
    });

    it('refuses merging that contact away and changing its organization', async () => {
      const other = (
        await t.as(ana, 'POST', '/api/v1/contacts', {
          name: 'Cuenta del atacante',
          emails: [{ email: `${unique('otro')}@example.net` }],
        })
      ).json();
      const merge = await t.as(ana, 'POST', `/api/v1/contacts/${other.id}/merge`, { sourceId: ticketB.contact.id });
      expect(merge.statusCode, merge.body).toBe(403);
      const organization = await t.as(ana, 'PATCH', `/api/v1/organizations/${ticketB.organizationId}`, {
        domains: ['atacante.example.net'],
      });
      expect(organization.statusCode, organization.body).toBe(403);
    });

    it('lets the department’s own agent and supervisors change it, and audits the address change', async () => {
      const own = await t.as(bruno, 'PATCH', `/api/v1/contacts/${ticketB.contact.id}`, {
        emails: [{ email: 'nueva.direccion@example.com', primary: true }],
      });
      expect(own.statusCode, own.body).toBe(200);
      const bySupervisor = await t.as(supervisor, 'PATCH', `/api/v1/contacts/${ticketB.contact.id}`, {
        emails: [{ email: 'nueva.direccion@example.com', primary: true }, { email: 'copia@example.com' }],
      });
      expect(bySupervisor.statusCode, bySupervisor.body).toBe(200);
      const audit = await customerAccessRepository(ctx.database.db).auditOf(ticketB.contact.id);
      expect(audit.map((a) => [a.field, a.from_value, a.to_value, a.actor_id])).toEqual([
        ['emails', `${ticketB.contact.email} (primary)`, 'nueva.direccion@example.com (primary)', bruno.agent.id],
        [
          'emails',
          'nueva.direccion@example.com (primary)',
          'nueva.direccion@example.com (primary), copia@example.com',
          supervisor.agent.id,
        ],
      ]);
    });
  });

  describe('3: a password change ends every other session and token', () => {
    async function tokenOf(session: Session): Promise<string> {
      const response = await t.as(session, 'POST', '/api/v1/auth/tokens', { name: 'integración' });
      expect(response.statusCode, response.body).toBe(201);
      return response.json().token;
    }
    const withToken = (token: string) =>
      t.app.inject({ method: 'GET', url: '/api/v1/auth/session', headers: { authorization: `Bearer ${token}` } });

    it('an admin setting a new password signs the agent out everywhere', async () => {
      const admin = await t.signedIn('admin');
      const laptop = await t.login(ana.agent.email);
      const token = await tokenOf(laptop);
      const changed = await t.as(admin, 'PATCH', `/api/v1/agents/${ana.agent.id}`, { password: 'otra clave segura' });
      expect(changed.statusCode, changed.body).toBe(200);
      for (const old of [ana, laptop]) expect((await t.as(old, 'GET', '/api/v1/auth/session')).statusCode).toBe(401);
      expect((await withToken(token)).statusCode).toBe(401);
      expect((await t.as(admin, 'GET', '/api/v1/auth/session')).statusCode).toBe(200);
      await expect(t.login(ana.agent.email, 'otra clave segura')).resolves.toBeTruthy();
    });

    it('the agent changes their own password with the current one; only the session used stays', async () => {
      const phone = await t.login(ana.agent.email);
      const token = await tokenOf(phone);
      const wrong = await t.as(ana, 'POST', '/api/v1/auth/me/password', {
        currentPassword: 'no es la clave',
        newPassword: 'una clave nueva larga',
      });
      expect(wrong.statusCode).toBe(403);
      expect(wrong.json().error.code).toBe('CURRENT_PASSWORD_INCORRECT');
      const short = await t.as(ana, 'POST', '/api/v1/auth/me/password', {
        currentPassword: TEST_PASSWORD,
        newPassword: 'corta',
      });
      expect(short.statusCode).toBe(400);
      expect(short.json().error.details.field).toBe('newPassword');
      expect((await t.as(phone, 'GET', '/api/v1/auth/session')).statusCode).toBe(200);

      const changed = await t.as(ana, 'POST', '/api/v1/auth/me/password', {
        currentPassword: TEST_PASSWORD,
        newPassword: 'una clave nueva larga',
      });
      expect(changed.statusCode, changed.body).toBe(204);
      expect((await t.as(ana, 'GET', '/api/v1/auth/session')).statusCode).toBe(200);
      expect((await t.as(phone, 'GET', '/api/v1/auth/session')).statusCode).toBe(401);
      expect((await withToken(token)).statusCode).toBe(401);
      await expect(t.login(ana.agent.email)).rejects.toThrow(/401/);
      await expect(t.login(ana.agent.email, 'una clave nueva larga')).resolves.toBeTruthy();
    });

    it('a session stops sliding 30 days after sign-in, however active', async () => {
      for (let day = 0; day < 29; day++) {
        t.clock.advance(24 * 3600_000);
        expect((await t.as(ana, 'GET', '/api/v1/auth/session')).statusCode).toBe(200);
      }
      t.clock.advance(2 * 24 * 3600_000);
      expect((await t.as(ana, 'GET', '/api/v1/auth/session')).statusCode).toBe(401);
    });
  });

  describe('5: text PostgreSQL cannot store and crafted cursors get 400, never 500', () => {
    it('refuses a NUL character in a subject, a query string and a path', async () => {
      const created = await t.as(supervisor, 'POST', '/api/v1/tickets', {
        subject: 'a\u0000b',
        body: 'hola',
        requester: { email: `${unique('cliente')}@example.com` },
      });
      expect(created.statusCode, created.body).toBe(400);
      expect(created.json().error).toMatchObject({ code: 'TEXT_HAS_NUL', details: { field: 'body.subject' } });
      const search = await t.as(supervisor, 'GET', '/api/v1/contacts?q=a%00b');
      expect(search.statusCode, search.body).toBe(400);
      expect(search.json().error.details.field).toBe('querystring.q');
      const path = await t.as(supervisor, 'GET', '/api/v1/tickets/a%00b');
      expect(path.statusCode, path.body).toBe(400);
    });

    it('refuses crafted cursors on every list that takes one', async () => {
      for (const url of ['/api/v1/tickets', '/api/v1/contacts', '/api/v1/organizations', '/api/v1/agents']) {
        for (const cursor of ['AAAA', 'AA', '____', '%00']) {
          const response = await t.as(supervisor, 'GET', `${url}?cursor=${cursor}`);
          expect(response.statusCode, `${url}?cursor=${cursor}: ${response.body}`).toBe(400);
        }
      }
      const messages = await t.as(supervisor, 'GET', `/api/v1/tickets/${ticketB.id}/messages?cursor=AAAA`);
      expect(messages.statusCode, messages.body).toBe(400);
    });
  });

  describe('6: reminders, time and mentions stay within what the recipient may see', () => {
    it('refuses a reminder for an agent who cannot open the ticket, and hides old ones', async () => {
      const refused = await t.as(supervisor, 'POST', `/api/v1/tickets/${ticketB.id}/reminders`, {
        remindAt: '2026-03-10T15:00:00Z',
        agentId: ana.agent.id,
      });
      expect(refused.statusCode, refused.body).toBe(422);
      expect(refused.json().error.code).toBe('AGENT_CANNOT_SEE_TICKET');
      const task = await t.as(supervisor, 'POST', `/api/v1/tickets/${ticketB.id}/tasks`, {
        title: 'Revisar',
        assigneeId: ana.agent.id,
      });
      expect(task.statusCode, task.body).toBe(422);
      // A reminder made while Ana still worked in B: once she leaves, its subject no longer shows.
      await ctx.database.db
        .insertInto('reminders')
        .values({
          id: unique('r'),
          ticket_id: ticketB.id,
          agent_id: ana.agent.id,
          remind_at: new Date(t.clock.now().getTime() - 60_000).toISOString(),
          note: '',
          status: 'pending',
          created_at: t.clock.now().toISOString(),
        })
        .execute();
      const mine = await t.as(ana, 'GET', '/api/v1/reminders?due=true');
      expect(mine.statusCode).toBe(200);
      expect(JSON.stringify(mine.json())).not.toContain('Factura rechazada');
    });

    it('refuses time logged in another agent’s name by a plain agent', async () => {
      const response = await t.as(bruno, 'POST', `/api/v1/tickets/${ticketB.id}/time-entries`, {
        description: 'Revisión',
        duration: '00:30',
        agentId: (await t.createAgent({ name: 'Carla Vega' })).id,
      });
      expect(response.statusCode, response.body).toBe(403);
      const bySupervisor = await t.as(supervisor, 'POST', `/api/v1/tickets/${ticketB.id}/time-entries`, {
        description: 'Revisión',
        duration: '00:30',
        agentId: bruno.agent.id,
      });
      expect(bySupervisor.statusCode, bySupervisor.body).toBe(201);
      const forOutsider = await t.as(supervisor, 'POST', `/api/v1/tickets/${ticketB.id}/time-entries`, {
        description: 'Revisión',
        duration: '00:30',
        agentId: ana.agent.id,
      });
      expect(forOutsider.statusCode, forOutsider.body).toBe(422);
    });

    it('does not send a note’s text to a mentioned agent who cannot open the ticket', async () => {
      const note = await t.as(bruno, 'POST', `/api/v1/tickets/${ticketB.id}/messages`, {
        kind: 'note',
        body: `@${ana.agent.initials} @${supervisor.agent.initials} el cliente debe la factura 0042`,
      });
      expect(note.statusCode, note.body).toBe(201);
      const anaInbox = (await t.as(ana, 'GET', '/api/v1/notifications')).json().items;
      expect(anaInbox).toEqual([]);
      const supervisorInbox = (await t.as(supervisor, 'GET', '/api/v1/notifications')).json().items;
      expect(supervisorInbox.map((n: { kind: string }) => n.kind)).toEqual(['mentioned']);
      const mails = await outboxRepository(ctx.database.db).listForTicket(ticketB.id);
      expect(JSON.stringify(mails.filter((m) => JSON.stringify(m.payload).includes(ana.agent.id)))).not.toContain(
        'factura 0042',
      );
    });
  });

  describe('7: nothing internal reaches a customer in an invitation', () => {
    it('titles an untitled session neutrally, never with the activity’s internal reason', async () => {
      const response = await t.as(bruno, 'POST', `/api/v1/tickets/${ticketB.id}/messages`, {
        kind: 'activity',
        body: 'Se agenda la sesión.',
        activity: {
          contactPerson: ticketB.contact.name,
          medium: 'teams',
          reason: 'Cliente moroso: cobrar antes de atender',
          scheduledSession: { startsAt: '2026-03-10T15:00:00Z', endsAt: '2026-03-10T16:00:00Z' },
        },
      });
      expect(response.statusCode, response.body).toBe(201);
      expect(response.json().activity.scheduledSession.title).toBe('Sesión de soporte');
      const outbox = await outboxRepository(ctx.database.db).listForTicket(ticketB.id);
      const invite = outbox.find((o) => o.type === 'calendar.invite@1');
      expect(invite).toBeDefined();
      expect(JSON.stringify(invite?.payload)).not.toContain('moroso');
      expect(JSON.stringify(invite?.payload)).toContain('Sesión de soporte');
    });
  });
});
