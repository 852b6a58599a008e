import { afterEach, beforeEach, expect, it } from 'vitest';
import { forEachDialect } from '../../testing/for-each-dialect.ts';
import { createTestApp, type Session, type TestApp } from '../../testing/test-app.ts';
import { createTicketFixture } from '../../testing/ticket-fixtures.ts';

forEachDialect('automation API', (ctx) => {
  let t: TestApp;
  let admin: Session;
  beforeEach(async () => {
    t = await createTestApp(ctx);
    admin = await t.signedIn('admin');
  });
  afterEach(() => t.close());

  it('lists the seeded rules, policies and calendar, and lets only admins change them', async () => {
    const triggers = (await t.as(admin, 'GET', '/api/v1/automation/triggers')).json().items;
    expect(triggers.map((r: { name: string }) => r.name)).toContain('Anexo A: asignar por código de módulo');
    const timeRules = (await t.as(admin, 'GET', '/api/v1/automation/time-rules')).json().items;
    expect(timeRules.map((r: { name: string; active: boolean }) => [r.name, r.active])).toEqual([
      ['Cerrar resueltos tras 4 días', true],
      ['Recordar pendientes y resolver sin respuesta', false],
    ]);
    expect((await t.as(admin, 'GET', '/api/v1/automation/sla-policies')).json().items).toHaveLength(4);
    const calendars = (await t.as(admin, 'GET', '/api/v1/automation/calendars')).json().items;
    expect(calendars[0]).toMatchObject({ name: 'Horario de oficina', timeZone: 'America/Costa_Rica', isDefault: true });

    const agent = await t.signedIn('agent');
    const body = { name: 'Etiquetar', events: ['created'], actions: [{ type: 'tags', add: ['x'] }] };
    expect((await t.as(agent, 'POST', '/api/v1/automation/triggers', body)).statusCode).toBe(403);
    expect((await t.as(admin, 'POST', '/api/v1/automation/triggers', body)).statusCode).toBe(201);
  });

  it('refuses an unknown field, a bad regex and an impossible calendar with a message that names it', async () => {
    const refused = async (url: string, payload: unknown) => {
      const response = await t.as(admin, 'POST', url, payload);
      expect(response.statusCode).toBe(422);
      return response.json().error;
    };
    const rule = { name: 'Mala', events: ['created'], actions: [{ type: 'tags', add: ['x'] }] };
    const unknownField = await refused('/api/v1/automation/triggers', {
      ...rule,
      conditions: { all: [{ field: 'color', op: 'is', value: 'rojo' }] },
    });
    expect(unknownField).toMatchObject({
      code: 'RULE_INVALID',
      details: { field: 'conditions.all[0].field', value: 'color' },
    });
    expect(unknownField.message).toBe('La regla no es válida: revisa conditions.all[0].field («color»)');
    const badRegex = await refused('/api/v1/automation/triggers', {
      ...rule,
      conditions: { any: [{ field: 'subject', op: 'matches', value: '(sin cerrar' }] },
    });
    expect(badRegex.message).toBe('La regla no es válida: revisa conditions.any[0].value («(sin cerrar»)');
    const calendar = await refused('/api/v1/automation/calendars', {
      name: 'Nunca',
      timeZone: 'America/Mexico_City',
      ranges: [{ weekday: 9, start: '09:00', end: '18:00' }],
    });
    expect(calendar).toMatchObject({ code: 'CALENDAR_INVALID', details: { field: 'ranges[0].weekday' } });
    const zone = await refused('/api/v1/automation/calendars', { name: 'Nunca', timeZone: 'Mars/Olympus', ranges: [] });
    expect(zone.message).toBe('El calendario no es válido: revisa timeZone («Mars/Olympus»)');
  });

  it('tests a rule against a ticket without changing it, and imports the Anexo A table from CSV', async () => {
    const eleazar = await t.createAgent({ name: 'Eleazar González' });
    const ticket = await createTicketFixture(ctx.database.db, { subject: 'Póliza de SL-AP sin generar' });
    const tested = await t.as(admin, 'POST', '/api/v1/automation/triggers/test', {
      ticket: ticket.number,
      rule: {
        name: 'Prueba',
        events: ['created'],
        conditions: { all: [{ field: 'text', op: 'contains', value: 'sl-ap' }] },
        actions: [{ type: 'assign_by_keyword' }],
      },
    });
    expect(tested.json()).toEqual({
      matches: true,
      ticketNumber: ticket.number,
      actions: [{ type: 'assign_by_keyword' }],
    });
    const csv = 'código,consultor\nSL-AP,Eleazar González\n';
    const imported = await t.as(admin, 'PUT', '/api/v1/automation/keywords', { csv });
    expect(imported.json().items).toEqual([{ keyword: 'SL-AP', agentId: eleazar.id, departmentId: null }]);
    const bad = await t.as(admin, 'PUT', '/api/v1/automation/keywords', { csv: 'SL-GL,Nadie Conocido' });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().error.details.field).toBe('rows[0].agent');
  });

  it('shows an agent their notifications with the unread count and marks them read', async () => {
    const agent = await t.signedIn('agent');
    await t.services.tickets.create(
      { kind: 'agent', id: admin.agent.id, role: 'admin', departmentIds: [], locale: 'es' },
      { subject: 'Para usted', body: 'Hola', requester: { email: 'ana@example.com' }, assigneeId: agent.agent.id },
    );
    const list = (await t.as(agent, 'GET', '/api/v1/notifications')).json();
    expect(list.unread).toBe(1);
    expect(list.items[0]).toMatchObject({ kind: 'ticket_assigned', title: 'Se le asignó un ticket', readAt: null });
    const read = (await t.as(agent, 'POST', '/api/v1/notifications/read', { ids: 'all' })).json();
    expect(read).toEqual({ updated: 1, unread: 0 });
    expect((await t.as(admin, 'GET', '/api/v1/notifications')).json().unread).toBe(0);
  });
});
