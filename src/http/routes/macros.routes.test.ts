import { afterEach, beforeEach, expect, it } from 'vitest';
import { DEFAULT_MACROS } from '../../core/conversation/default-macros.ts';
import { forEachDialect } from '../../testing/for-each-dialect.ts';
import { createTestApp, type Session, SYSTEM_ACTOR, type TestApp, unique } from '../../testing/test-app.ts';
import { createTicketFixture, type TicketFixture } from '../../testing/ticket-fixtures.ts';

interface MacroJson {
  id: string;
  name: string;
  body: string;
  scope: string;
}

forEachDialect('macros API', (ctx) => {
  let t: TestApp;
  let agent: Session;
  let ticket: TicketFixture;

  beforeEach(async () => {
    t = await createTestApp(ctx);
    const created = await t.createAgent({ name: 'Silvia Luna' });
    agent = await t.login(created.email);
    ticket = await createTicketFixture(ctx.database.db, {
      contactName: 'Jesús Adrián Rodríguez',
      organization: { name: 'Ferretería El Clavo S.A.', code: '1234' },
      subject: 'Desbloqueo de usuario',
    });
  });
  afterEach(() => t.close());

  async function seeded(name: string): Promise<MacroJson> {
    const macros = (await t.as(agent, 'GET', '/api/v1/macros')).json().items as MacroJson[];
    const macro = macros.find((m) => m.name === name);
    if (!macro) throw new Error(`no macro named ${name}`);
    return macro;
  }

  it('renders the seeded Wolk payment script with the contact, the agent and the customer code', async () => {
    expect(await t.services.macros.seedDefaults(SYSTEM_ACTOR)).toBe(DEFAULT_MACROS.length);
    const script2 = await seeded(
      'Pago recibido: SCRIPT #2 (confirmación del recibido del pago + recordatorio nota de ID)',
    );
    expect(script2.scope).toBe('shared');
    const rendered = await t.as(agent, 'POST', `/api/v1/macros/${script2.id}/render`, { ticketId: ticket.number });
    expect(rendered.statusCode).toBe(200);
    const { body, actions } = rendered.json();
    expect(body.split('\n')[0]).toBe('¡Hola Jesús, te saluda Silvia Luna! 👋');
    expect(body).toContain('Te confirmamos el recibido del pago 🙌🏻');
    expect(body).toContain('si puedes agregar en el MOTIVO del pago: *ID 1234* (este es tu número de cliente');
    expect(body).not.toContain('{{');
    expect(actions).toEqual({});

    const ack = await seeded('Acuse de recibo de ticket nuevo');
    const acknowledgement = (
      await t.as(agent, 'POST', `/api/v1/macros/${ack.id}/render`, { ticketId: ticket.id })
    ).json();
    expect(acknowledgement.body).toBe(
      [
        'Estimado/Estimada Jesús Adrián Rodríguez',
        'Su solicitud "Desbloqueo de usuario" ha sido recibida y será revisada por el equipo de Soporte Técnico.',
        `La referencia de su ticket es ${ticket.number}`,
        'Para agregar algún comentario o bien solicitar información, solo responda a este correo.',
        'Saludos',
      ].join('\n'),
    );
  });

  it('seeds the default macros once however often it runs, and never brings back a deleted one', async () => {
    await t.services.macros.seedDefaults(SYSTEM_ACTOR);
    expect(await t.services.macros.seedDefaults(SYSTEM_ACTOR)).toBe(0);
    const names = ((await t.as(agent, 'GET', '/api/v1/macros')).json().items as MacroJson[]).map((m) => m.name);
    expect(names.sort()).toEqual(DEFAULT_MACROS.map((m) => m.name).sort());

    const supervisor = await t.signedIn('supervisor');
    const script3 = await seeded('Pago aplicado: SCRIPT #3 (cuando ya el pago está aplicado)');
    expect((await t.as(supervisor, 'DELETE', `/api/v1/macros/${script3.id}`)).statusCode).toBe(204);
    expect(await t.services.macros.seedDefaults(SYSTEM_ACTOR)).toBe(0);
    expect((await t.as(agent, 'GET', `/api/v1/macros/${script3.id}`)).statusCode).toBe(404);
  });

  it('refuses an unknown placeholder with 422 naming it, on create and on change', async () => {
    const created = await t.as(agent, 'POST', '/api/v1/macros', {
      name: 'Saludo',
      body: 'Hola {{contact.first_name}} {{contact.apellido}}, {{ ticket.numero }}',
    });
    expect(created.statusCode).toBe(422);
    expect(created.json().error).toMatchObject({
      code: 'MACRO_UNKNOWN_PLACEHOLDER',
      details: { placeholders: ['contact.apellido', 'ticket.numero'] },
    });
    expect(created.json().error.message).toContain('{{contact.apellido}}');
    expect(created.json().error.message).toContain('{{ticket.numero}}');

    const ok = await t.as(agent, 'POST', '/api/v1/macros', { name: 'Saludo', body: 'Hola {{contact.first_name}}' });
    expect(ok.statusCode).toBe(201);
    const patch = await t.as(agent, 'PATCH', `/api/v1/macros/${ok.json().id}`, { body: 'Hola {{cliente}}' });
    expect(patch.statusCode).toBe(422);
    expect((await t.as(agent, 'GET', `/api/v1/macros/${ok.json().id}`)).json().body).toBe(
      'Hola {{contact.first_name}}',
    );
  });

  it('renders missing values (no organization) as empty text', async () => {
    const orphan = await createTicketFixture(ctx.database.db, { organization: null, contactName: 'Ana' });
    const macro = await t.as(agent, 'POST', '/api/v1/macros', {
      name: 'Con código',
      body: '{{contact.first_name}}: su ID es "{{organization.code}}" ({{organization.name}}).',
    });
    const rendered = await t.as(agent, 'POST', `/api/v1/macros/${macro.json().id}/render`, { ticketId: orphan.id });
    expect(rendered.json().body).toBe('Ana: su ID es "" ().');
  });

  it('keeps personal macros to their owner; shared ones need an admin or supervisor', async () => {
    const personal = await t.as(agent, 'POST', '/api/v1/macros', {
      name: 'Mi firma',
      body: 'Saludos, {{agent.first_name}}',
      actions: { status: 'PENDIENTE', priority: 'alta', tagsAdd: ['pago', 'pago', ' sinpe '], flag: 'orange' },
    });
    expect(personal.statusCode).toBe(201);
    expect(personal.json()).toMatchObject({
      scope: 'personal',
      ownerId: agent.agent.id,
      actions: { status: 'PENDIENTE', priority: 'alta', tagsAdd: ['pago', 'sinpe'], flag: 'orange' },
    });
    const rendered = await t.as(agent, 'POST', `/api/v1/macros/${personal.json().id}/render`, { ticketId: ticket.id });
    expect(rendered.json()).toEqual({ body: 'Saludos, Silvia', actions: personal.json().actions });

    const colleague = await t.signedIn('agent');
    expect((await t.as(colleague, 'GET', `/api/v1/macros/${personal.json().id}`)).statusCode).toBe(404);
    expect((await t.as(colleague, 'GET', '/api/v1/macros')).json().items).toEqual([]);
    const shared = await t.as(colleague, 'POST', '/api/v1/macros', { name: 'Equipo', body: 'x', shared: true });
    expect(shared.statusCode).toBe(403);

    const supervisor = await t.signedIn('supervisor');
    const teamMacro = await t.as(supervisor, 'POST', '/api/v1/macros', { name: 'Equipo', body: 'x', shared: true });
    expect(teamMacro.statusCode).toBe(201);
    expect(teamMacro.json()).toMatchObject({ scope: 'shared', ownerId: null });
    expect((await t.as(colleague, 'GET', '/api/v1/macros')).json().items).toHaveLength(1);
    const change = await t.as(colleague, 'PATCH', `/api/v1/macros/${teamMacro.json().id}`, { body: 'y' });
    expect(change.statusCode).toBe(403);
    const remove = await t.as(colleague, 'DELETE', `/api/v1/macros/${teamMacro.json().id}`);
    expect(remove.statusCode).toBe(403);
  });

  it('shows a department macro to that department only', async () => {
    const department = await t.services.departments.create(SYSTEM_ACTOR, { name: unique('Contabilidad') });
    const admin = await t.signedIn('admin');
    const macro = await t.as(admin, 'POST', '/api/v1/macros', {
      name: 'Pago aplicado',
      body: 'Listo',
      shared: true,
      departmentId: department.id,
    });
    expect(macro.statusCode).toBe(201);
    const member = await t.login((await t.createAgent({ departmentIds: [department.id] })).email);
    expect((await t.as(member, 'GET', '/api/v1/macros')).json().items).toHaveLength(1);
    expect((await t.as(agent, 'GET', '/api/v1/macros')).json().items).toEqual([]);
    const ghost = await t.as(admin, 'POST', '/api/v1/macros', {
      name: 'x',
      body: 'x',
      shared: true,
      departmentId: 'nope',
    });
    expect(ghost.statusCode).toBe(422);
    expect(ghost.json().error).toMatchObject({ code: 'REFERENCE_NOT_FOUND', details: { field: 'departmentId' } });
  });

  it('refuses bad input: an unknown field, a wrong type, an unknown flag, a missing ticket', async () => {
    expect((await t.as(agent, 'POST', '/api/v1/macros', { name: 'x', body: 'x', owner: 'y' })).statusCode).toBe(400);
    expect((await t.as(agent, 'POST', '/api/v1/macros', { name: 'x', body: 7 })).statusCode).toBe(400);
    const flag = await t.as(agent, 'POST', '/api/v1/macros', { name: 'x', body: 'x', actions: { flag: 'red' } });
    expect(flag.statusCode).toBe(400);
    const macro = await t.as(agent, 'POST', '/api/v1/macros', { name: 'x', body: 'x' });
    const missing = await t.as(agent, 'POST', `/api/v1/macros/${macro.json().id}/render`, { ticketId: 'OP99999' });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.code).toBe('TICKET_NOT_FOUND');
    expect((await t.as(agent, 'POST', '/api/v1/macros/nope/render', { ticketId: ticket.id })).statusCode).toBe(404);
    expect((await t.as(agent, 'PATCH', `/api/v1/macros/${macro.json().id}`, {})).statusCode).toBe(400);
  });
});
