import { afterEach, beforeEach, expect, it } from 'vitest';
import { forEachDialect } from '../../testing/for-each-dialect.ts';
import { createTestApp, type Session, SYSTEM_ACTOR, type TestApp, unique } from '../../testing/test-app.ts';

const number = () => ({
  phoneNumberId: String(100000000000000 + Math.floor(Math.random() * 1e9)),
  businessAccountId: '102290129340398',
  displayNumber: '+506 4000 1234',
  accessToken: 'EAAG-token-secreto',
  appSecret: 'app-secreto-123',
  verifyToken: 'verificar-secreto',
});

forEachDialect('WhatsApp numbers API', (ctx) => {
  let t: TestApp;
  let admin: Session;

  beforeEach(async () => {
    t = await createTestApp(ctx);
    admin = await t.signedIn('admin');
  });
  afterEach(() => t.close());

  it('an admin adds a number for a department; the secrets are sealed at rest and never shown', async () => {
    const department = await t.services.departments.create(SYSTEM_ACTOR, { name: unique('Soporte ') });
    const input = { ...number(), departmentId: department.id };
    const created = await t.as(admin, 'POST', '/api/v1/whatsapp/numbers', input);
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({
      phoneNumberId: input.phoneNumberId,
      displayNumber: '+50640001234',
      departmentId: department.id,
      graphBaseUrl: 'https://graph.facebook.com',
      graphVersion: 'v23.0',
      hasAccessToken: true,
      hasAppSecret: true,
      hasVerifyToken: true,
    });
    const list = await t.as(admin, 'GET', '/api/v1/whatsapp/numbers');
    expect(list.json().items).toHaveLength(1);
    for (const body of [created.body, list.body]) {
      for (const secret of [input.accessToken, input.appSecret, input.verifyToken]) expect(body).not.toContain(secret);
    }
    const row = await ctx.database.db.selectFrom('whatsapp_numbers').selectAll().executeTakeFirstOrThrow();
    for (const column of [row.access_token, row.app_secret, row.verify_token]) {
      expect(column.startsWith('sealed:v1:')).toBe(true);
    }
    expect(JSON.stringify(row)).not.toContain('secreto');
    const again = await t.as(admin, 'POST', '/api/v1/whatsapp/numbers', {
      ...number(),
      phoneNumberId: input.phoneNumberId,
    });
    expect(again.statusCode).toBe(409);
  });

  it('an edit changes what it names and keeps the secrets not typed again; delete removes it', async () => {
    const created = (await t.as(admin, 'POST', '/api/v1/whatsapp/numbers', number())).json();
    const edited = await t.as(admin, 'PATCH', `/api/v1/whatsapp/numbers/${created.id}`, {
      graphBaseUrl: 'http://127.0.0.1:4610/',
      graphVersion: 'v21.0',
      accessToken: 'otro-token',
    });
    expect(edited.statusCode).toBe(200);
    expect(edited.json()).toMatchObject({ graphBaseUrl: 'http://127.0.0.1:4610', graphVersion: 'v21.0' });
    const stored = await t.services.whatsappNumbers.find(created.id);
    expect(stored).toMatchObject({ accessToken: 'otro-token', appSecret: 'app-secreto-123' });
    expect((await t.as(admin, 'DELETE', `/api/v1/whatsapp/numbers/${created.id}`)).statusCode).toBe(204);
    expect((await t.as(admin, 'DELETE', `/api/v1/whatsapp/numbers/${created.id}`)).statusCode).toBe(404);
    expect(
      (await t.as(admin, 'PATCH', `/api/v1/whatsapp/numbers/${created.id}`, { graphVersion: 'v1.0' })).statusCode,
    ).toBe(404);
  });

  it('bad input is refused with the field named, and nothing is stored', async () => {
    const cases: [Record<string, unknown>, number, string][] = [
      [{ ...number(), phoneNumberId: 'abc' }, 400, 'phoneNumberId'],
      [{ ...number(), displayNumber: 'no es un número' }, 400, 'phones'],
      [{ ...number(), graphBaseUrl: 'ftp://graph.example' }, 400, 'graphBaseUrl'],
      [{ ...number(), graphVersion: '23' }, 400, 'graphVersion'],
      [{ ...number(), appSecret: '   ' }, 400, 'appSecret'],
      [{ ...number(), departmentId: 'nope' }, 422, 'departmentId'],
    ];
    for (const [body, status, field] of cases) {
      const response = await t.as(admin, 'POST', '/api/v1/whatsapp/numbers', body);
      expect(response.statusCode, JSON.stringify(body)).toBe(status);
      expect(response.json().error.details.field).toBe(field);
    }
    const { accessToken: _missing, ...withoutToken } = number();
    const missing = await t.as(admin, 'POST', '/api/v1/whatsapp/numbers', withoutToken);
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.code).toBe('VALIDATION_FAILED');
    const extra = await t.as(admin, 'POST', '/api/v1/whatsapp/numbers', { ...number(), password: 'x' });
    expect(extra.statusCode).toBe(400);
    expect((await t.as(admin, 'GET', '/api/v1/whatsapp/numbers')).json().items).toEqual([]);
  });

  it('agents and supervisors may not see or manage WhatsApp numbers', async () => {
    const created = (await t.as(admin, 'POST', '/api/v1/whatsapp/numbers', number())).json();
    for (const role of ['agent', 'supervisor'] as const) {
      const session = await t.signedIn(role);
      expect((await t.as(session, 'GET', '/api/v1/whatsapp/numbers')).statusCode).toBe(403);
      expect((await t.as(session, 'POST', '/api/v1/whatsapp/numbers', number())).statusCode).toBe(403);
      expect(
        (await t.as(session, 'PATCH', `/api/v1/whatsapp/numbers/${created.id}`, { graphVersion: 'v1.0' })).statusCode,
      ).toBe(403);
      expect((await t.as(session, 'DELETE', `/api/v1/whatsapp/numbers/${created.id}`)).statusCode).toBe(403);
    }
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/whatsapp/numbers' })).statusCode).toBe(401);
  });
});
