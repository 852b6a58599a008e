import { afterEach, beforeEach, expect, it } from 'vitest';
import { addDueDateEntries } from '../../db/migrations/0028-due-date-notices.ts';
import { forEachDialect } from '../../testing/for-each-dialect.ts';
import { createTestApp, type Session, SYSTEM_ACTOR, type TestApp, unique } from '../../testing/test-app.ts';

// 001 (weknow) "Fecha límite" and issue 12: a due date that approaches or passes tells the assignee.
forEachDialect('Fecha límite: avisos al responsable', (ctx) => {
  let t: TestApp;
  let admin: Session;
  let assigneeId: string;
  beforeEach(async () => {
    t = await createTestApp(ctx);
    admin = await t.signedIn('admin');
    assigneeId = (await t.createAgent({ name: 'Lucero Gómez' })).id;
  });
  afterEach(() => t.close());

  async function open(dueAt: string, extra: Record<string, unknown> = {}) {
    const response = await t.as(admin, 'POST', '/api/v1/tickets', {
      subject: 'Entrega del informe de notas',
      body: 'Necesitamos el informe antes de la reunión.',
      requester: { email: `${unique('cliente')}@colegio.example`, name: 'Ana Mora' },
      assigneeId,
      dueAt,
      ...extra,
    });
    expect(response.statusCode).toBe(201);
    return response.json() as { id: string; number: string };
  }

  /** The minute's scan at `iso`, then what the assignee has been told of the due date so far. */
  async function scanAt(iso: string) {
    t.clock.set(iso);
    await t.automationJobs().runDue();
    const db = ctx.database.db;
    const consoleNotices = await db
      .selectFrom('notifications')
      .select(['ticket_id', 'data'])
      .where('agent_id', '=', assigneeId)
      .where('kind', '=', 'due_date')
      .orderBy('created_at')
      .execute();
    const mails = await db.selectFrom('outbox').select('payload').where('type', '=', 'email.notification@1').execute();
    return {
      console: consoleNotices.map((n) => (JSON.parse(n.data) as { detail: string }).detail.split(':')[0]),
      mails: mails
        .map((m) => JSON.parse(m.payload) as { template: string; recipientAgentId?: string })
        .filter((m) => m.template === 'agent_due_date' && m.recipientAgentId === assigneeId).length,
    };
  }

  it('una fecha límite que se acerca avisa al responsable (consola y correo) una hora hábil antes, y otra vez al vencer, una sola vez por umbral', async () => {
    t.clock.set('2026-03-04T15:00:00Z'); // Wednesday 09:00 in Costa Rica
    await open('2026-03-04T20:00:00Z'); // 14:00
    expect(await scanAt('2026-03-04T18:59:00Z')).toEqual({ console: [], mails: 0 });
    expect(await scanAt('2026-03-04T19:00:00Z')).toEqual({ console: ['Fecha límite próxima'], mails: 1 });
    expect(await scanAt('2026-03-04T19:30:00Z')).toEqual({ console: ['Fecha límite próxima'], mails: 1 });
    const passed = await scanAt('2026-03-04T20:00:00Z');
    expect(passed).toEqual({ console: ['Fecha límite próxima', 'Fecha límite vencida'], mails: 2 });
    expect(await scanAt('2026-03-05T15:00:00Z')).toEqual(passed);
  });

  it('el aviso dice la fecha límite como la lee el responsable: en su idioma y su zona horaria, no en UTC', async () => {
    t.clock.set('2026-03-04T15:00:00Z');
    await open('2026-03-04T20:00:00Z'); // 14:00 in Costa Rica, 15:00 in New York (before its DST)
    const englishId = (await t.createAgent({ name: 'Dana Reid' })).id;
    const changed = await t.as(admin, 'PATCH', `/api/v1/agents/${englishId}`, {
      locale: 'en',
      timeZone: 'America/New_York',
    });
    expect(changed.statusCode).toBe(200);
    await open('2026-03-04T20:00:00Z', { assigneeId: englishId });
    t.clock.set('2026-03-04T19:00:00Z');
    await t.automationJobs().runDue();
    const details = async (agentId: string) =>
      (
        await ctx.database.db
          .selectFrom('notifications')
          .select('data')
          .where('agent_id', '=', agentId)
          .where('kind', '=', 'due_date')
          .execute()
      ).map((n) => (JSON.parse(n.data) as { detail: string }).detail);
    expect(await details(assigneeId)).toEqual(['Fecha límite próxima: 4 mar 2026, 14:00']);
    expect(await details(englishId)).toEqual(['Due date approaching: Mar 4, 2026, 3:00 PM']);
  });

  it('cambiar la anticipación o el calendario mueve los avisos aún no dados: ninguno llega por la regla anterior', async () => {
    t.clock.set('2026-03-04T15:00:00Z'); // Wednesday 09:00 in Costa Rica
    const byLead = await open('2026-03-04T20:00:00Z'); // 14:00: warned at 13:00 with the default hour
    const warnAt = async (id: string) =>
      (await ctx.database.db.selectFrom('tickets').select('due_warn_at').where('id', '=', id).executeTakeFirstOrThrow())
        .due_warn_at;
    expect(new Date((await warnAt(byLead.id)) as string).toISOString()).toBe('2026-03-04T19:00:00.000Z');
    expect((await t.as(admin, 'PUT', '/api/v1/settings', { dueDateLeadMinutes: 180 })).statusCode).toBe(200);
    // Three business hours before 14:00 is 11:00: told at 11:00, not at 13:00.
    expect(await scanAt('2026-03-04T16:59:00Z')).toEqual({ console: [], mails: 0 });
    expect(await scanAt('2026-03-04T17:00:00Z')).toEqual({ console: ['Fecha límite próxima'], mails: 1 });

    // The office declares tomorrow, Thursday, a holiday: a ticket due Friday 10:00, warned three
    // business hours before (Thursday 17:00), is now warned on Wednesday at 17:00.
    t.clock.set('2026-03-04T18:00:00Z');
    const byCalendar = await open('2026-03-06T16:00:00Z');
    expect(new Date((await warnAt(byCalendar.id)) as string).toISOString()).toBe('2026-03-05T23:00:00.000Z');
    const calendars = (await t.as(admin, 'GET', '/api/v1/automation/calendars')).json().items as {
      id: string;
      isDefault: boolean;
      holidays: { date: string; name: string }[];
    }[];
    const office = calendars.find((c) => c.isDefault) as (typeof calendars)[number] & Record<string, unknown>;
    const { id, ...body } = office;
    const saved = await t.as(admin, 'PUT', `/api/v1/automation/calendars/${id}`, {
      ...body,
      holidays: [...office.holidays, { date: '2026-03-05', name: 'Feriado de prueba' }],
    });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(new Date((await warnAt(byCalendar.id)) as string).toISOString()).toBe('2026-03-04T23:00:00.000Z');
    // The first ticket, already told, keeps its place.
    expect(await warnAt(byLead.id)).not.toBeNull();
  });

  it('la anticipación se configura y se cuenta en horas hábiles: dos horas antes del lunes 09:00 es el viernes 17:00', async () => {
    const settings = await t.as(admin, 'PUT', '/api/v1/settings', { dueDateLeadMinutes: 120 });
    expect(settings.statusCode).toBe(200);
    expect(settings.json().dueDateLeadMinutes).toBe(120);
    const refused = await t.as(admin, 'PUT', '/api/v1/settings', { dueDateLeadMinutes: -5 });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.code).toBe('VALIDATION_FAILED');

    t.clock.set('2026-03-06T15:00:00Z'); // Friday 09:00
    await open('2026-03-09T15:00:00Z'); // Monday 09:00
    expect((await scanAt('2026-03-06T22:59:00Z')).console).toEqual([]);
    expect((await scanAt('2026-03-06T23:00:00Z')).console).toEqual(['Fecha límite próxima']);
  });

  it('mover la fecha límite vuelve a avisar; un ticket resuelto o sin responsable no avisa a nadie', async () => {
    t.clock.set('2026-03-04T15:00:00Z');
    const ticket = await open('2026-03-04T16:00:00Z');
    expect((await scanAt('2026-03-04T16:00:00Z')).console).toEqual(['Fecha límite vencida']);
    const moved = await t.as(admin, 'PATCH', `/api/v1/tickets/${ticket.id}`, { dueAt: '2026-03-05T20:00:00Z' });
    expect(moved.statusCode).toBe(200);
    expect((await scanAt('2026-03-05T19:00:00Z')).console).toEqual(['Fecha límite vencida', 'Fecha límite próxima']);

    const solved = await open('2026-03-05T21:00:00Z');
    const statuses = (await t.as(admin, 'GET', '/api/v1/ticket-settings')).json().statuses as {
      id: string;
      category: string;
    }[];
    const resolved = statuses.find((s) => s.category === 'solved')?.id;
    expect((await t.as(admin, 'PATCH', `/api/v1/tickets/${solved.id}`, { status: resolved })).statusCode).toBe(200);
    await open('2026-03-05T21:00:00Z', { assigneeId: null });
    expect(await scanAt('2026-03-05T22:00:00Z')).toEqual({
      console: ['Fecha límite vencida', 'Fecha límite próxima', 'Fecha límite vencida'],
      mails: 3,
    });
  });

  it('las instalaciones existentes reciben el aviso en su matriz (la general y la de cada departamento) una sola vez', async () => {
    const department = await t.services.departments.create(SYSTEM_ACTOR, { name: unique('Educación ') });
    const own = await t.as(admin, 'PUT', `/api/v1/departments/${department.id}/notification-matrix`, {
      entries: [{ event: 'ticket_assigned', recipient: 'assignee', agentId: null, template: 'agent_assigned' }],
    });
    expect(own.statusCode).toBe(200);
    const db = ctx.database.db;
    await db.deleteFrom('notification_matrix').where('event', '=', 'due_date').execute();
    await addDueDateEntries(db);
    await addDueDateEntries(db);
    const entries = await db
      .selectFrom('notification_matrix')
      .select(['scope', 'recipient', 'template'])
      .where('event', '=', 'due_date')
      .orderBy('scope')
      .execute();
    expect(entries).toEqual(
      expect.arrayContaining([
        { scope: 'default', recipient: 'assignee', template: 'agent_due_date' },
        { scope: department.id, recipient: 'assignee', template: 'agent_due_date' },
      ]),
    );
    expect(entries).toHaveLength(2);
  });
});
