import { afterEach, beforeEach, expect, it } from 'vitest';
import { forEachDialect } from '../../testing/for-each-dialect.ts';
import { createTestApp, type Session, SYSTEM_ACTOR, type TestApp, unique } from '../../testing/test-app.ts';

interface Step {
  position: number;
  sets: { field: string; key: string | null; value: unknown } | null;
  doneAt: string | null;
}

/** Issue 19: a protocol step that sets a ticket field when ticked, through the ticket's own update. */
forEachDialect('protocol steps that set a ticket field', (ctx) => {
  let t: TestApp;
  let supervisor: Session;
  let agent: Session;
  let outsider: Session;
  let departmentId: string;
  let cambioId: string;

  beforeEach(async () => {
    t = await createTestApp(ctx);
    departmentId = (await t.services.departments.create(SYSTEM_ACTOR, { name: unique('Soporte Técnico') })).id;
    const educacion = await t.services.departments.create(SYSTEM_ACTOR, { name: unique('Educación') });
    supervisor = await t.signedIn('supervisor');
    agent = await t.login((await t.createAgent({ name: 'Karla Rojas', departmentIds: [departmentId] })).email);
    outsider = await t.login((await t.createAgent({ name: 'Ana Mora', departmentIds: [educacion.id] })).email);
    const admin = await t.signedIn('admin');
    const types = (await t.as(admin, 'GET', '/api/v1/ticket-settings')).json().types as { id: string; name: string }[];
    cambioId = types.find((type) => type.name === 'Cambio')?.id as string;
    const field = await t.as(admin, 'POST', `/api/v1/ticket-settings/types/${cambioId}/fields`, {
      key: 'plan',
      label: 'Plan contratado',
      kind: 'text',
    });
    expect(field.statusCode, field.body).toBe(201);
  });
  afterEach(() => t.close());

  const openTicket = async (type: string) => {
    const made = await t.as(agent, 'POST', '/api/v1/tickets', {
      subject: 'Cambio de plan a anual',
      body: 'Queremos pasar al plan anual.',
      requester: { name: 'Jesús Adrián Rodríguez', email: 'jrodriguez@elclavo.example' },
      departmentId,
      type,
    });
    expect(made.statusCode, made.body).toBe(201);
    return made.json() as { id: string; number: string };
  };

  const writeProtocol = (steps: unknown[]) =>
    t.as(supervisor, 'POST', '/api/v1/protocols', {
      title: unique('¿Qué hago cuando el cliente pide cambiar de plan?'),
      scenario: 'El cliente pide pasar del plan mensual al anual.',
      steps,
    });

  const planProtocol = async () => {
    const made = await writeProtocol([
      { text: 'Marcar el caso como Cambio', sets: { field: 'type', value: 'cambio' } },
      { text: 'Subir la prioridad', sets: { field: 'priority', value: 'alta' } },
      { text: 'Anotar el plan contratado', sets: { field: 'customField', key: 'plan', value: 'Anual' } },
      { text: 'Confirmar al cliente' },
    ]);
    expect(made.statusCode, made.body).toBe(201);
    return made.json() as { id: string; steps: Step[] };
  };

  const tick = (ticketId: string, appliedId: string, step: number, done: boolean, as = agent) =>
    t.as(as, 'PATCH', `/api/v1/tickets/${ticketId}/protocols/${appliedId}/steps/${step}`, { done });

  it('keeps what each step sets, the type by id, and ticking sets the ticket field with its history; unticking does not revert', async () => {
    const protocol = await planProtocol();
    expect(protocol.steps.map((s) => s.sets)).toEqual([
      { field: 'type', key: null, value: cambioId },
      { field: 'priority', key: null, value: 'alta' },
      { field: 'customField', key: 'plan', value: 'Anual' },
      null,
    ]);
    const ticket = await openTicket('Tarea');
    const applied = await t.as(agent, 'POST', `/api/v1/tickets/${ticket.id}/protocols`, { protocolId: protocol.id });
    expect(applied.statusCode, applied.body).toBe(201);
    const appliedId = applied.json().id as string;
    expect(applied.json().steps[1].sets).toEqual({ field: 'priority', key: null, value: 'alta' });

    for (const step of [1, 2, 3]) expect((await tick(ticket.id, appliedId, step, true)).statusCode).toBe(200);
    const changed = (await t.as(agent, 'GET', `/api/v1/tickets/${ticket.id}`)).json();
    expect(changed).toMatchObject({ type: 'Cambio', priority: 'alta', customFields: { plan: 'Anual' } });

    const history = (await t.as(agent, 'GET', `/api/v1/tickets/${ticket.id}/history`)).json().items as {
      field: string;
      actorName: string | null;
      to: string | null;
    }[];
    const byField = (field: string) => history.find((entry) => entry.field === field);
    expect(byField('type')).toMatchObject({ to: 'Cambio', actorName: 'Karla Rojas' });
    expect(byField('priority')).toMatchObject({ to: 'alta', actorName: 'Karla Rojas' });
    expect(byField('customFields.plan')?.to).toBe('"Anual"');

    // Unticking records the untick and leaves the priority as the step set it.
    const untick = await tick(ticket.id, appliedId, 2, false);
    expect(untick.statusCode).toBe(200);
    expect(untick.json().steps[1].doneAt).toBeNull();
    expect((await t.as(agent, 'GET', `/api/v1/tickets/${ticket.id}`)).json().priority).toBe('alta');
  });

  it('refuses an agent of another department: no tick and no change to the ticket', async () => {
    const protocol = await planProtocol();
    const ticket = await openTicket('Tarea');
    const appliedId = (
      await t.as(agent, 'POST', `/api/v1/tickets/${ticket.id}/protocols`, { protocolId: protocol.id })
    ).json().id as string;
    const refused = await tick(ticket.id, appliedId, 2, true, outsider);
    expect(refused.statusCode).toBe(404);
    expect(refused.json().error.code).toBe('TICKET_NOT_FOUND');
    const after = (await t.as(agent, 'GET', `/api/v1/tickets/${ticket.id}/protocols`)).json().items[0];
    expect(after.steps.every((s: Step) => s.doneAt === null)).toBe(true);
    expect((await t.as(agent, 'GET', `/api/v1/tickets/${ticket.id}`)).json().priority).toBe('normal');
  });

  it("leaves the step unticked when the ticket refuses the change (a Soporte ticket may not go to BACKLOG, 003's rule)", async () => {
    const made = await writeProtocol([
      { text: 'Pasar el caso a BACKLOG', sets: { field: 'status', value: 'BACKLOG' } },
    ]);
    expect(made.statusCode, made.body).toBe(201);
    const ticket = await openTicket('Soporte');
    const appliedId = (
      await t.as(agent, 'POST', `/api/v1/tickets/${ticket.id}/protocols`, { protocolId: made.json().id })
    ).json().id as string;
    const refused = await tick(ticket.id, appliedId, 1, true);
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error.code).toBe('STATUS_NOT_ALLOWED_FOR_TYPE');
    const after = (await t.as(agent, 'GET', `/api/v1/tickets/${ticket.id}/protocols`)).json().items[0];
    expect(after.steps[0].doneAt).toBeNull();
    const history = (await t.as(agent, 'GET', `/api/v1/tickets/${ticket.id}/history`)).json().items;
    expect(history.some((entry: { field: string }) => entry.field === 'protocol_step')).toBe(false);
  });

  it('refuses a step that sets an unknown priority, type or custom field, naming the step', async () => {
    for (const sets of [
      { field: 'priority', value: 'altísima' },
      { field: 'type', value: 'Mudanza' },
      { field: 'customField', key: 'no_existe', value: 'x' },
      { field: 'priority', value: 3 },
    ]) {
      const refused = await writeProtocol([{ text: 'Confirmar al cliente' }, { text: 'Cambiar el caso', sets }]);
      expect(refused.statusCode, JSON.stringify(sets)).toBe(400);
      expect(refused.json().error).toMatchObject({ code: 'VALIDATION_FAILED', details: { field: 'steps[1].sets' } });
    }
    // Only the fields a protocol may set: the schema refuses any other.
    const bad = await writeProtocol([{ text: 'Cambiar el caso', sets: { field: 'assignee', value: 'yo' } }]);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('VALIDATION_FAILED');
  });
});
