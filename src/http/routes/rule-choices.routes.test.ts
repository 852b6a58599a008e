import { afterEach, beforeEach, expect, it } from 'vitest';
import { forEachDialect } from '../../testing/for-each-dialect.ts';
import { createTestApp, type Session, type TestApp } from '../../testing/test-app.ts';

// Issue 13: rules must not silently undo what the agent chose, and what they change is told at once.
forEachDialect('rules and the agent’s explicit choices', (ctx) => {
  let t: TestApp;
  let admin: Session;
  let agent: Session;
  const requester = { name: 'Mariana Solís', email: 'mariana@cliente.example' };
  const URGENT_RULE = 'Prioridad Urgente para Problema y Configuración';

  beforeEach(async () => {
    t = await createTestApp(ctx);
    admin = await t.signedIn('admin');
    agent = await t.signedIn('agent');
  });
  afterEach(() => t.close());

  async function department(name: string): Promise<string> {
    const response = await t.as(admin, 'POST', '/api/v1/departments', { name });
    expect(response.statusCode).toBe(201);
    return response.json().id;
  }

  async function salesRule(override?: boolean) {
    const action = { type: 'set', field: 'department', value: 'Ventas', ...(override ? { override } : {}) };
    const response = await t.as(admin, 'POST', '/api/v1/automation/triggers', {
      name: 'Transferir a Ventas',
      events: ['created', 'updated'],
      conditions: { all: [{ field: 'text', op: 'contains', value: 'ventas' }] },
      actions: [action],
    });
    expect(response.statusCode).toBe(201);
    return response.json();
  }

  it('keeps the priority the agent picked on create, and says what the rule changed when the agent picked none', async () => {
    const picked = await t.as(agent, 'POST', '/api/v1/tickets', {
      subject: 'La plataforma no carga',
      body: 'Desde hoy no abre.',
      requester,
      type: 'Problema',
      priority: 'alta',
    });
    expect(picked.statusCode).toBe(201);
    expect(picked.json()).toMatchObject({ priority: 'alta', ruleChanges: [] });

    const unpicked = await t.as(agent, 'POST', '/api/v1/tickets', {
      subject: 'La plataforma no carga otra vez',
      body: 'Sigue sin abrir.',
      requester,
      type: 'Problema',
    });
    expect(unpicked.json()).toMatchObject({
      priority: 'urgente',
      ruleChanges: [{ rule: URGENT_RULE, field: 'priority', from: 'normal', to: 'urgente' }],
    });
  });

  it('keeps the department the agent chose on create and update unless the rule is marked to override', async () => {
    const support = await department('Soporte técnico');
    const sales = await department('Ventas');
    agent = await t.login((await t.createAgent({ departmentIds: [support, sales] })).email);
    await salesRule();

    const chosen = await t.as(agent, 'POST', '/api/v1/tickets', {
      subject: 'Falla el reporte de ventas',
      body: 'El reporte de ventas sale vacío.',
      requester,
      departmentId: support,
    });
    expect(chosen.json()).toMatchObject({ departmentId: support, ruleChanges: [] });

    // An update that names the department keeps it; one that does not lets the rule move the ticket.
    const id = chosen.json().id;
    const kept = await t.as(agent, 'PATCH', `/api/v1/tickets/${id}`, {
      subject: 'Reporte de ventas vacío',
      departmentId: support,
    });
    expect(kept.json()).toMatchObject({ departmentId: support, ruleChanges: [] });
    const moved = await t.as(agent, 'PATCH', `/api/v1/tickets/${id}`, { subject: 'Reporte de ventas en blanco' });
    expect(moved.json()).toMatchObject({
      departmentId: sales,
      ruleChanges: [{ rule: 'Transferir a Ventas', field: 'departmentId', from: support, to: sales }],
    });

    // The history says who moved it, as before.
    const history = (await t.as(agent, 'GET', `/api/v1/tickets/${id}/history`)).json().items;
    expect(history).toContainEqual(
      expect.objectContaining({ field: 'departmentId', to: sales, via: 'system:por regla Transferir a Ventas' }),
    );
  });

  it('lets a rule marked to override change even what the agent chose, and says so', async () => {
    const support = await department('Soporte técnico');
    const sales = await department('Ventas');
    agent = await t.login((await t.createAgent({ departmentIds: [support, sales] })).email);
    const rule = await salesRule(true);
    expect(rule.actions[0]).toMatchObject({ override: true });

    const created = await t.as(agent, 'POST', '/api/v1/tickets', {
      subject: 'Cotización para ventas',
      body: 'Quiero una cotización.',
      requester,
      departmentId: support,
    });
    expect(created.json()).toMatchObject({
      departmentId: sales,
      ruleChanges: [{ rule: 'Transferir a Ventas', field: 'departmentId', from: support, to: sales }],
    });
  });

  it('refuses an override flag that is not true or false, naming the action', async () => {
    const response = await t.as(admin, 'POST', '/api/v1/automation/triggers', {
      name: 'Mala',
      events: ['created'],
      actions: [{ type: 'set', field: 'priority', value: 'alta', override: 'sí' }],
    });
    expect(response.statusCode).toBe(422);
    expect(response.json().error).toMatchObject({ code: 'RULE_INVALID', details: { field: 'actions[0].override' } });
  });
});
