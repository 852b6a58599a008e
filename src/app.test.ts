import { afterEach, beforeEach, expect, it } from 'vitest';
import { isRouteAccess } from './http/plugins/auth.ts';
import { forEachDialect } from './testing/for-each-dialect.ts';
import { createTestApp, type TestApp } from './testing/test-app.ts';

forEachDialect('the HTTP application', (ctx) => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp(ctx);
  });
  afterEach(() => t.close());

  it('gives every /api route an explicit access rule', async () => {
    const routes = t.app.accessRules.filter((r) => r.url.startsWith('/api/v1'));
    expect(routes.length).toBeGreaterThan(10);
    for (const route of routes) {
      expect(isRouteAccess(route.access), `${route.method} ${route.url}`).toBe(true);
    }
  });

  it('refuses to register an /api route without an access rule', async () => {
    expect(() => t.app.get('/api/v1/unguarded', async () => ({ ok: true }))).toThrow(/has no access rule/);
  });

  // /readyz, with its database, migrations and live relay checks, is in http/database-outage.test.ts.
  it('answers /healthz', async () => {
    expect((await t.app.inject('/healthz')).json()).toEqual({ status: 'ok' });
  });

  it('serves Prometheus metrics with request counts by route and the database pool', async () => {
    await t.app.inject('/healthz');
    await t.app.inject('/api/v1/agents');
    const metrics = await t.app.inject('/metrics');
    expect(metrics.headers['content-type']).toContain('text/plain');
    expect(metrics.body).toContain('tiquete_http_requests_total{method="GET",route="/healthz",status_code="200"} 1');
    expect(metrics.body).toContain('route="/api/v1/agents",status_code="401"');
    expect(metrics.body).toContain('tiquete_http_request_duration_seconds_bucket');
    expect(metrics.body).toContain('tiquete_db_pool_connections{state="total"}');
    expect(metrics.body).toContain('tiquete_queue_pending{queue="outbox"} 0');
  });

  it('serves /metrics only to a scraper presenting METRICS_TOKEN when one is set', async () => {
    const guarded = await createTestApp(ctx, { METRICS_TOKEN: 'prometheus-scraper-token-0123' });
    expect((await guarded.app.inject('/metrics')).statusCode).toBe(401);
    const wrong = await guarded.app.inject({ url: '/metrics', headers: { authorization: 'Bearer otra-cosa' } });
    expect(wrong.statusCode).toBe(401);
    const right = await guarded.app.inject({
      url: '/metrics',
      headers: { authorization: 'Bearer prometheus-scraper-token-0123' },
    });
    expect(right.statusCode).toBe(200);
    expect(right.body).toContain('tiquete_db_info');
    await guarded.close();
  });

  it('documents every API route in OpenAPI 3 at /api/openapi.json and serves the docs UI', async () => {
    const spec = (await t.app.inject('/api/openapi.json')).json();
    expect(spec.openapi).toMatch(/^3\./);
    const documented = new Set<string>();
    for (const [path, methods] of Object.entries(spec.paths as Record<string, Record<string, unknown>>)) {
      for (const method of Object.keys(methods)) documented.add(`${method.toUpperCase()} ${path}`);
    }
    const apiRoutes = t.app.accessRules
      // OpenAPI cannot describe a WebSocket; the live protocol is described in the API's info text.
      .filter((r) => r.url.startsWith('/api/v1') && r.method !== 'HEAD' && r.url !== '/api/v1/live')
      .map((r) => `${r.method} ${r.url.replace(/:(\w+)/g, '{$1}')}`);
    expect(apiRoutes.length).toBeGreaterThan(10);
    for (const route of apiRoutes) expect(documented, route).toContain(route);
    expect(spec.info.description).toContain('/api/v1/live');
    const ui = await t.app.inject('/api/docs/');
    expect(ui.statusCode).toBe(200);
    expect(ui.body).toContain('swagger');
  });

  it('answers an oversized body with 413 and the limit', async () => {
    const small = await createTestApp(ctx, { BODY_LIMIT_BYTES: '1000' });
    const response = await small.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: 'a@b.c', password: 'x'.repeat(2000) },
    });
    expect(response.statusCode).toBe(413);
    expect(response.json().error).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', details: { limit: 1000 } });
    await small.close();
  });

  it('answers a body that is not JSON with 400', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: '{"email": ',
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error).toMatchObject({ code: 'BAD_REQUEST', message: 'El cuerpo no es JSON válido' });
  });

  it('speaks English to a client that asks for it', async () => {
    const response = await t.app.inject({ url: '/api/v1/agents', headers: { 'accept-language': 'en-US,en;q=0.9' } });
    expect(response.json().error.message).toBe('Sign in to continue');
  });

  it('answers an unknown API path with a JSON 404', async () => {
    const response = await t.app.inject('/api/v1/nothing-here');
    expect(response.statusCode).toBe(404);
    expect(response.json().error.code).toBe('NOT_FOUND');
  });

  it('never sends a stack trace or internal message to the client', async () => {
    t.app.get('/api/v1/test-explodes', { config: { access: 'public' } }, async () => {
      throw new Error('secret database password is hunter2');
    });
    const response = await t.app.inject('/api/v1/test-explodes');
    expect(response.statusCode).toBe(500);
    expect(response.json().error.code).toBe('INTERNAL');
    expect(response.body).not.toContain('hunter2');
    expect(response.body).not.toContain('at ');
  });

  it('sends security headers', async () => {
    const response = await t.app.inject('/healthz');
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['content-security-policy']).toContain("default-src 'self'");
    expect(response.headers['x-frame-options']).toBeDefined();
  });
});
