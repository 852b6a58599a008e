import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { forEachDialect } from '../../testing/for-each-dialect.ts';
import { recordStatements } from '../../testing/statement-recorder.ts';
import { createTestApp, type Session, SYSTEM_ACTOR, type TestApp, unique } from '../../testing/test-app.ts';

/**
 * Requests take their agent (and a bearer token its token row) from memory. A change made on one
 * instance — a token revoked, an agent deactivated, a new role or departments — holds on the very
 * next request on another instance of the same database (PostgreSQL: two apps, each with its own
 * cache and relay connection; SQLite serves one instance).
 */
forEachDialect('credentials cached between requests', (ctx) => {
  let a: TestApp;
  let b: TestApp;
  beforeEach(async () => {
    a = await createTestApp(ctx);
    b = ctx.dialect === 'postgres' ? await createTestApp(ctx) : a;
  });
  afterEach(async () => {
    if (b !== a) await b.close();
    await a.close();
  });

  /** Runs a write on instance A and waits until instance B heard of it (B drops its cache). */
  async function heardOnB<T>(write: () => Promise<T>): Promise<T> {
    const before = b.services.settingsCache.generation();
    const result = await write();
    await vi.waitFor(() => expect(b.services.settingsCache.generation()).toBeGreaterThan(before), { timeout: 5000 });
    return result;
  }

  async function changeOnA(change: () => Promise<{ statusCode: number }>, status: number) {
    expect((await heardOnB(change)).statusCode).toBe(status);
  }

  async function tokenOf(session: Session): Promise<{ id: string; bearer: { authorization: string } }> {
    const created = await a.as(session, 'POST', '/api/v1/auth/tokens', { name: unique('integración ') });
    expect(created.statusCode).toBe(201);
    const { token, apiToken } = created.json() as { token: string; apiToken: { id: string } };
    return { id: apiToken.id, bearer: { authorization: `Bearer ${token}` } };
  }

  const getOnB = (url: string, headers: Record<string, string>) => b.app.inject({ method: 'GET', url, headers });

  it('a token revoked on one instance is refused on the next request to another', async () => {
    const session = await a.signedIn('agent');
    const { id, bearer } = await tokenOf(session);
    // B has resolved (and cached) the token.
    expect((await getOnB('/api/v1/auth/session', bearer)).statusCode).toBe(200);
    expect((await getOnB('/api/v1/auth/session', bearer)).statusCode).toBe(200);

    await changeOnA(() => a.as(session, 'DELETE', `/api/v1/auth/tokens/${id}`), 200);
    const refused = await getOnB('/api/v1/auth/session', bearer);
    expect(refused.statusCode).toBe(401);
    expect(refused.json().error.code).toBe('TOKEN_INVALID');
  });

  it('an agent deactivated on one instance loses its token and its session on another', async () => {
    const admin = await a.signedIn('admin');
    const agent = await a.createAgent();
    const onB = await b.login(agent.email);
    const { bearer } = await tokenOf(await a.login(agent.email));
    expect((await getOnB('/api/v1/auth/session', bearer)).statusCode).toBe(200);
    expect((await b.as(onB, 'GET', '/api/v1/auth/session')).statusCode).toBe(200);

    await changeOnA(() => a.as(admin, 'PATCH', `/api/v1/agents/${agent.id}`, { active: false }), 200);
    expect((await getOnB('/api/v1/auth/session', bearer)).statusCode).toBe(401);
    expect((await b.as(onB, 'GET', '/api/v1/auth/session')).statusCode).toBe(401);
  });

  it("a new role or new departments set on one instance decide the agent's next request on another", async () => {
    const admin = await a.signedIn('admin');
    const support = await a.services.departments.create(SYSTEM_ACTOR, { name: unique('Soporte ') });
    const billing = await a.services.departments.create(SYSTEM_ACTOR, { name: unique('Facturación ') });
    const agent = await a.createAgent({ departmentIds: [support.id] });
    const onB = await b.login(agent.email);
    const { bearer } = await tokenOf(await a.login(agent.email));
    const requester = await a.services.contacts.create(SYSTEM_ACTOR, {
      name: 'Ana Mora',
      emails: [{ email: `${unique('cliente')}@ferreteria.example` }],
    });
    const billingTicket = await a.openTicket(requester.id, { departmentId: billing.id });
    const seen = async () => {
      const viaToken = (await getOnB(`/api/v1/tickets/${billingTicket}`, bearer)).statusCode;
      const viaSession = (await b.as(onB, 'GET', `/api/v1/tickets/${billingTicket}`)).statusCode;
      expect(viaSession).toBe(viaToken);
      return viaToken;
    };
    const patchAgent = (changes: Record<string, unknown>) =>
      changeOnA(() => a.as(admin, 'PATCH', `/api/v1/agents/${agent.id}`, changes), 200);

    // Another department's ticket is hidden (404, its existence not told).
    expect(await seen()).toBe(404);
    await patchAgent({ departmentIds: [support.id, billing.id] });
    expect(await seen()).toBe(200);
    await patchAgent({ departmentIds: [support.id] });
    expect(await seen()).toBe(404);
    // Supervisors see every department's tickets; back to agent, only their own again.
    await patchAgent({ role: 'supervisor' });
    expect(await seen()).toBe(200);
    await patchAgent({ role: 'agent' });
    expect(await seen()).toBe(404);
  });

  it('a repeated request with a token runs no statement for the credential; its last use is still written every five minutes', async () => {
    // Every write before the measure has reached B, so no drop lands in the middle of it.
    const agent = await heardOnB(() => a.createAgent());
    const session = await a.login(agent.email);
    const { bearer } = await heardOnB(() => tokenOf(session));
    const request = async () => {
      const recording = recordStatements();
      try {
        // The route itself reads nothing: every statement is the credential's.
        expect((await getOnB('/api/v1/auth/session', bearer)).statusCode).toBe(200);
      } finally {
        recording.stop();
      }
      return recording.statements.map((text) => text.replace(/\s+/g, ' '));
    };

    // First use: the token row, the agent and its departments are read, and the last use written.
    const first = await request();
    expect(first.some((text) => /from "api_tokens"/.test(text))).toBe(true);
    expect(first.some((text) => /update "api_tokens" set "last_used_at"/.test(text))).toBe(true);
    expect(await request()).toEqual([]);

    // Five minutes on the cached row still says "never used": the touch is remembered, written once.
    b.clock.advance(5 * 60_000 + 1);
    const later = await request();
    expect(later).toHaveLength(1);
    expect(later[0]).toMatch(/^update "api_tokens" set "last_used_at"/);
    expect(await request()).toEqual([]);
  });
});
