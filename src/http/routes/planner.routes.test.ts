import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { forEachDialect } from '../../testing/for-each-dialect.ts';
import { createTestApp, type Session, SYSTEM_ACTOR, type TestApp, unique } from '../../testing/test-app.ts';
import { createTicketFixture, type TicketFixture } from '../../testing/ticket-fixtures.ts';

const NOW = '2026-11-05T12:00:00.000Z';

interface PlannerTask {
  id: string;
  title: string;
  ticketNumber: string;
  assigneeId: string | null;
  status: 'open' | 'done';
  dueAt: string | null;
  overdue: boolean;
  organizationName: string | null;
}

/**
 * The planner (000, Wolk: "mantener la casilla del planner de los procesos actualizada"):
 * S1 and S2 are Soporte's, V1 is Ventas'; S1 and V1 belong to the same organization.
 * Tasks: "Migrar inventario" S1 Araceli due Fri 6th; "Capacitar" S1 Araceli done, undated;
 * "Configurar caja" S2 unassigned due Tue 10th; "Cotizar" V1 José due Mon 2nd (overdue now, Thu 5th).
 */
forEachDialect('planner: tasks across tickets and sessions beside them (issue 17)', (ctx) => {
  let t: TestApp;
  let supervisor: Session;
  let araceli: Session;
  let jose: Session;
  let araceliId: string;
  let joseId: string;
  let S1: TicketFixture;
  let S2: TicketFixture;
  let V1: TicketFixture;

  beforeEach(async () => {
    t = await createTestApp(ctx);
    t.clock.set(NOW);
    const db = ctx.database.db;
    const soporte = (await t.services.departments.create(SYSTEM_ACTOR, { name: unique('Soporte Técnico') })).id;
    const ventas = (await t.services.departments.create(SYSTEM_ACTOR, { name: unique('Ventas') })).id;
    const a = await t.createAgent({ name: 'Araceli Cruz Cruz', departmentIds: [soporte] });
    const j = await t.createAgent({ name: 'José Tlaxcala Trujillo', departmentIds: [ventas] });
    araceliId = a.id;
    joseId = j.id;
    supervisor = await t.signedIn('supervisor');
    araceli = await t.login(a.email);
    jose = await t.login(j.email);
    S1 = await createTicketFixture(db, {
      departmentId: soporte,
      assigneeId: a.id,
      subject: 'Migración de inventario',
      organization: { name: unique('Ferretería El Clavo ') },
    });
    S2 = await createTicketFixture(db, {
      departmentId: soporte,
      subject: 'Caja nueva',
      organization: { name: unique('Panadería La Espiga ') },
    });
    V1 = await createTicketFixture(db, {
      departmentId: ventas,
      assigneeId: j.id,
      subject: 'Cotización',
      requester: S1,
    });

    const task = async (who: Session, ticket: TicketFixture, body: Record<string, unknown>) => {
      const response = await t.as(who, 'POST', `/api/v1/tickets/${ticket.id}/tasks`, body);
      expect(response.statusCode, response.body).toBe(201);
      return response.json() as { id: string };
    };
    await task(araceli, S1, { title: 'Migrar inventario', assigneeId: a.id, dueAt: '2026-11-06T15:00:00Z' });
    const done = await task(araceli, S1, { title: 'Capacitar', assigneeId: a.id });
    expect((await t.as(araceli, 'PATCH', `/api/v1/tasks/${done.id}`, { status: 'done' })).statusCode).toBe(200);
    await task(supervisor, S2, { title: 'Configurar caja', dueAt: '2026-11-10T15:00:00Z' });
    await task(supervisor, V1, { title: 'Cotizar', assigneeId: j.id, dueAt: '2026-11-02T15:00:00Z' });

    const session = async (who: Session, ticket: TicketFixture, startsAt: string, endsAt: string) => {
      const response = await t.as(who, 'POST', `/api/v1/tickets/${ticket.id}/messages`, {
        kind: 'activity',
        body: 'Se agenda una sesión por Teams.',
        activity: {
          contactPerson: ticket.contact.name,
          medium: 'teams',
          reason: 'Sesión con el cliente',
          scheduledSession: { startsAt, endsAt },
        },
      });
      expect(response.statusCode, response.body).toBe(201);
    };
    await session(araceli, S1, '2026-11-04T15:00:00Z', '2026-11-04T16:00:00Z');
    await session(jose, V1, '2026-11-06T17:00:00Z', '2026-11-06T18:00:00Z');
  });
  afterEach(() => t.close());

  const tasks = async (who: Session, query = '') => {
    const response = await t.as(who, 'GET', `/api/v1/tasks${query ? `?${query}` : ''}`);
    expect(response.statusCode, response.body).toBe(200);
    return response.json() as { items: PlannerTask[]; nextCursor: string | null };
  };
  const titles = (page: { items: PlannerTask[] }) => page.items.map((task) => task.title);

  it('lists every task across tickets by due time (undated last), with its ticket, and marks the overdue ones', async () => {
    const page = await tasks(supervisor);
    expect(titles(page)).toEqual(['Cotizar', 'Migrar inventario', 'Configurar caja', 'Capacitar']);
    expect(page.items.map((task) => [task.ticketNumber, task.overdue])).toEqual([
      [V1.number, true],
      [S1.number, false],
      [S2.number, false],
      [S1.number, false],
    ]);
    expect(page.items[1]?.organizationName).toBe(S1.organization?.name);
    expect(page.nextCursor).toBeNull();
  });

  it('filters by assignee (me, an id, none), state, due range and organization', async () => {
    expect(titles(await tasks(araceli, 'assigneeId=me'))).toEqual(['Migrar inventario', 'Capacitar']);
    expect(titles(await tasks(supervisor, `assigneeId=${joseId},none`))).toEqual(['Cotizar', 'Configurar caja']);
    expect(titles(await tasks(supervisor, 'state=overdue'))).toEqual(['Cotizar']);
    expect(titles(await tasks(supervisor, 'state=done'))).toEqual(['Capacitar']);
    expect(titles(await tasks(supervisor, 'state=open'))).toEqual(['Cotizar', 'Migrar inventario', 'Configurar caja']);
    // The week of Monday 2 to Sunday 8 November.
    const week = 'dueFrom=2026-11-02T00:00:00-06:00&dueTo=2026-11-09T00:00:00-06:00';
    expect(titles(await tasks(supervisor, week))).toEqual(['Cotizar', 'Migrar inventario']);
    expect(titles(await tasks(supervisor, `organizationId=${S1.organizationId}`))).toEqual([
      'Cotizar',
      'Migrar inventario',
      'Capacitar',
    ]);
  });

  it('pages with a cursor through dated and undated tasks without losing or repeating one', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: PlannerTask[]; nextCursor: string | null } = await tasks(
        supervisor,
        `limit=1${cursor ? `&cursor=${cursor}` : ''}`,
      );
      expect(page.items.length).toBeLessThanOrEqual(1);
      seen.push(...titles(page));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(['Cotizar', 'Migrar inventario', 'Configurar caja', 'Capacitar']);
  });

  describe('an agent sees only the tasks and sessions of tickets they may open', () => {
    it("an agent of Ventas gets none of Soporte's tasks, whatever filter names them", async () => {
      expect(titles(await tasks(jose))).toEqual(['Cotizar']);
      expect(titles(await tasks(jose, `assigneeId=${araceliId}`))).toEqual([]);
      expect(titles(await tasks(jose, `organizationId=${S1.organizationId}`))).toEqual(['Cotizar']);
      expect(titles(await tasks(jose, `organizationId=${S2.organizationId}&state=open`))).toEqual([]);
      expect(titles(await tasks(araceli))).toEqual(['Migrar inventario', 'Configurar caja', 'Capacitar']);
    });

    it('sessions of the week: all for the supervisor, their own department for each agent', async () => {
      const sessions = async (who: Session, query = '') => {
        const response = await t.as(
          who,
          'GET',
          `/api/v1/sessions?from=2026-11-02T06:00:00Z&to=2026-11-09T06:00:00Z${query}`,
        );
        expect(response.statusCode, response.body).toBe(200);
        return (response.json() as { items: { ticketNumber: string; startsAt: string }[] }).items.map(
          (s) => s.ticketNumber,
        );
      };
      expect(await sessions(supervisor)).toEqual([S1.number, V1.number]);
      expect(await sessions(supervisor, `&assigneeId=${joseId}`)).toEqual([V1.number]);
      expect(await sessions(araceli)).toEqual([S1.number]);
      expect(await sessions(jose, `&assigneeId=${araceliId}`)).toEqual([]);
      expect(await sessions(jose)).toEqual([V1.number]);
    });
  });

  it('refuses bad input with 400 and the error shape', async () => {
    for (const url of [
      '/api/v1/tasks?dueFrom=mañana',
      '/api/v1/tasks?dueFrom=2026-11-09T00:00:00Z&dueTo=2026-11-02T00:00:00Z',
      '/api/v1/tasks?state=late',
      '/api/v1/tasks?cursor=AAAA',
      '/api/v1/sessions?from=2026-11-01T00:00:00Z&to=2027-03-01T00:00:00Z',
      '/api/v1/sessions?from=2026-11-01T00:00:00Z',
    ]) {
      const response = await t.as(supervisor, 'GET', url);
      expect(response.statusCode, url).toBe(400);
      expect(response.json().error).toMatchObject({ code: 'VALIDATION_FAILED' });
    }
  });
});
