import { afterEach, beforeEach, expect, it } from 'vitest';
import { ensureDefaults } from '../../core/defaults.ts';
import { newId } from '../../core/shared/ids.ts';
import { COUNT_LIMIT } from '../../core/tickets/ticket.service.ts';
import { forEachDialect } from '../../testing/for-each-dialect.ts';
import { createTestApp, type Session, SYSTEM_ACTOR, type TestApp, unique } from '../../testing/test-app.ts';

type SavedViewJson = { id: string; key: string | null; count: number; countCapped: boolean };

forEachDialect('queues, views and search', (ctx) => {
  let t: TestApp;
  let admin: Session;
  let support: string;
  let sales: string;

  async function open(fields: Record<string, unknown> = {}) {
    const response = await t.as(admin, 'POST', '/api/v1/tickets', {
      subject: 'Consulta general',
      body: 'Buenos días, tengo una consulta.',
      requester: { email: `${unique('c')}@cliente.example`, name: 'Cliente' },
      ...fields,
    });
    if (response.statusCode !== 201) throw new Error(`create failed: ${response.body}`);
    return response.json();
  }

  beforeEach(async () => {
    t = await createTestApp(ctx);
    admin = await t.signedIn('admin');
    support = (await t.services.departments.create(SYSTEM_ACTOR, { name: unique('Soporte') })).id;
    sales = (await t.services.departments.create(SYSTEM_ACTOR, { name: unique('Ventas') })).id;
  });
  afterEach(() => t.close());

  it('filters by assignee (me, none), department, tags all/any, priority and flag, with a total', async () => {
    const mine = await open({
      assigneeId: admin.agent.id,
      departmentId: support,
      tags: ['moodle', 'univa'],
      priority: 'alta',
    });
    const unassigned = await open({ departmentId: support, tags: ['moodle'], flag: 'green' });
    await open({ departmentId: sales, priority: 'critica', tags: ['univa'] });
    const ids = async (qs: string) => {
      const page = (await t.as(admin, 'GET', `/api/v1/tickets?${qs}&total=true`)).json();
      return { ids: page.items.map((i: { id: string }) => i.id).sort(), total: page.total };
    };
    expect(await ids('assigneeId=me')).toEqual({ ids: [mine.id], total: 1 });
    expect((await ids('assigneeId=none')).total).toBe(2);
    expect((await ids(`departmentId=${support}`)).ids).toEqual([mine.id, unassigned.id].sort());
    expect((await ids('tagsAll=moodle,univa')).ids).toEqual([mine.id]);
    expect((await ids('tagsAny=moodle,univa')).total).toBe(3);
    expect((await ids('priority=alta,critica')).total).toBe(2);
    expect((await ids('flag=green')).ids).toEqual([unassigned.id]);
    expect((await ids('flag=none')).total).toBe(2);
    const count = await t.as(admin, 'GET', '/api/v1/tickets/count?statusCategory=new,open');
    expect(count.json()).toEqual({ count: 3, capped: false });
    const bad = await t.as(admin, 'GET', '/api/v1/tickets?statusCategory=abierto');
    expect(bad.statusCode).toBe(400);
  });

  it('lists queue rows with what the table shows: number, requester, organization, assignee, status, priority, flag', async () => {
    await open({ assigneeId: admin.agent.id, organization: { name: 'Acme Comercial' }, flag: 'orange' });
    const [row] = (await t.as(admin, 'GET', '/api/v1/tickets')).json().items;
    expect(row).toMatchObject({
      number: expect.stringMatching(/^OP\d+$/),
      subject: 'Consulta general',
      requester: { name: 'Cliente' },
      organization: { name: 'Acme Comercial' },
      assignee: { id: admin.agent.id, initials: admin.agent.initials },
      status: 'ABIERTO',
      priority: 'normal',
      flag: 'orange',
    });
  });

  it('pages through a queue with a cursor, sorted by priority, without repeats or gaps', async () => {
    const priorities = ['baja', 'critica', 'normal', 'urgente', 'alta', 'normal', 'baja'];
    for (const priority of priorities) await open({ priority });
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const url: string = `/api/v1/tickets?sort=priority&limit=3${cursor ? `&cursor=${cursor}` : ''}`;
      const page = (await t.as(admin, 'GET', url)).json();
      seen.push(...page.items.map((i: { priority: string }) => i.priority));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(['critica', 'urgente', 'alta', 'normal', 'normal', 'baja', 'baja']);
    expect((await t.as(admin, 'GET', '/api/v1/tickets?cursor=garbage')).statusCode).toBe(400);
  });

  it("hides other departments' tickets from an agent, in lists, counts and by id (404)", async () => {
    const supportAgent = await t.createAgent({ departmentIds: [support] });
    const session = await t.login(supportAgent.email);
    const ours = await open({ departmentId: support });
    const theirs = await open({ departmentId: sales });
    const triage = await open();
    const page = (await t.as(session, 'GET', '/api/v1/tickets?total=true')).json();
    expect(page.items.map((i: { id: string }) => i.id).sort()).toEqual([ours.id, triage.id].sort());
    expect(page.total).toBe(2);
    expect((await t.as(session, 'GET', `/api/v1/tickets/${theirs.id}`)).statusCode).toBe(404);
    expect((await t.as(session, 'GET', `/api/v1/tickets/${theirs.number}/history`)).statusCode).toBe(404);
    await t.as(admin, 'PATCH', `/api/v1/tickets/${theirs.id}`, { followerIds: [supportAgent.id] });
    expect((await t.as(session, 'GET', `/api/v1/tickets/${theirs.id}`)).statusCode).toBe(200);
  });

  it('starts with the default views, each with its count for the agent', async () => {
    await open({ assigneeId: admin.agent.id });
    await open({ flag: 'green' });
    const views = (await t.as(admin, 'GET', '/api/v1/views')).json().items;
    const counts = Object.fromEntries(views.map((v: { name: string; count: number }) => [v.name, v.count]));
    expect(counts).toEqual({
      'Mis tickets': 1,
      'Sin asignar': 1,
      'Mi departamento': 0,
      'Pendientes de revisión': 1,
      'Todos abiertos': 2,
      'Incumplen SLA pronto': 0,
      'Sin noticias 24 h': 0,
    });
    const unassigned = views.find((v: { name: string }) => v.name === 'Sin asignar');
    const page = (await t.as(admin, 'GET', `/api/v1/views/${unassigned.id}/tickets`)).json();
    expect(page.total).toBe(1);
  });

  it('counts exactly up to 10,000 and past that says "more than 10,000", in the count, the views and a view\'s total', async () => {
    const first = await open({ departmentId: support, priority: 'alta' });
    // Copies of the first ticket straight into the table: 10,001 through the API would take minutes.
    const row = await ctx.database.db
      .selectFrom('tickets')
      .selectAll()
      .where('id', '=', first.id)
      .executeTakeFirstOrThrow();
    const copies = Array.from({ length: COUNT_LIMIT }, (_, i) => ({
      ...row,
      id: newId(),
      number: `${row.number}-${i}`,
      priority: 1,
    }));
    for (let i = 0; i < copies.length; i += 500) {
      await ctx.database.db
        .insertInto('tickets')
        .values(copies.slice(i, i + 500))
        .execute();
    }
    const count = async (qs: string) => (await t.as(admin, 'GET', `/api/v1/tickets/count?${qs}`)).json();
    expect(await count(`departmentId=${support}`)).toEqual({ count: COUNT_LIMIT, capped: true });
    expect(await count('priority=alta')).toEqual({ count: 1, capped: false });

    const views = (await t.as(admin, 'GET', '/api/v1/views')).json().items as SavedViewJson[];
    const allOpen = views.find((v) => v.key === 'all_open');
    expect(allOpen).toMatchObject({ count: COUNT_LIMIT, countCapped: true });
    expect(views.find((v) => v.key === 'review')).toMatchObject({ count: 0, countCapped: false });
    const page = (await t.as(admin, 'GET', `/api/v1/views/${allOpen?.id}/tickets`)).json();
    expect({ items: page.items.length, total: page.total, totalCapped: page.totalCapped }).toEqual({
      items: 50,
      total: COUNT_LIMIT,
      totalCapped: true,
    });

    // Exactly at the limit is still an exact count.
    await ctx.database.db.deleteFrom('tickets').where('id', '=', first.id).execute();
    expect(await count(`departmentId=${support}`)).toEqual({ count: COUNT_LIMIT, capped: false });
  });

  it('names each default view by a stable key, kept through a rename and not seeded twice', async () => {
    const keyed = async () =>
      (await t.as(admin, 'GET', '/api/v1/views')).json().items.filter((v: { key: string | null }) => v.key);
    const before = await keyed();
    expect(before.map((v: { key: string }) => v.key).sort()).toEqual(
      ['all_open', 'department', 'mine', 'review', 'sla_risk', 'stale', 'unassigned'].sort(),
    );
    const unassigned = before.find((v: { key: string }) => v.key === 'unassigned');
    const renamed = await t.as(admin, 'PATCH', `/api/v1/views/${unassigned.id}`, { name: 'Cola libre' });
    expect(renamed.json()).toMatchObject({ key: 'unassigned', name: 'Cola libre' });

    await ensureDefaults(ctx.database.db, t.clock.now().toISOString());
    const after = await keyed();
    expect(after).toHaveLength(7);
    expect(after.find((v: { key: string }) => v.key === 'unassigned')).toMatchObject({ id: unassigned.id });
    const personal = await t.as(admin, 'POST', '/api/v1/views', { name: 'Mis urgentes', query: {} });
    expect(personal.json().key).toBeNull();
  });

  it('saves personal views for anyone and shared views only for supervisors', async () => {
    const agent = await t.signedIn('agent');
    const personal = await t.as(agent, 'POST', '/api/v1/views', { name: 'Urgentes', query: { priority: ['urgente'] } });
    expect(personal.statusCode).toBe(201);
    const shared = await t.as(agent, 'POST', '/api/v1/views', { name: 'Todos', query: {}, shared: true });
    expect(shared.statusCode).toBe(403);
    const otherAgent = await t.signedIn('agent');
    const list = (await t.as(otherAgent, 'GET', '/api/v1/views')).json().items;
    expect(list.map((v: { name: string }) => v.name)).not.toContain('Urgentes');
    expect((await t.as(otherAgent, 'GET', `/api/v1/views/${personal.json().id}/tickets`)).statusCode).toBe(404);
    const supervisor = await t.signedIn('supervisor');
    expect(
      (await t.as(supervisor, 'POST', '/api/v1/views', { name: 'Equipo', query: {}, shared: true })).statusCode,
    ).toBe(201);
    const badQuery = await t.as(agent, 'POST', '/api/v1/views', { name: 'Mala', query: { flag: ['purple'] } });
    expect(badQuery.statusCode).toBe(400);
  });

  it('finds "Facturación" by "facturacion" and "facturas" by "facturar", ranked, by number too', async () => {
    const billing = await open({ subject: 'Problema con la Facturación electrónica' });
    const invoices = await open({ subject: 'Consulta', body: 'Las facturas del mes no aparecen en el reporte.' });
    await open({ subject: 'Cambio de contraseña' });
    const search = async (q: string) =>
      (await t.as(admin, 'GET', `/api/v1/search?q=${encodeURIComponent(q)}`))
        .json()
        .tickets.map((x: { id: string }) => x.id);
    expect(await search('facturacion')).toContain(billing.id);
    expect(await search('facturar')).toEqual(expect.arrayContaining([invoices.id]));
    expect(await search('FACTURACIÓN electronica')).toEqual([billing.id]);
    expect((await search(billing.number))[0]).toBe(billing.id);
    expect(await search('contrasena')).toHaveLength(1);
    const excerpt = (await t.as(admin, 'GET', '/api/v1/search?q=reporte')).json().tickets[0].excerpt;
    expect(excerpt).toContain('facturas del mes');
  });

  it('finds every ticket of a requester by their name without accents ("solis" → Mariana Solís)', async () => {
    const requester = { email: `${unique('msolis')}@cafetalera.example`, name: 'Mariana Solís Quesada' };
    const first = await open({ subject: 'No imprime la factura', requester });
    const second = await open({ subject: 'Usuario bloqueado', requester });
    await open({
      subject: 'Otra consulta',
      requester: { email: `${unique('x')}@otro.example`, name: 'Jorge Herrera' },
    });
    const hidden = await open({ subject: 'Renovación', requester, departmentId: sales });
    const found = async (session: Session) =>
      (await t.as(session, 'GET', '/api/v1/search?q=solis')).json().tickets.map((x: { id: string }) => x.id);
    expect(new Set(await found(admin))).toEqual(new Set([first.id, second.id, hidden.id]));
    // Her tickets in a department the agent does not work in stay out of their results.
    const outsider = await t.login((await t.createAgent({ departmentIds: [support] })).email);
    expect(await found(outsider)).not.toContain(hidden.id);
  });

  it('completes the word being typed, and lists subject matches before newer message matches', async () => {
    const bySubject = await open({ subject: 'La impresora no imprime' });
    const byMessage = await open({ subject: 'Consulta', body: 'Desde ayer la impresora térmica se atasca.' });
    const search = async (q: string) =>
      (await t.as(admin, 'GET', `/api/v1/search?q=${encodeURIComponent(q)}`))
        .json()
        .tickets.map((x: { id: string }) => x.id);
    expect(await search('impre')).toEqual([bySubject.id, byMessage.id]);
    expect(await search('impresora termi')).toEqual([byMessage.id]);
    expect(await search('atasc')).toEqual([byMessage.id]);
    expect(await search('xq')).toEqual([]);
  });

  it('searches notes only for staff and never shows a ticket the searcher may not see', async () => {
    const ticket = await open({ departmentId: sales, subject: 'Renovación de licencia' });
    await t.as(admin, 'POST', `/api/v1/tickets/${ticket.id}/dispatch`, {
      departmentId: sales,
      note: 'Cliente moroso, revisar contrato',
    });
    expect((await t.as(admin, 'GET', '/api/v1/search?q=moroso')).json().tickets).toHaveLength(1);
    const outsider = await t.createAgent({ departmentIds: [support] });
    const session = await t.login(outsider.email);
    expect((await t.as(session, 'GET', '/api/v1/search?q=licencia')).json().tickets).toHaveLength(0);
    const requester = {
      kind: 'contact' as const,
      id: ticket.requesterId,
      organizationId: null,
      organizationRole: 'member' as const,
      locale: 'es' as const,
    };
    expect((await t.services.search.search(requester, 'licencia', { limit: 10 })).tickets).toHaveLength(1);
    const asCustomer = await t.services.search.search(requester, 'moroso', { limit: 10 });
    expect(asCustomer.tickets).toHaveLength(0);
    expect(asCustomer.contacts).toHaveLength(0);
  });
});
