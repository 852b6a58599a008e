import { afterEach, beforeEach, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { forEachDialect } from '../../testing/for-each-dialect.ts';
import { connectLive as connect } from '../../testing/live-client.ts';
import { createTestApp, SYSTEM_ACTOR, type TestApp, unique } from '../../testing/test-app.ts';

forEachDialect('live updates over WebSocket', (ctx) => {
  let t: TestApp;
  let url: string;
  beforeEach(async () => {
    t = await createTestApp(ctx);
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const address = t.app.server.address();
    url = `ws://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/api/v1/live`;
  });
  afterEach(() => t.close());

  it('pushes a ticket created by another session to an open console, without reload', async () => {
    const watcher = await t.signedIn('agent');
    const client = await connect(url, watcher);
    const creator = await t.signedIn('agent');
    const created = await t.as(creator, 'POST', '/api/v1/tickets', {
      subject: 'Nuevo por teléfono',
      body: 'Llamó el cliente.',
      requester: { email: `${unique('c')}@cliente.example` },
    });
    const message = await client.next(
      (m) => m.type === 'event' && (m.event as { type: string }).type === 'ticket.created',
    );
    expect(message.event).toMatchObject({ ticketId: created.json().id, data: { number: created.json().number } });
    client.socket.close();
  });

  it("does not push another department's ticket to an agent who may not see it", async () => {
    const support = await t.services.departments.create(SYSTEM_ACTOR, { name: unique('Soporte') });
    const sales = await t.services.departments.create(SYSTEM_ACTOR, { name: unique('Ventas') });
    const outsider = await t.login((await t.createAgent({ departmentIds: [support.id] })).email);
    const client = await connect(url, outsider);
    const admin = await t.signedIn('admin');
    const hidden = await t.as(admin, 'POST', '/api/v1/tickets', {
      subject: 'Cotización',
      body: 'Quiero una cotización.',
      requester: { email: `${unique('c')}@cliente.example` },
      departmentId: sales.id,
    });
    const visible = await t.as(admin, 'POST', '/api/v1/tickets', {
      subject: 'Falla',
      body: 'No funciona.',
      requester: { email: `${unique('c')}@cliente.example` },
      departmentId: support.id,
    });
    await client.next((m) => m.type === 'event' && (m.event as { ticketId: string }).ticketId === visible.json().id);
    const ticketIds = client.received
      .filter((m) => m.type === 'event')
      .map((m) => (m.event as { ticketId: string }).ticketId);
    expect(ticketIds).not.toContain(hidden.json().id);
    client.socket.close();
  });

  it('shows a second agent viewing, then typing on, the same ticket (agent collision)', async () => {
    const admin = await t.signedIn('admin');
    const ticket = (
      await t.as(admin, 'POST', '/api/v1/tickets', {
        subject: 'Colisión',
        body: 'Dos agentes.',
        requester: { email: `${unique('c')}@cliente.example` },
      })
    ).json();
    const first = await connect(url, await t.signedIn('agent'));
    const secondSession = await t.signedIn('agent');
    const second = await connect(url, secondSession);
    first.send({ type: 'presence', ticketId: ticket.number, state: 'viewing' });
    second.send({ type: 'presence', ticketId: ticket.id, state: 'viewing' });
    const both = await first.next(
      (m) => m.type === 'presence' && (m.viewers as unknown[]).length === 2 && m.ticketId === ticket.id,
    );
    expect(both.viewers).toContainEqual(
      expect.objectContaining({
        agentId: secondSession.agent.id,
        initials: secondSession.agent.initials,
        state: 'viewing',
      }),
    );
    second.send({ type: 'presence', ticketId: ticket.id, state: 'typing' });
    await first.next(
      (m) =>
        m.type === 'presence' &&
        (m.viewers as { agentId: string; state: string }[]).some(
          (v) => v.agentId === secondSession.agent.id && v.state === 'typing',
        ),
    );
    second.socket.close();
    await first.next((m) => m.type === 'presence' && (m.viewers as unknown[]).length === 1);
    first.socket.close();
  });

  // Instances meet only through PostgreSQL; SQLite serves one instance, so the case is PostgreSQL's alone.
  if (ctx.dialect === 'postgres')
    it('reaches a console on another server instance (PostgreSQL NOTIFY)', async () => {
      const other = await createTestApp(ctx);
      await other.app.listen({ port: 0, host: '127.0.0.1' });
      const address = other.app.server.address();
      const otherUrl = `ws://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/api/v1/live`;
      const watcher = await other.signedIn('admin');
      const client = await connect(otherUrl, watcher);
      const creator = await t.signedIn('agent');
      const created = await t.as(creator, 'POST', '/api/v1/tickets', {
        subject: 'Desde la otra instancia',
        body: 'x',
        requester: { email: `${unique('c')}@cliente.example` },
      });
      await client.next((m) => m.type === 'event' && (m.event as { ticketId: string }).ticketId === created.json().id);
      client.socket.close();
      await other.close();
    });

  it('refuses a socket without a session (401) and one opened from another site (403)', async () => {
    const anonymous = new WebSocket(url);
    const status = await new Promise<number>((resolve) =>
      anonymous.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0)),
    );
    expect(status).toBe(401);
    const session = await t.signedIn('agent');
    const foreign = new WebSocket(url, { headers: { cookie: session.cookie, origin: 'https://evil.example' } });
    const refused = await new Promise<number>((resolve) =>
      foreign.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0)),
    );
    expect(refused).toBe(403);
  });

  it('answers presence on a ticket the agent may not see with an error and no broadcast', async () => {
    const support = await t.services.departments.create(SYSTEM_ACTOR, { name: unique('Soporte') });
    const admin = await t.signedIn('admin');
    const ticket = (
      await t.as(admin, 'POST', '/api/v1/tickets', {
        subject: 'Privado',
        body: 'x',
        requester: { email: `${unique('c')}@cliente.example` },
        departmentId: support.id,
      })
    ).json();
    const client = await connect(url, await t.signedIn('agent'));
    client.send({ type: 'presence', ticketId: ticket.id, state: 'viewing' });
    const error = await client.next((m) => m.type === 'error');
    expect(error).toMatchObject({ code: 'TICKET_NOT_FOUND' });
    client.socket.close();
  });
});
