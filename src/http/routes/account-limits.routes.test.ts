import { afterEach, beforeEach, expect, it } from 'vitest';
import { forEachDialect } from '../../testing/for-each-dialect.ts';
import { createTestApp, type Session, type TestApp, unique } from '../../testing/test-app.ts';

forEachDialect('account limits API', (ctx) => {
  let t: TestApp;
  let admin: Session;
  beforeEach(async () => {
    t = await createTestApp(ctx);
    admin = await t.signedIn('admin');
  });
  afterEach(() => t.close());

  async function open(organization: string, type: string) {
    t.clock.advance(60_000);
    const response = await t.as(admin, 'POST', '/api/v1/tickets', {
      subject: `Caso de ${type}`,
      body: 'Necesitamos ayuda.',
      type,
      requester: { email: `${unique('jefe')}@example.com`, name: 'Jesús Rodríguez' },
      organization: { name: organization },
    });
    expect(response.statusCode).toBe(201);
    return response.json() as { id: string; status: string; organizationId: string };
  }

  const limits = async (session: Session, organizationId: string) =>
    t.as(session, 'GET', `/api/v1/automation/account-limits/${organizationId}`);

  it('reads a general account’s default limits and its BACKLOG, and lets an admin set its own limit', async () => {
    const name = unique('Ferretería ');
    const first = await open(name, 'Soporte');
    const second = await open(name, 'Soporte');
    expect(second.status).toBe('BACKLOG');
    const agent = await t.signedIn('agent');
    const read = await limits(agent, first.organizationId);
    expect(read.statusCode).toBe(200);
    const body = read.json();
    expect(body).toMatchObject({ organizationId: first.organizationId, tier: 'general', waiting: 1 });
    const soporte = body.items.find((i: { type: string }) => i.type === 'Soporte');
    expect(soporte).toMatchObject({ ownLimit: null, defaultLimit: 1, limit: 1, inWork: 1, waiting: 1 });
    expect(body.items.find((i: { type: string }) => i.type === 'Cambio')).toMatchObject({ defaultLimit: 1, inWork: 0 });

    const put = (session: Session, payload: unknown) =>
      t.as(session, 'PUT', `/api/v1/automation/account-limits/${first.organizationId}`, payload);
    expect((await put(agent, { type: 'Soporte', maxInWork: 2 })).statusCode).toBe(403);
    expect((await put(admin, { type: 'soporte', maxInWork: 2 })).statusCode).toBe(204);
    const raised = (await limits(admin, first.organizationId)).json();
    expect(raised.items.find((i: { type: string }) => i.type === 'Soporte')).toMatchObject({
      ownLimit: 2,
      defaultLimit: 1,
      limit: 2,
    });
    expect((await put(admin, { type: 'Soporte', maxInWork: null })).statusCode).toBe(204);
    const back = (await limits(admin, first.organizationId)).json();
    expect(back.items.find((i: { type: string }) => i.type === 'Soporte')).toMatchObject({ ownLimit: null, limit: 1 });
  });

  it('refuses an unknown type, a negative limit and an unknown organization', async () => {
    const ticket = await open(unique('Librería '), 'Cambio');
    const url = `/api/v1/automation/account-limits/${ticket.organizationId}`;
    const unknownType = await t.as(admin, 'PUT', url, { type: 'Mantenimiento', maxInWork: 1 });
    expect(unknownType.statusCode).toBe(422);
    expect(unknownType.json().error).toMatchObject({ code: 'REFERENCE_NOT_FOUND', details: { field: 'type' } });
    const negative = await t.as(admin, 'PUT', url, { type: 'Cambio', maxInWork: -1 });
    expect(negative.statusCode).toBe(400);
    expect(negative.json().error.code).toBe('VALIDATION_FAILED');
    const nobody = await t.as(admin, 'PUT', '/api/v1/automation/account-limits/nadie', {
      type: 'Cambio',
      maxInWork: 1,
    });
    expect(nobody.statusCode).toBe(404);
    expect((await limits(admin, 'nadie')).json().error.code).toBe('ORGANIZATION_NOT_FOUND');
  });
});
