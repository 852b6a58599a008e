import { afterEach, beforeEach, expect, it } from 'vitest';
import { argon2Hasher } from '../../core/accounts/password.ts';
import { createServices } from '../../core/services.ts';
import { forEachDialect } from '../../testing/for-each-dialect.ts';
import { createTestApp, TEST_PASSWORD, type TestApp } from '../../testing/test-app.ts';

forEachDialect('signing in and sessions', (ctx) => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp(ctx);
  });
  afterEach(() => t.close());

  it('signs in with email and password, sets an httpOnly SameSite=Lax cookie and returns the CSRF token', async () => {
    const agent = await t.createAgent({ email: 'Silvia.Luna@Example.com' });
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: 'silvia.luna@example.com', password: TEST_PASSWORD },
    });
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.user).toMatchObject({ id: agent.id, email: 'silvia.luna@example.com', initials: 'SL', role: 'agent' });
    expect(body.user).not.toHaveProperty('passwordHash');
    expect(body.csrfToken).toEqual(expect.any(String));
    const cookie = response.cookies.find((c) => c.name === 'tiquete_session');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    expect(cookie?.secure).toBeFalsy();
  });

  it('marks the cookie Secure when PUBLIC_URL is https', async () => {
    const secure = await createTestApp(ctx, { PUBLIC_URL: 'https://soporte.example.com' });
    const agent = await secure.createAgent();
    const response = await secure.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: agent.email, password: TEST_PASSWORD },
    });
    expect(response.cookies.find((c) => c.name === 'tiquete_session')?.secure).toBe(true);
    await secure.close();
  });

  it('answers a wrong password exactly like an unknown email, and checks a hash in both cases', async () => {
    let verifications = 0;
    const counting = {
      ...argon2Hasher,
      verify(hash: string, password: string) {
        verifications++;
        return argon2Hasher.verify(hash, password);
      },
    };
    const services = createServices({ db: ctx.database.db, clock: t.clock, passwords: counting });
    const agent = await t.createAgent();

    const wrongPassword = await services.auth
      .login({ email: agent.email, password: 'not the password', ip: '1.1.1.1', userAgent: null })
      .catch((e: Error) => e);
    expect(verifications).toBe(1);
    const unknownEmail = await services.auth
      .login({ email: 'nobody@example.com', password: 'not the password', ip: '1.1.1.1', userAgent: null })
      .catch((e: Error) => e);
    expect(verifications).toBe(2);
    expect(wrongPassword).toMatchObject({ code: 'INVALID_CREDENTIALS' });
    expect(unknownEmail).toMatchObject({ code: 'INVALID_CREDENTIALS', message: (wrongPassword as Error).message });

    const viaApi = await Promise.all(
      [agent.email, 'nobody@example.com'].map((email) =>
        t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password: 'nope-nope' } }),
      ),
    );
    expect(viaApi.map((r) => r.statusCode)).toEqual([401, 401]);
    expect(viaApi[0]?.json()).toEqual(viaApi[1]?.json());
    expect(viaApi[0]?.json().error.code).toBe('INVALID_CREDENTIALS');
  });

  it('refuses the 11th failed login for an account within a minute with 429, even with the right password', async () => {
    const agent = await t.createAgent();
    for (let i = 0; i < 10; i++) {
      const r = await t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { email: agent.email, password: `wrong-${i}-password` },
        remoteAddress: `10.0.0.${i + 1}`,
      });
      expect(r.statusCode).toBe(401);
    }
    const eleventh = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: agent.email, password: TEST_PASSWORD },
      remoteAddress: '10.0.1.1',
    });
    expect(eleventh.statusCode).toBe(429);
    expect(eleventh.json().error.code).toBe('RATE_LIMITED');

    t.clock.advance(61_000);
    const later = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: agent.email, password: TEST_PASSWORD },
    });
    expect(later.statusCode).toBe(200);
  });

  it('limits sign-in attempts per IP address', async () => {
    const limited = await createTestApp(ctx, { LOGIN_RATE_LIMIT_PER_IP: '3' });
    const codes: number[] = [];
    for (let i = 0; i < 4; i++) {
      const r = await limited.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { email: `someone${i}@example.com`, password: 'whatever1' },
      });
      codes.push(r.statusCode);
    }
    expect(codes).toEqual([401, 401, 401, 429]);
    await limited.close();
  });

  it('refuses a cookie-authenticated write without the CSRF token (403)', async () => {
    const session = await t.signedIn('agent');
    const without = await t.app.inject({
      method: 'PATCH',
      url: '/api/v1/auth/me',
      payload: { locale: 'en' },
      headers: { cookie: session.cookie },
    });
    expect(without.statusCode).toBe(403);
    expect(without.json().error.code).toBe('CSRF_TOKEN_INVALID');
    const wrong = await t.app.inject({
      method: 'PATCH',
      url: '/api/v1/auth/me',
      payload: { locale: 'en' },
      headers: { cookie: session.cookie, 'x-csrf-token': 'forged' },
    });
    expect(wrong.statusCode).toBe(403);
    const right = await t.as(session, 'PATCH', '/api/v1/auth/me', { locale: 'en' });
    expect(right.statusCode).toBe(200);
    expect(right.json().user.locale).toBe('en');
  });

  it('stores the language choice on the agent', async () => {
    const session = await t.signedIn('agent');
    await t.as(session, 'PATCH', '/api/v1/auth/me', { locale: 'en' });
    const again = await t.login(session.agent.email);
    expect(again.agent.locale).toBe('en');
    const me = await t.as(again, 'GET', '/api/v1/auth/session');
    expect(me.json().user.locale).toBe('en');
  });

  it('does not let an agent change its own role through /auth/me', async () => {
    const session = await t.signedIn('agent');
    const response = await t.as(session, 'PATCH', '/api/v1/auth/me', { role: 'admin' });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.details.errors[0].field).toBe('body.role');
  });

  it('gives a new session at each sign-in and ends it at logout', async () => {
    const agent = await t.createAgent();
    const first = await t.login(agent.email);
    const second = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: agent.email, password: TEST_PASSWORD },
      headers: { cookie: first.cookie },
    });
    const rotated = second.cookies.find((c) => c.name === 'tiquete_session');
    expect(rotated?.value).not.toBe(first.cookie.split('=')[1]);
    expect((await t.as(first, 'GET', '/api/v1/auth/session')).statusCode).toBe(401);

    const session = { ...first, cookie: `tiquete_session=${rotated?.value}`, csrfToken: second.json().csrfToken };
    expect((await t.as(session, 'POST', '/api/v1/auth/logout')).statusCode).toBe(204);
    expect((await t.as(session, 'GET', '/api/v1/auth/session')).statusCode).toBe(401);
  });

  it('answers 401 without a session', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/v1/auth/session' });
    expect(response.statusCode).toBe(401);
    expect(response.json().error).toMatchObject({ code: 'UNAUTHENTICATED', message: 'Inicia sesión para continuar' });
  });

  it('ends a session after two weeks without use', async () => {
    const session = await t.signedIn('agent');
    t.clock.advance(15 * 24 * 3600_000);
    expect((await t.as(session, 'GET', '/api/v1/auth/session')).statusCode).toBe(401);
  });

  it('refuses a deactivated agent', async () => {
    const admin = await t.signedIn('admin');
    const session = await t.signedIn('agent');
    await t.as(admin, 'PATCH', `/api/v1/agents/${session.agent.id}`, { active: false });
    expect((await t.as(session, 'GET', '/api/v1/auth/session')).statusCode).toBe(401);
    await expect(t.login(session.agent.email)).rejects.toThrow(/401/);
  });
});

forEachDialect('API tokens', (ctx) => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp(ctx);
  });
  afterEach(() => t.close());

  it('shows a token once, authenticates with Bearer without CSRF, and refuses it once revoked (401)', async () => {
    const session = await t.signedIn('agent');
    const created = await t.as(session, 'POST', '/api/v1/auth/tokens', { name: 'integración ERP' });
    expect(created.statusCode).toBe(201);
    const { token, apiToken } = created.json();
    expect(token).toMatch(/^tqt_/);
    expect(apiToken).not.toHaveProperty('token');

    const listed = await t.as(session, 'GET', '/api/v1/auth/tokens');
    expect(JSON.stringify(listed.json())).not.toContain(token);

    const bearer = { authorization: `Bearer ${token}` };
    const read = await t.app.inject({ method: 'GET', url: '/api/v1/departments', headers: bearer });
    expect(read.statusCode).toBe(200);
    const write = await t.app.inject({
      method: 'PATCH',
      url: '/api/v1/auth/me',
      headers: bearer,
      payload: { locale: 'en' },
    });
    expect(write.statusCode).toBe(200);

    expect((await t.as(session, 'DELETE', `/api/v1/auth/tokens/${apiToken.id}`)).json().revokedAt).toEqual(
      expect.any(String),
    );
    const revoked = await t.app.inject({ method: 'GET', url: '/api/v1/departments', headers: bearer });
    expect(revoked.statusCode).toBe(401);
    expect(revoked.json().error.code).toBe('TOKEN_INVALID');
  });

  it('refuses a made-up token with 401', async () => {
    const response = await t.app.inject({
      method: 'GET',
      url: '/api/v1/agents',
      headers: { authorization: 'Bearer tqt_madeup' },
    });
    expect(response.statusCode).toBe(401);
  });

  it("lets only admins make tokens for other agents, and hides other agents' tokens", async () => {
    const agent = await t.signedIn('agent');
    const other = await t.createAgent();
    const refused = await t.as(agent, 'POST', '/api/v1/auth/tokens', { name: 'x', agentId: other.id });
    expect(refused.statusCode).toBe(403);
    const admin = await t.signedIn('admin');
    const made = await t.as(admin, 'POST', '/api/v1/auth/tokens', { name: 'x', agentId: other.id });
    expect(made.statusCode).toBe(201);
    const revokeByStranger = await t.as(agent, 'DELETE', `/api/v1/auth/tokens/${made.json().apiToken.id}`);
    expect(revokeByStranger.statusCode).toBe(404);
  });
});
