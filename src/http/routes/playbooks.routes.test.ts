import { afterEach, beforeEach, expect, it } from 'vitest';
import { WOLK_ONBOARDING } from '../../core/playbooks/default-playbooks.ts';
import { ticketHistoryRepository } from '../../core/tickets/ticket-history.repository.ts';
import { forEachDialect } from '../../testing/for-each-dialect.ts';
import { createTestApp, type Session, SYSTEM_ACTOR, type TestApp, unique } from '../../testing/test-app.ts';

interface TaskView {
  id: string;
  title: string;
  status: string;
  assigneeId: string | null;
  waitingFor: { id: string; title: string }[];
}

forEachDialect('onboarding playbooks API', (ctx) => {
  let t: TestApp;
  let supervisor: Session;
  let agent: Session;
  let outsider: Session;
  let departmentId: string;
  let organizationId: string;
  let ownerId: string;
  let playbookId: string;

  beforeEach(async () => {
    t = await createTestApp(ctx);
    const soporte = await t.services.departments.create(SYSTEM_ACTOR, { name: unique('Soporte Técnico') });
    const educacion = await t.services.departments.create(SYSTEM_ACTOR, { name: unique('Educación') });
    departmentId = soporte.id;
    supervisor = await t.signedIn('supervisor');
    agent = await t.login((await t.createAgent({ name: 'Karla Rojas', departmentIds: [soporte.id] })).email);
    outsider = await t.login((await t.createAgent({ name: 'Ana Mora', departmentIds: [educacion.id] })).email);
    const organization = await t.services.organizations.create(SYSTEM_ACTOR, { name: unique('Ferretería La Unión') });
    organizationId = organization.id;
    await t.services.contacts.create(SYSTEM_ACTOR, {
      name: 'Luis Administrador',
      emails: [{ email: `${unique('admin')}@example.com` }],
      organizationId,
      organizationRole: 'admin',
    });
    const owner = await t.services.contacts.create(SYSTEM_ACTOR, {
      name: 'Marta Dueña',
      emails: [{ email: `${unique('duena')}@example.com` }],
      organizationId,
      organizationRole: 'owner',
    });
    ownerId = owner.id;
    const created = await t.as(supervisor, 'POST', '/api/v1/playbooks', { ...WOLK_ONBOARDING, departmentId });
    expect(created.statusCode, created.body).toBe(201);
    playbookId = created.json().id;
  });
  afterEach(() => t.close());

  const start = (who: Session, body: Record<string, unknown> = {}) =>
    t.as(who, 'POST', `/api/v1/organizations/${organizationId}/playbooks`, { playbookId, ...body });
  const byTitle = (tasks: TaskView[], title: string) => tasks.find((task) => task.title === title) as TaskView;

  it('000: billing training cannot be completed or scheduled until the migration is done', async () => {
    const started = await start(agent);
    expect(started.statusCode, started.body).toBe(201);
    const run = started.json();
    expect(run.tasks.map((task: TaskView) => task.title)).toEqual(WOLK_ONBOARDING.steps.map((s) => s.title));
    const training = byTitle(run.tasks, 'Capacitación de facturación');
    const migration = byTitle(run.tasks, 'Migración de inventario');
    const interest = byTitle(run.tasks, 'Consultar al cliente su mayor interés del uso del sistema');
    expect(training.waitingFor.map((w) => w.title)).toEqual([migration.title, interest.title]);

    // The onboarding ticket is the owner's (follow-ups with the owner) and holds the tasks.
    const ticket = (await t.as(agent, 'GET', `/api/v1/tickets/${run.ticketId}`)).json();
    expect(ticket.requesterId).toBe(ownerId);
    expect(ticket.departmentId).toBe(departmentId);
    const history = await ticketHistoryRepository(ctx.database.db).list(run.ticketId);
    expect(history.find((h) => h.field === 'playbook')?.to).toBe(WOLK_ONBOARDING.name);

    await t.as(agent, 'PATCH', `/api/v1/tasks/${interest.id}`, { status: 'done' });
    const refused = await t.as(agent, 'PATCH', `/api/v1/tasks/${training.id}`, { dueAt: '2026-12-10T15:00:00Z' });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe('TASK_BLOCKED');
    expect(refused.json().error.message).toContain('Migración de inventario');
    const notDone = await t.as(agent, 'PATCH', `/api/v1/tasks/${training.id}`, { status: 'done' });
    expect(notDone.json().error.code).toBe('TASK_BLOCKED');
    const unchanged = (await t.as(agent, 'GET', `/api/v1/tickets/${run.ticketId}/tasks`)).json();
    expect(byTitle(unchanged.items, training.title)).toMatchObject({ status: 'open', dueAt: null });

    expect((await t.as(agent, 'PATCH', `/api/v1/tasks/${migration.id}`, { status: 'done' })).statusCode).toBe(200);
    const scheduled = await t.as(agent, 'PATCH', `/api/v1/tasks/${training.id}`, { dueAt: '2026-12-10T15:00:00Z' });
    expect(scheduled.statusCode, scheduled.body).toBe(200);
    expect(scheduled.json().waitingFor).toEqual([]);

    const progress = (await t.as(agent, 'GET', `/api/v1/organizations/${organizationId}/playbooks`)).json();
    expect(progress.items).toHaveLength(1);
    expect(progress.items[0]).toMatchObject({ playbookName: WOLK_ONBOARDING.name, done: 2, total: 7 });
  });

  it('000: without the migration, billing training waits only for asking the main interest', async () => {
    const started = await start(agent, { skipSteps: [3] });
    expect(started.statusCode, started.body).toBe(201);
    const tasks: TaskView[] = started.json().tasks;
    expect(tasks.map((task) => task.title)).not.toContain('Migración de inventario');
    expect(byTitle(tasks, 'Capacitación de facturación').waitingFor.map((w) => w.title)).toEqual([
      'Consultar al cliente su mayor interés del uso del sistema',
    ]);
    // Only optional steps may be left out.
    const refused = await start(agent, { skipSteps: [6] });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.details.field).toBe('skipSteps');
  });

  it('gives the follow-up to the account leader and the rest to who started it', async () => {
    const leader = await t.createAgent({ name: 'Sofía Líder', departmentIds: [] });
    await t.services.organizations.update(SYSTEM_ACTOR, organizationId, { accountLeaderId: leader.id });
    const tasks: TaskView[] = (await start(agent)).json().tasks;
    expect(byTitle(tasks, 'Seguimiento con el dueño').assigneeId).toBe(leader.id);
    expect(byTitle(tasks, 'Indicarle al cliente nuestros medios de contacto').assigneeId).toBe(agent.agent.id);
  });

  it('refuses a playbook whose dependencies form a cycle, saying which steps', async () => {
    const response = await t.as(supervisor, 'POST', '/api/v1/playbooks', {
      name: unique('Circular'),
      steps: [
        { title: 'Migración', dependsOn: [3] },
        { title: 'Configuración', dependsOn: [1] },
        { title: 'Capacitación', dependsOn: [2] },
      ],
    });
    expect(response.statusCode).toBe(422);
    expect(response.json().error.code).toBe('PLAYBOOK_CYCLE');
    expect(response.json().error.message).toContain('1. Migración → 3. Capacitación → 2. Configuración → 1. Migración');
    const list = (await t.as(supervisor, 'GET', '/api/v1/playbooks')).json();
    expect(list.items.map((p: { name: string }) => p.name)).toEqual([WOLK_ONBOARDING.name]);
  });

  it('rewrites a playbook: runs already started keep their tasks; a cycle, a name clash or an agent is refused and nothing changes', async () => {
    const run = (await start(agent)).json();
    const edit = (who: Session, body: Record<string, unknown>, id = playbookId) =>
      t.as(who, 'PUT', `/api/v1/playbooks/${id}`, { name: WOLK_ONBOARDING.name, ...body });
    const shorter = await edit(supervisor, {
      departmentId,
      steps: [
        { title: 'Indicarle al cliente nuestros medios de contacto' },
        { title: 'Migración de inventario', optional: true },
        { title: 'Capacitación de facturación', dependsOn: [2] },
        { title: 'Seguimiento con el dueño', owner: 'account_leader', dependsOn: [3] },
      ],
    });
    expect(shorter.statusCode, shorter.body).toBe(200);
    expect(shorter.json().steps.map((s: { dependsOn: number[] }) => s.dependsOn)).toEqual([[], [], [2], [3]]);
    const listed = (await t.as(agent, 'GET', '/api/v1/playbooks')).json().items[0];
    expect(listed.steps).toHaveLength(4);
    const progress = (await t.as(agent, 'GET', `/api/v1/organizations/${organizationId}/playbooks`)).json();
    expect(progress.items[0]).toMatchObject({ id: run.id, total: 7 });

    const cycle = await edit(supervisor, {
      steps: [
        { title: 'Migración', dependsOn: [2] },
        { title: 'Capacitación', dependsOn: [1] },
      ],
    });
    expect(cycle.statusCode).toBe(422);
    expect(cycle.json().error).toMatchObject({
      code: 'PLAYBOOK_CYCLE',
      details: { cycle: expect.stringContaining('1. Migración') },
    });
    const other = await t.as(supervisor, 'POST', '/api/v1/playbooks', {
      name: unique('Renovación'),
      steps: [{ title: 'Uno' }],
    });
    const clash = await edit(supervisor, { steps: [{ title: 'Uno' }] }, other.json().id);
    expect(clash.statusCode).toBe(409);
    expect((await edit(agent, { steps: [{ title: 'Uno' }] })).statusCode).toBe(403);
    expect((await edit(supervisor, { steps: [{ title: 'Uno' }] }, 'nope')).statusCode).toBe(404);
    const after = (await t.as(agent, 'GET', '/api/v1/playbooks')).json().items;
    expect(after.find((p: { id: string }) => p.id === playbookId).steps).toHaveLength(4);
  });

  it('lets only supervisors write playbooks', async () => {
    const response = await t.as(agent, 'POST', '/api/v1/playbooks', { name: 'Mío', steps: [{ title: 'Uno' }] });
    expect(response.statusCode).toBe(403);
  });

  it('hides the run from an agent of another department, who cannot tick its tasks either', async () => {
    const run = (await start(agent)).json();
    const seen = (await t.as(outsider, 'GET', `/api/v1/organizations/${organizationId}/playbooks`)).json();
    expect(seen.items).toEqual([]);
    const tick = await t.as(outsider, 'PATCH', `/api/v1/tasks/${run.tasks[0].id}`, { status: 'done' });
    expect(tick.statusCode).toBe(404);
  });

  it('answers 404 for an unknown organization or playbook and 422 when a contact is of another organization', async () => {
    expect((await t.as(agent, 'POST', '/api/v1/organizations/nope/playbooks', { playbookId })).statusCode).toBe(404);
    const unknown = await start(agent, { playbookId: 'nope' });
    expect(unknown.json().error.code).toBe('PLAYBOOK_NOT_FOUND');
    const stranger = await t.services.contacts.create(SYSTEM_ACTOR, {
      name: 'Otro',
      emails: [{ email: `${unique('otro')}@example.com` }],
    });
    const wrong = await start(agent, { contactId: stranger.id });
    expect(wrong.statusCode).toBe(422);
  });
});
