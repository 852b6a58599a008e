import { afterEach, beforeEach, expect, it } from 'vitest';
import { forEachDialect } from '../../testing/for-each-dialect.ts';
import { createTestApp, type Session, SYSTEM_ACTOR, type TestApp, unique } from '../../testing/test-app.ts';

forEachDialect('agents API', (ctx) => {
  let t: TestApp;
  let admin: Session;
  beforeEach(async () => {
    t = await createTestApp(ctx);
    admin = await t.signedIn('admin');
  });
  afterEach(() => t.close());

  it('lets an admin create an agent with initials, skills and departments, and returns a generated password once', async () => {
    const department = await t.services.departments.create(SYSTEM_ACTOR, { name: 'Soporte Técnico' });
    const response = await t.as(admin, 'POST', '/api/v1/agents', {
      email: 'Eleazar.Gonzalez@Example.com',
      name: 'Eleazar González',
      skills: ['sl-ap', 'SL-CFDI', 'SL-AP'],
      departmentIds: [department.id],
      timeZone: 'America/Mexico_City',
    });
    expect(response.statusCode).toBe(201);
    const { agent, generatedPassword } = response.json();
    expect(agent).toMatchObject({
      email: 'eleazar.gonzalez@example.com',
      initials: 'EG',
      role: 'agent',
      locale: 'es',
      skills: ['SL-AP', 'SL-CFDI'],
      departmentIds: [department.id],
      active: true,
    });
    expect(generatedPassword).toMatch(/^.{12,}$/);
    await expect(t.login('eleazar.gonzalez@example.com', generatedPassword)).resolves.toBeTruthy();
    const fetched = await t.as(admin, 'GET', `/api/v1/agents/${agent.id}`);
    expect(fetched.json()).toEqual(agent);
  });

  it('forbids admin-only routes to agents and supervisors (403)', async () => {
    for (const role of ['agent', 'supervisor'] as const) {
      const session = await t.signedIn(role);
      const create = await t.as(session, 'POST', '/api/v1/agents', { email: `${unique('x')}@example.com`, name: 'X' });
      expect(create.statusCode).toBe(403);
      expect(create.json().error.code).toBe('FORBIDDEN');
      const patch = await t.as(session, 'PATCH', `/api/v1/agents/${session.agent.id}`, { role: 'admin' });
      expect(patch.statusCode).toBe(403);
      const department = await t.as(session, 'POST', '/api/v1/departments', { name: unique('Dep') });
      expect(department.statusCode).toBe(403);
    }
  });

  it('rejects an unknown field, a wrong type and a missing required field with 400 naming each', async () => {
    const unknown = await t.as(admin, 'POST', '/api/v1/agents', { email: 'a@example.com', name: 'A', salary: 10 });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error).toMatchObject({ code: 'VALIDATION_FAILED' });
    expect(unknown.json().error.details.errors).toContainEqual(expect.objectContaining({ field: 'body.salary' }));

    const wrongType = await t.as(admin, 'POST', '/api/v1/agents', { email: 'a@example.com', name: 42 });
    expect(wrongType.statusCode).toBe(400);
    expect(wrongType.json().error.details.errors).toContainEqual(expect.objectContaining({ field: 'body.name' }));

    const missing = await t.as(admin, 'POST', '/api/v1/agents', { name: 'Sin correo' });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.message).toContain('email');

    const badRole = await t.as(admin, 'POST', '/api/v1/agents', { email: 'a@example.com', name: 'A', role: 'king' });
    expect(badRole.statusCode).toBe(400);
    const list = await t.as(admin, 'GET', '/api/v1/agents?limit=1000');
    expect(list.statusCode).toBe(400);
  });

  it('refuses a department that does not exist (422) and writes nothing', async () => {
    const email = `${unique('ghost')}@example.com`;
    const response = await t.as(admin, 'POST', '/api/v1/agents', { email, name: 'Ghost', departmentIds: ['nope'] });
    expect(response.statusCode).toBe(422);
    expect(response.json().error).toMatchObject({ code: 'REFERENCE_NOT_FOUND', details: { field: 'departmentIds' } });
    const all = await t.as(admin, 'GET', '/api/v1/agents?limit=200&includeInactive=true');
    expect(all.json().items.map((a: { email: string }) => a.email)).not.toContain(email);
  });

  it('refuses a second agent with the same email, whatever its case (409)', async () => {
    await t.as(admin, 'POST', '/api/v1/agents', { email: 'dup@example.com', name: 'Uno' });
    const again = await t.as(admin, 'POST', '/api/v1/agents', { email: 'DUP@example.com', name: 'Dos' });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('EMAIL_TAKEN');
  });

  it('refuses an unknown time zone and a short password', async () => {
    const zone = await t.as(admin, 'POST', '/api/v1/agents', {
      email: 'z@example.com',
      name: 'Z',
      timeZone: 'Mars/Olympus',
    });
    expect(zone.statusCode).toBe(400);
    expect(zone.json().error.details).toMatchObject({ field: 'timeZone' });
    const short = await t.as(admin, 'POST', '/api/v1/agents', { email: 'z@example.com', name: 'Z', password: 'short' });
    expect(short.statusCode).toBe(400);
  });

  it('keeps at least one active admin', async () => {
    const demote = await t.as(admin, 'PATCH', `/api/v1/agents/${admin.agent.id}`, { role: 'agent' });
    expect(demote.statusCode).toBe(422);
    expect(demote.json().error.code).toBe('LAST_ADMIN');
    const second = await t.signedIn('admin');
    const ok = await t.as(second, 'PATCH', `/api/v1/agents/${admin.agent.id}`, { role: 'supervisor' });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().role).toBe('supervisor');
  });

  it('pages through agents with a cursor and filters by department', async () => {
    const department = await t.services.departments.create(SYSTEM_ACTOR, { name: unique('Educación') });
    for (let i = 0; i < 5; i++) await t.createAgent({ departmentIds: [department.id] });
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const url: string = `/api/v1/agents?limit=2&departmentId=${department.id}${cursor ? `&cursor=${cursor}` : ''}`;
      const page = (await t.as(admin, 'GET', url)).json();
      seen.push(...page.items.map((a: { id: string }) => a.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(5);
    expect(new Set(seen).size).toBe(5);
    const badCursor = await t.as(admin, 'GET', '/api/v1/agents?cursor=%%%');
    expect(badCursor.statusCode).toBe(400);
  });

  it('answers 404 for an agent that does not exist', async () => {
    const response = await t.as(admin, 'GET', '/api/v1/agents/does-not-exist');
    expect(response.statusCode).toBe(404);
    expect(response.json().error.code).toBe('AGENT_NOT_FOUND');
  });
});

forEachDialect('departments API', (ctx) => {
  let t: TestApp;
  let admin: Session;
  beforeEach(async () => {
    t = await createTestApp(ctx);
    admin = await t.signedIn('admin');
  });
  afterEach(() => t.close());

  it('creates, reads, lists and changes a department', async () => {
    const created = await t.as(admin, 'POST', '/api/v1/departments', {
      name: 'Soporte Técnico',
      kind: 'external',
      timeZone: 'America/Costa_Rica',
      email: 'Soporte@Example.com',
    });
    expect(created.statusCode).toBe(201);
    const department = created.json();
    expect(department).toMatchObject({
      name: 'Soporte Técnico',
      kind: 'external',
      email: 'soporte@example.com',
      active: true,
    });
    const changed = await t.as(admin, 'PATCH', `/api/v1/departments/${department.id}`, {
      active: false,
      kind: 'internal',
    });
    expect(changed.json()).toMatchObject({ active: false, kind: 'internal' });
    const active = await t.as(admin, 'GET', '/api/v1/departments');
    expect(active.json().items.map((d: { id: string }) => d.id)).not.toContain(department.id);
    const all = await t.as(admin, 'GET', '/api/v1/departments?includeInactive=true');
    expect(all.json().items.map((d: { id: string }) => d.id)).toContain(department.id);
  });

  it('treats names that differ only in case or accents as the same department (409)', async () => {
    await t.as(admin, 'POST', '/api/v1/departments', { name: 'Educación' });
    const again = await t.as(admin, 'POST', '/api/v1/departments', { name: 'EDUCACION' });
    expect(again.statusCode).toBe(409);
    expect(again.json().error).toMatchObject({
      code: 'DEPARTMENT_NAME_TAKEN',
      details: { existing: { name: 'Educación' } },
    });
  });

  it('lets agents read departments but not change them', async () => {
    const agent = await t.signedIn('agent');
    expect((await t.as(agent, 'GET', '/api/v1/departments')).statusCode).toBe(200);
    const created = await t.services.departments.create(SYSTEM_ACTOR, { name: unique('Ventas') });
    expect((await t.as(agent, 'PATCH', `/api/v1/departments/${created.id}`, { name: 'X' })).statusCode).toBe(403);
  });

  it('refuses an empty change and a bad time zone', async () => {
    const created = await t.services.departments.create(SYSTEM_ACTOR, { name: unique('Sistemas') });
    expect((await t.as(admin, 'PATCH', `/api/v1/departments/${created.id}`, {})).statusCode).toBe(400);
    const zone = await t.as(admin, 'PATCH', `/api/v1/departments/${created.id}`, { timeZone: 'Nowhere/City' });
    expect(zone.statusCode).toBe(400);
  });
});
