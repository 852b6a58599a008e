import { afterEach, beforeEach, expect, it } from 'vitest';
import { ticketHistoryRepository } from '../../core/tickets/ticket-history.repository.ts';
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

forEachDialect('agent work API', (ctx) => {
  let t: TestApp;
  let araceli: Session;
  let jose: Session;
  let ticket: TicketFixture;

  async function agentNamed(name: string, timeZone = 'America/Mexico_City'): Promise<Session> {
    const email = `${unique('consultor')}@example.com`;
    await t.services.agents.create(SYSTEM_ACTOR, { email, name, timeZone, password: TEST_PASSWORD });
    return t.login(email);
  }

  beforeEach(async () => {
    t = await createTestApp(ctx);
    araceli = await agentNamed('Araceli Cruz Cruz');
    jose = await agentNamed('José Maximino Raúl Tlaxcala Trujillo');
    ticket = await createTicketFixture(ctx.database.db);
  });
  afterEach(() => t.close());

  const entries = (id: string) => `/api/v1/tickets/${id}/time-entries`;

  it('totals a ticket\'s time per agent with their initials (003: "ACC Seguimiento de ticket 00:30")', async () => {
    const log = [
      [araceli, 'Seguimiento de ticket', '00:30', true],
      [jose, 'Entender el escenario', '00:30', true],
      [jose, 'Acciones recomendadas', 30, false],
    ] as const;
    for (const [who, description, duration, billable] of log) {
      const response = await t.as(who, 'POST', entries(ticket.number), {
        description,
        duration,
        billable,
        date: '2022-09-28',
      });
      expect(response.statusCode).toBe(201);
    }
    const sheet = (await t.as(araceli, 'GET', entries(ticket.id))).json();
    expect(
      sheet.items.map((e: { initials: string; description: string; duration: string; date: string }) => [
        e.initials,
        e.description,
        e.duration,
        e.date,
      ]),
    ).toEqual([
      ['ACC', 'Seguimiento de ticket', '0:30', '2022-09-28'],
      ['JMRTT', 'Entender el escenario', '0:30', '2022-09-28'],
      ['JMRTT', 'Acciones recomendadas', '0:30', '2022-09-28'],
    ]);
    expect(sheet.totals).toEqual({
      minutes: 90,
      billableMinutes: 60,
      byAgent: [
        { agentId: araceli.agent.id, name: 'Araceli Cruz Cruz', initials: 'ACC', minutes: 30, billableMinutes: 30 },
        {
          agentId: jose.agent.id,
          name: 'José Maximino Raúl Tlaxcala Trujillo',
          initials: 'JMRTT',
          minutes: 60,
          billableMinutes: 30,
        },
      ],
      byTask: [],
    });
    const history = await ticketHistoryRepository(ctx.database.db).list(ticket.id);
    expect(history.filter((h) => h.field === 'time_entry').map((h) => h.to)).toEqual([
      'ACC 0:30',
      'JMRTT 0:30',
      'JMRTT 0:30',
    ]);
  });

  it("dates an entry today in the agent's time zone unless told", async () => {
    // 02:00 UTC on the 6th is still the evening of the 5th in Costa Rica (UTC-6).
    t.clock.set('2026-01-06T02:00:00Z');
    const tica = await agentNamed('Alicia Rodríguez', 'America/Costa_Rica');
    const entry = await t.as(tica, 'POST', entries(ticket.id), { description: 'Llamada', duration: '0:15' });
    expect(entry.json()).toMatchObject({ date: '2026-01-05', minutes: 15, billable: true, initials: 'AR' });
  });

  it('refuses durations that are not h:mm or minutes (1:75, abc, 0) and writes nothing', async () => {
    for (const duration of ['1:75', 'abc', 0, '0:00', '25:00']) {
      const response = await t.as(araceli, 'POST', entries(ticket.id), { description: 'x', duration });
      expect(response.statusCode, String(duration)).toBe(400);
    }
    const badDate = await t.as(araceli, 'POST', entries(ticket.id), {
      description: 'x',
      duration: 5,
      date: '2026-02-30',
    });
    expect(badDate.statusCode).toBe(400);
    expect((await t.as(araceli, 'GET', entries(ticket.id))).json().items).toEqual([]);
  });

  it('refuses a task of another ticket with 422 and writes nothing', async () => {
    const other = await createTicketFixture(ctx.database.db);
    const task = (await t.as(araceli, 'POST', `/api/v1/tickets/${other.id}/tasks`, {})).json();
    const response = await t.as(araceli, 'POST', entries(ticket.id), {
      description: 'Registro',
      duration: '00:30',
      taskId: task.id,
    });
    expect(response.statusCode).toBe(422);
    expect(response.json().error).toMatchObject({ code: 'TASK_NOT_ON_TICKET', details: { field: 'taskId' } });
    const missing = await t.as(araceli, 'POST', entries(ticket.id), { description: 'x', duration: 5, taskId: 'nope' });
    expect(missing.statusCode).toBe(422);
    const ghost = await t.as(araceli, 'POST', entries(ticket.id), { description: 'x', duration: 5, agentId: 'nope' });
    expect(ghost.statusCode).toBe(422);
    expect(ghost.json().error).toMatchObject({ code: 'REFERENCE_NOT_FOUND', details: { field: 'agentId' } });
    expect(await ctx.database.db.selectFrom('time_entries').select('id').execute()).toEqual([]);
    const history = await ticketHistoryRepository(ctx.database.db).list(ticket.id);
    expect(history).toEqual([]);
  });

  it("rolls each task's time up into the task and into the ticket totals (003: one task per ticket)", async () => {
    const created = await t.as(araceli, 'POST', `/api/v1/tickets/${ticket.id}/tasks`, { assigneeId: jose.agent.id });
    expect(created.statusCode).toBe(201);
    const task = created.json();
    expect(task).toMatchObject({
      title: `${ticket.number} ${ticket.subject}`,
      status: 'open',
      assigneeId: jose.agent.id,
      minutes: 0,
    });
    await t.as(araceli, 'POST', entries(ticket.id), { description: 'Diseño', duration: '1:00', taskId: task.id });
    await t.as(jose, 'POST', entries(ticket.id), { description: 'Ejecución', duration: '0:45', taskId: task.id });
    await t.as(jose, 'POST', entries(ticket.id), { description: 'Sin tarea', duration: '0:15' });

    const tasks = (await t.as(jose, 'GET', `/api/v1/tickets/${ticket.id}/tasks`)).json().items;
    expect(tasks).toEqual([
      expect.objectContaining({ id: task.id, minutes: 105, billableMinutes: 105, duration: '1:45' }),
    ]);
    const totals = (await t.as(jose, 'GET', entries(ticket.id))).json().totals;
    expect(totals).toMatchObject({ minutes: 120, byTask: [{ taskId: task.id, minutes: 105, billableMinutes: 105 }] });
  });

  it('marks a task done and open again, recording it in the ticket history', async () => {
    const task = (await t.as(araceli, 'POST', `/api/v1/tickets/${ticket.id}/tasks`, { title: 'Revisión' })).json();
    t.clock.advance(60_000);
    const done = await t.as(araceli, 'PATCH', `/api/v1/tasks/${task.id}`, { status: 'done' });
    expect(done.statusCode).toBe(200);
    expect(done.json()).toMatchObject({ status: 'done', completedAt: expect.any(String) });
    const reopened = await t.as(araceli, 'PATCH', `/api/v1/tasks/${task.id}`, {
      status: 'open',
      dueAt: '2026-02-01T17:00:00-06:00',
    });
    expect(reopened.json()).toMatchObject({ status: 'open', completedAt: null, dueAt: '2026-02-01T23:00:00.000Z' });
    const history = await ticketHistoryRepository(ctx.database.db).list(ticket.id);
    expect(history.map((h) => [h.field, h.to])).toEqual([
      ['task', 'Revisión'],
      ['task_status', 'done'],
      ['task_status', 'open'],
    ]);
    expect((await t.as(araceli, 'PATCH', '/api/v1/tasks/nope', { status: 'done' })).statusCode).toBe(404);
    expect((await t.as(araceli, 'PATCH', `/api/v1/tasks/${task.id}`, { status: 'closed' })).statusCode).toBe(400);
    expect((await t.as(araceli, 'PATCH', `/api/v1/tasks/${task.id}`, {})).statusCode).toBe(400);
  });

  it("lets only the entry's agent or a supervisor remove a time entry", async () => {
    const entry = (await t.as(araceli, 'POST', entries(ticket.id), { description: 'x', duration: 10 })).json();
    const forbidden = await t.as(jose, 'DELETE', `${entries(ticket.id)}/${entry.id}`);
    expect(forbidden.statusCode).toBe(403);
    const supervisor = await t.signedIn('supervisor');
    expect((await t.as(supervisor, 'DELETE', `${entries(ticket.id)}/${entry.id}`)).statusCode).toBe(204);
    expect((await t.as(araceli, 'GET', entries(ticket.id))).json().totals.minutes).toBe(0);
    expect((await t.as(araceli, 'DELETE', `${entries(ticket.id)}/${entry.id}`)).statusCode).toBe(404);
  });

  it("lists the caller's due reminders (time come, still pending) and lets them dismiss one", async () => {
    const now = t.clock.now().getTime();
    const soon = new Date(now + 3_600_000).toISOString();
    const later = new Date(now + 86_400_000).toISOString();
    const due = await t.as(araceli, 'POST', `/api/v1/tickets/${ticket.id}/reminders`, {
      remindAt: soon,
      note: 'Llamar al cliente para confirmar el pago',
    });
    expect(due.statusCode).toBe(201);
    expect(due.json()).toMatchObject({
      agentId: araceli.agent.id,
      ticketNumber: ticket.number,
      status: 'pending',
      note: 'Llamar al cliente para confirmar el pago',
    });
    await t.as(araceli, 'POST', `/api/v1/tickets/${ticket.id}/reminders`, { remindAt: later });
    await t.as(araceli, 'POST', `/api/v1/tickets/${ticket.id}/reminders`, { remindAt: soon, agentId: jose.agent.id });

    expect((await t.as(araceli, 'GET', '/api/v1/reminders?due=true')).json().items).toEqual([]);
    t.clock.advance(2 * 3_600_000);
    const mine = (await t.as(araceli, 'GET', '/api/v1/reminders?due=true')).json().items;
    expect(mine.map((r: { id: string }) => r.id)).toEqual([due.json().id]);
    expect((await t.as(araceli, 'GET', '/api/v1/reminders')).json().items).toHaveLength(2);
    expect((await t.as(jose, 'GET', '/api/v1/reminders?due=true')).json().items).toHaveLength(1);

    const notMine = await t.as(jose, 'PATCH', `/api/v1/reminders/${due.json().id}`, { status: 'dismissed' });
    expect(notMine.statusCode).toBe(403);
    const dismissed = await t.as(araceli, 'PATCH', `/api/v1/reminders/${due.json().id}`, { status: 'dismissed' });
    expect(dismissed.json().status).toBe('dismissed');
    expect((await t.as(araceli, 'GET', '/api/v1/reminders?due=true')).json().items).toEqual([]);
    expect((await t.as(araceli, 'GET', `/api/v1/tickets/${ticket.id}/reminders`)).json().items).toHaveLength(3);
  });

  it('answers 404 on every work route for a missing ticket, and 400 for an unknown field', async () => {
    for (const [method, url, payload] of [
      ['GET', entries('OP99999'), undefined],
      ['POST', entries('OP99999'), { description: 'x', duration: 5 }],
      ['GET', '/api/v1/tickets/OP99999/tasks', undefined],
      ['POST', '/api/v1/tickets/OP99999/tasks', {}],
      ['GET', '/api/v1/tickets/OP99999/reminders', undefined],
      ['POST', '/api/v1/tickets/OP99999/reminders', { remindAt: '2026-01-01T00:00:00Z' }],
    ] as const) {
      const response = await t.as(araceli, method, url, payload);
      expect(response.statusCode, `${method} ${url}`).toBe(404);
      expect(response.json().error.code).toBe('TICKET_NOT_FOUND');
    }
    const unknown = await t.as(araceli, 'POST', entries(ticket.id), { description: 'x', duration: 5, hours: 1 });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.details.errors).toContainEqual(expect.objectContaining({ field: 'body.hours' }));
    const wrongType = await t.as(araceli, 'POST', entries(ticket.id), {
      description: 'x',
      duration: 5,
      billable: 'sí',
    });
    expect(wrongType.statusCode).toBe(400);
  });
});
