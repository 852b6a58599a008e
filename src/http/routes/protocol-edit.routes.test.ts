import { afterEach, beforeEach, expect, it } from 'vitest';
import { PAYMENT_PROTOCOL } from '../../core/protocols/default-protocols.ts';
import { forEachDialect } from '../../testing/for-each-dialect.ts';
import { createTestApp, type Session, SYSTEM_ACTOR, type TestApp, unique } from '../../testing/test-app.ts';
import { createTicketFixture, type TicketFixture } from '../../testing/ticket-fixtures.ts';

interface Step {
  position: number;
  text: string;
  macroId: string | null;
  macroName: string | null;
  sets: { field: string; key: string | null; value: unknown } | null;
}
interface Protocol {
  id: string;
  title: string;
  scenario: string;
  observations: string | null;
  steps: Step[];
  scripts: { macroId: string; name: string }[];
  createdAt: string;
  updatedAt: string;
}

/** Issue 19: rewriting a protocol from the console (PUT /protocols/{id}). */
forEachDialect('editing protocols', (ctx) => {
  let t: TestApp;
  let supervisor: Session;
  let agent: Session;
  let ticket: TicketFixture;
  let payment: Protocol;

  beforeEach(async () => {
    t = await createTestApp(ctx);
    const soporte = await t.services.departments.create(SYSTEM_ACTOR, { name: unique('Soporte Técnico') });
    supervisor = await t.signedIn('supervisor');
    agent = await t.login((await t.createAgent({ name: 'Karla Rojas', departmentIds: [soporte.id] })).email);
    ticket = await createTicketFixture(ctx.database.db, { departmentId: soporte.id, subject: 'Comprobante de pago' });
    await t.services.protocols.seedDefaults(SYSTEM_ACTOR);
    const list = (await t.as(agent, 'GET', '/api/v1/protocols')).json();
    payment = list.items.find((p: Protocol) => p.title === PAYMENT_PROTOCOL.title);
  });
  afterEach(() => t.close());

  const put = (session: Session, id: string, body: unknown) => t.as(session, 'PUT', `/api/v1/protocols/${id}`, body);
  const rewrite = (changes: Record<string, unknown>) => ({
    title: payment.title,
    scenario: payment.scenario,
    observations: payment.observations,
    steps: payment.steps.map((s) => ({ text: s.text, macroId: s.macroId, sets: s.sets })),
    scriptMacroIds: payment.scripts.map((s) => s.macroId),
    ...changes,
  });

  it('rewrites title, steps and scripts; a ticket it was applied on keeps the steps it was given', async () => {
    const run = await t.as(agent, 'POST', `/api/v1/tickets/${ticket.id}/protocols`, { protocolId: payment.id });
    expect(run.statusCode, run.body).toBe(201);
    t.clock.advance(60_000);

    const last = payment.steps[6] as Step;
    const edited = await put(
      supervisor,
      payment.id,
      rewrite({
        title: '¿Qué hago cuando un cliente envía un comprobante de pago?',
        observations: '  ',
        // The script step first, then a new step that raises the priority, then the first one.
        steps: [
          { text: last.text, macroId: last.macroId },
          { text: 'Subir la prioridad si el pago vence hoy', sets: { field: 'priority', value: 'alta' } },
          { text: (payment.steps[0] as Step).text },
        ],
        scriptMacroIds: [payment.scripts[0]?.macroId],
      }),
    );
    expect(edited.statusCode, edited.body).toBe(200);
    const saved = edited.json() as Protocol;
    expect(saved.id).toBe(payment.id);
    expect(saved.observations).toBeNull();
    expect(saved.createdAt).toBe(payment.createdAt);
    expect(saved.updatedAt > payment.updatedAt).toBe(true);
    expect(saved.steps.map((s) => [s.position, s.macroName, s.sets])).toEqual([
      [1, last.macroName, null],
      [2, null, { field: 'priority', key: null, value: 'alta' }],
      [3, null, null],
    ]);
    expect(saved.scripts).toEqual([payment.scripts[0]]);

    // Read back as any agent may, one by one.
    const read = await t.as(agent, 'GET', `/api/v1/protocols/${payment.id}`);
    expect(read.statusCode, read.body).toBe(200);
    expect(read.json()).toEqual(saved);

    // The earlier application keeps its seven steps (and its ticks still work); a new one gets three.
    const kept = (await t.as(agent, 'GET', `/api/v1/tickets/${ticket.id}/protocols`)).json().items[0];
    expect(kept.steps.map((s: Step) => s.text)).toEqual(payment.steps.map((s) => s.text));
    const tick = await t.as(agent, 'PATCH', `/api/v1/tickets/${ticket.id}/protocols/${kept.id}/steps/7`, {
      done: true,
    });
    expect(tick.statusCode, tick.body).toBe(200);
    const again = await t.as(agent, 'POST', `/api/v1/tickets/${ticket.id}/protocols`, { protocolId: payment.id });
    expect(again.json().steps).toHaveLength(3);

    // Those who manage protocols see how often each was applied; agents do not get the count.
    const managed = (await t.as(supervisor, 'GET', '/api/v1/protocols')).json().items;
    expect(managed.find((p: Protocol) => p.id === payment.id).timesApplied).toBe(2);
    const listed = (await t.as(agent, 'GET', '/api/v1/protocols')).json().items;
    expect(listed.find((p: Protocol) => p.id === payment.id)).not.toHaveProperty('timesApplied');
  });

  it('refuses bad input naming the field or step, and leaves the protocol as it was', async () => {
    const other = await t.as(supervisor, 'POST', '/api/v1/protocols', {
      title: '¿Qué hago cuando un cliente pide factura?',
      scenario: 'El cliente pide la factura del mes.',
      steps: [{ text: 'Buscar el pago' }],
    });
    expect(other.statusCode, other.body).toBe(201);

    const blankStep = await put(supervisor, payment.id, rewrite({ steps: [{ text: 'Revisar' }, { text: '   ' }] }));
    expect(blankStep.statusCode, blankStep.body).toBe(400);
    expect(blankStep.json().error.details.field).toBe('steps[1].text');

    const badPriority = await put(
      supervisor,
      payment.id,
      rewrite({ steps: [{ text: 'Subir', sets: { field: 'priority', value: 'urgentísima' } }] }),
    );
    expect(badPriority.statusCode).toBe(400);
    expect(badPriority.json().error.details.field).toBe('steps[0].sets');

    const clash = await put(supervisor, payment.id, rewrite({ title: '¿Qué hago cuando un cliente pide factura?' }));
    expect(clash.statusCode).toBe(409);
    expect(clash.json().error).toMatchObject({ code: 'NAME_TAKEN', details: { field: 'title' } });

    const noSteps = await put(supervisor, payment.id, rewrite({ steps: [] }));
    expect(noSteps.statusCode).toBe(400);

    // Keeping its own title is no clash.
    expect((await put(supervisor, payment.id, rewrite({}))).statusCode).toBe(200);

    const stored = (await t.as(agent, 'GET', `/api/v1/protocols/${payment.id}`)).json() as Protocol;
    expect(stored.steps.map((s) => s.text)).toEqual(payment.steps.map((s) => s.text));
  });

  it('lets only those who manage protocols rewrite them; an unknown id is 404', async () => {
    const refused = await put(agent, payment.id, rewrite({ title: 'Mío ahora' }));
    expect(refused.statusCode).toBe(403);
    const anonymous = await t.app.inject({
      method: 'PUT',
      url: `/api/v1/protocols/${payment.id}`,
      payload: rewrite({}),
    });
    expect(anonymous.statusCode).toBe(401);
    const unknown = await put(supervisor, 'nope', rewrite({ title: unique('Otro') }));
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error.code).toBe('PROTOCOL_NOT_FOUND');
    expect((await t.as(agent, 'GET', '/api/v1/protocols/nope')).statusCode).toBe(404);
    expect((await t.as(agent, 'GET', `/api/v1/protocols/${payment.id}`)).json().title).toBe(PAYMENT_PROTOCOL.title);
  });
});
