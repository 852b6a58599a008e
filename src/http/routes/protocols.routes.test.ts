import { afterEach, beforeEach, expect, it } from 'vitest';
import { PAYMENT_PROTOCOL } from '../../core/protocols/default-protocols.ts';
import { ticketHistoryRepository } from '../../core/tickets/ticket-history.repository.ts';
import { forEachDialect } from '../../testing/for-each-dialect.ts';
import { createTestApp, type Session, SYSTEM_ACTOR, type TestApp, unique } from '../../testing/test-app.ts';
import { createTicketFixture, type TicketFixture } from '../../testing/ticket-fixtures.ts';

interface Protocol {
  id: string;
  title: string;
  steps: { position: number; text: string; macroName: string | null }[];
  scripts: { name: string }[];
}

forEachDialect('protocols API', (ctx) => {
  let t: TestApp;
  let supervisor: Session;
  let agent: Session;
  let outsider: Session;
  let ticket: TicketFixture;
  let payment: Protocol;
  let departmentId: string;

  beforeEach(async () => {
    t = await createTestApp(ctx);
    const soporte = await t.services.departments.create(SYSTEM_ACTOR, { name: unique('Soporte Técnico') });
    const educacion = await t.services.departments.create(SYSTEM_ACTOR, { name: unique('Educación') });
    departmentId = soporte.id;
    supervisor = await t.signedIn('supervisor');
    agent = await t.login((await t.createAgent({ name: 'Karla Rojas', departmentIds: [soporte.id] })).email);
    outsider = await t.login((await t.createAgent({ name: 'Ana Mora', departmentIds: [educacion.id] })).email);
    ticket = await createTicketFixture(ctx.database.db, { departmentId: soporte.id, subject: 'Comprobante de pago' });
    await t.services.protocols.seedDefaults(SYSTEM_ACTOR);
    const list = (await t.as(agent, 'GET', '/api/v1/protocols')).json();
    payment = list.items.find((p: Protocol) => p.title === PAYMENT_PROTOCOL.title);
  });
  afterEach(() => t.close());

  const applied = (id: string) => `/api/v1/tickets/${ticket.id}/protocols${id ? `/${id}` : ''}`;

  it('002: the payment procedure is seeded in its Spanish, sending SCRIPT #1 and #3 from its steps', async () => {
    expect(payment.steps).toHaveLength(7);
    expect(payment.steps[0]?.text).toContain('Revisar que el pago venga a nombre de la empresa'.slice(7));
    expect(payment.steps[5]?.macroName).toContain('SCRIPT #1');
    expect(payment.steps[6]?.macroName).toContain('SCRIPT #3');
    expect(payment.scripts.map((s) => s.name.match(/SCRIPT #\d/)?.[0])).toEqual([
      'SCRIPT #1',
      'SCRIPT #2',
      'SCRIPT #3',
    ]);
    // Seeding twice leaves one.
    await t.services.protocols.seedDefaults(SYSTEM_ACTOR);
    const list = (await t.as(agent, 'GET', '/api/v1/protocols')).json();
    expect(list.items.filter((p: Protocol) => p.title === PAYMENT_PROTOCOL.title)).toHaveLength(1);
  });

  it('records each tick in the ticket history (who, when) and completes the protocol with the last one', async () => {
    const created = await t.as(agent, 'POST', applied(''), { protocolId: payment.id });
    expect(created.statusCode, created.body).toBe(201);
    const run = created.json();
    expect(run.steps.every((s: { doneAt: string | null }) => s.doneAt === null)).toBe(true);
    for (const step of [1, 2, 3, 4, 5, 6]) {
      const tick = await t.as(agent, 'PATCH', `${applied(run.id)}/steps/${step}`, { done: true });
      expect(tick.statusCode, tick.body).toBe(200);
      expect(tick.json().completedAt).toBeNull();
    }
    const last = (await t.as(agent, 'PATCH', `${applied(run.id)}/steps/7`, { done: true })).json();
    expect(last.completedAt).not.toBeNull();
    expect(last.steps[6]).toMatchObject({ doneById: agent.agent.id, doneByName: 'Karla Rojas' });

    const history = await ticketHistoryRepository(ctx.database.db).list(ticket.id);
    expect(history.find((h) => h.field === 'protocol')).toMatchObject({
      to: PAYMENT_PROTOCOL.title,
      actorName: 'Karla Rojas',
    });
    const ticks = history.filter((h) => h.field === 'protocol_step');
    expect(ticks).toHaveLength(7);
    expect(ticks[0]).toMatchObject({ actorId: agent.agent.id, actorName: 'Karla Rojas' });
    expect(ticks[0]?.to).toBe(`${PAYMENT_PROTOCOL.title}: 1. ${PAYMENT_PROTOCOL.steps[0].text}`);
    expect(Date.parse(ticks[0]?.createdAt ?? '')).not.toBeNaN();
    expect(history.find((h) => h.field === 'protocol_completed')?.to).toBe(PAYMENT_PROTOCOL.title);

    // Unticking reopens it and is recorded too; ticking a done step again changes nothing.
    const undone = (await t.as(agent, 'PATCH', `${applied(run.id)}/steps/7`, { done: false })).json();
    expect(undone.completedAt).toBeNull();
    await t.as(agent, 'PATCH', `${applied(run.id)}/steps/1`, { done: true });
    const after = await ticketHistoryRepository(ctx.database.db).list(ticket.id);
    expect(after.filter((h) => h.field === 'protocol_step')).toHaveLength(8);
    expect(after.filter((h) => h.field === 'protocol_completed').map((h) => [h.from, h.to])).toEqual([
      [null, PAYMENT_PROTOCOL.title],
      [PAYMENT_PROTOCOL.title, null],
    ]);
    const listed = (await t.as(agent, 'GET', applied(''))).json();
    expect(listed.items).toHaveLength(1);
  });

  it('the protocols report counts how often each protocol was applied and completed, in the caller’s departments only', async () => {
    t.clock.set('2026-03-04T15:00:00Z');
    const second = await createTicketFixture(ctx.database.db, { departmentId, subject: 'Otro comprobante' });
    const done = (await t.as(agent, 'POST', applied(''), { protocolId: payment.id })).json();
    for (const step of [1, 2, 3, 4, 5, 6, 7]) {
      expect((await t.as(agent, 'PATCH', `${applied(done.id)}/steps/${step}`, { done: true })).statusCode).toBe(200);
    }
    const open = await t.as(agent, 'POST', `/api/v1/tickets/${second.id}/protocols`, { protocolId: payment.id });
    expect(open.statusCode, open.body).toBe(201);

    const report = async (session: Session, range = 'from=2026-03-01&to=2026-03-31') => {
      const response = await t.as(session, 'GET', `/api/v1/reports/protocols?${range}`);
      expect(response.statusCode, response.body).toBe(200);
      return response.json();
    };
    const mine = await report(agent);
    expect(mine.summary).toEqual({ applied: 2, completed: 1, completedShare: 50 });
    expect(mine.rows).toEqual([{ protocol: PAYMENT_PROTOCOL.title, applied: 2, completed: 1, completedShare: 50 }]);
    expect(mine.series.find((b: { bucket: string }) => b.bucket === '2026-03-04')).toMatchObject({
      applied: 2,
      completed: 1,
    });
    // Another department's agent sees none of it; another month has none.
    expect((await report(outsider)).summary).toMatchObject({ applied: 0, completed: 0 });
    expect((await report(agent, 'from=2026-04-01&to=2026-04-30')).summary).toMatchObject({ applied: 0 });
  });

  it('keeps a ticket of another department out of reach: no list, no apply, no tick', async () => {
    const run = (await t.as(agent, 'POST', applied(''), { protocolId: payment.id })).json();
    expect((await t.as(outsider, 'GET', applied(''))).statusCode).toBe(404);
    expect((await t.as(outsider, 'POST', applied(''), { protocolId: payment.id })).statusCode).toBe(404);
    const tick = await t.as(outsider, 'PATCH', `${applied(run.id)}/steps/1`, { done: true });
    expect(tick.statusCode).toBe(404);
    const steps = (await t.as(agent, 'GET', applied(''))).json().items[0].steps;
    expect(steps[0].doneAt).toBeNull();
  });

  it("keeps a department's protocol to that department", async () => {
    const own = await t.as(supervisor, 'POST', '/api/v1/protocols', {
      title: '¿Qué hago cuando un cliente consulta por reparación / garantía de un equipo?',
      scenario: 'El cliente reporta un equipo dañado',
      departmentId,
      steps: [{ text: 'Solicitar el número de serie' }],
    });
    expect(own.statusCode, own.body).toBe(201);
    const seen = (await t.as(outsider, 'GET', '/api/v1/protocols')).json();
    expect(seen.items.map((p: Protocol) => p.title)).toEqual([PAYMENT_PROTOCOL.title]);
    const other = await createTicketFixture(ctx.database.db, { departmentId: null });
    const refused = await t.as(outsider, 'POST', `/api/v1/tickets/${other.id}/protocols`, {
      protocolId: own.json().id,
    });
    expect(refused.statusCode).toBe(404);
    expect(refused.json().error.code).toBe('PROTOCOL_NOT_FOUND');
  });

  it('refuses bad input with a clear error and stores nothing', async () => {
    const run = (await t.as(agent, 'POST', applied(''), { protocolId: payment.id })).json();
    const step = await t.as(agent, 'PATCH', `${applied(run.id)}/steps/99`, { done: true });
    expect(step.json().error.code).toBe('PROTOCOL_STEP_NOT_FOUND');
    expect((await t.as(agent, 'PATCH', `${applied('nope')}/steps/1`, { done: true })).statusCode).toBe(404);
    expect(
      (await t.as(agent, 'POST', '/api/v1/protocols', { title: 'x', scenario: 'y', steps: [{ text: 'z' }] }))
        .statusCode,
    ).toBe(403);
    const personal = await t.as(agent, 'POST', '/api/v1/macros', {
      name: unique('Mío'),
      body: 'Hola',
      shared: false,
    });
    expect(personal.statusCode, personal.body).toBe(201);
    const withPersonal = await t.as(supervisor, 'POST', '/api/v1/protocols', {
      title: unique('Con script personal'),
      scenario: 'y',
      steps: [{ text: 'z', macroId: personal.json().id }],
    });
    expect(withPersonal.statusCode).toBe(422);
    const clash = await t.as(supervisor, 'POST', '/api/v1/protocols', {
      title: PAYMENT_PROTOCOL.title,
      scenario: 'y',
      steps: [{ text: 'z' }],
    });
    expect(clash.statusCode).toBe(409);
    const noArticle = await t.as(supervisor, 'POST', '/api/v1/protocols', {
      title: unique('Sin artículo'),
      scenario: 'y',
      articleId: 'nope',
      steps: [{ text: 'z' }],
    });
    expect(noArticle.json().error.details.field).toBe('articleId');
    expect((await t.as(agent, 'GET', '/api/v1/protocols')).json().items).toHaveLength(1);
  });
});
