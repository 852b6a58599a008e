import { expect, it } from 'vitest';
import { forEachDialect } from '../../testing/for-each-dialect.ts';
import { recordStatements } from '../../testing/statement-recorder.ts';
import { type Session, SYSTEM_ACTOR, unique } from '../../testing/test-app.ts';
import { twoInstances } from '../../testing/two-instances.ts';

/**
 * Requests take their agent (role, departments, active) from memory; session and token rows are
 * read each time. A change made on one instance — a token revoked, an agent deactivated, a new role
 * or departments — holds on the next request to another instance of the same database (PostgreSQL:
 * two apps, each with its own cache and relay connection; SQLite serves one instance).
 */
forEachDialect('credentials cached between requests', (ctx) => {
  const instances = twoInstances(ctx);

  async function tokenOf(session: Session): Promise<{ id: string; bearer: { authorization: string } }> {
    const { a } = instances;
    const created = await a.as(session, 'POST', '/api/v1/auth/tokens', { name: unique('integración ') });
    expect(created.statusCode).toBe(201);
    const { token, apiToken } = created.json() as { token: string; apiToken: { id: string } };
    return { id: apiToken.id, bearer: { authorization: `Bearer ${token}` } };
  }

  const getOnB = (url: string, headers: Record<string, string>) =>
    instances.b.app.inject({ method: 'GET', url, headers });

  it('a token revoked on one instance is refused at once by another', async () => {
    const { a } = instances;
    const session = await a.signedIn('agent');
    const { id, bearer } = await tokenOf(session);
    // B has resolved (and cached) the token.
    expect((await getOnB('/api/v1/auth/session', bearer)).statusCode).toBe(200);
    expect((await getOnB('/api/v1/auth/session', bearer)).statusCode).toBe(200);

    // Token rows are not cached: nothing to wait for (the CLI revokes too, and cannot reach B).
    expect((await a.as(session, 'DELETE', `/api/v1/auth/tokens/${id}`)).statusCode).toBe(200);
    const refused = await getOnB('/api/v1/auth/session', bearer);
    expect(refused.statusCode).toBe(401);
    expect(refused.json().error.code).toBe('TOKEN_INVALID');
  });

  it('an agent deactivated on one instance loses its token and its session on another', async () => {
    const { a, b } = instances;
    const admin = await a.signedIn('admin');
    const agent = await a.createAgent();
    const onB = await b.login(agent.email);
    const { bearer } = await tokenOf(await a.login(agent.email));
    expect((await getOnB('/api/v1/auth/session', bearer)).statusCode).toBe(200);
    expect((await b.as(onB, 'GET', '/api/v1/auth/session')).statusCode).toBe(200);

    await instances.changeOnA(() => a.as(admin, 'PATCH', `/api/v1/agents/${agent.id}`, { active: false }), 200);
    expect((await getOnB('/api/v1/auth/session', bearer)).statusCode).toBe(401);
    expect((await b.as(onB, 'GET', '/api/v1/auth/session')).statusCode).toBe(401);
  });

  it("a new role or new departments set on one instance decide the agent's next request on another", async () => {
    const { a, b } = instances;
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
      instances.changeOnA(() => a.as(admin, 'PATCH', `/api/v1/agents/${agent.id}`, changes), 200);

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

  it("a repeated request reads only its session or token row; a token's last use is still written every five minutes", async () => {
    const { a, b } = instances;
    // The agent's creation has reached B, so no drop lands in the middle of the measure.
    const agent = await instances.heardOnB(() => a.createAgent());
    const session = await b.login(agent.email);
    const { bearer } = await tokenOf(await a.login(agent.email));
    const statementsOf = async (send: () => Promise<{ statusCode: number }>) => {
      const recording = recordStatements();
      try {
        // The route itself reads nothing: every statement is the credential's.
        expect((await send()).statusCode).toBe(200);
      } finally {
        recording.stop();
      }
      return recording.statements.map((text) => text.replace(/\s+/g, ' ').replace(/ from .*/, ''));
    };
    const byToken = () => statementsOf(() => getOnB('/api/v1/auth/session', bearer));
    const bySession = () => statementsOf(() => b.as(session, 'GET', '/api/v1/auth/session'));
    const tokenRow = expect.stringMatching(/^select "id", "agent_id", .*"revoked_at"$/);
    const touch = expect.stringMatching(/^update "api_tokens" set "last_used_at"/);

    // First use: the token row, the agent and its departments unless cached already, the last use written.
    const first = await byToken();
    expect(first[0]).toEqual(tokenRow);
    expect(first.at(-1)).toEqual(touch);
    expect(await byToken()).toEqual([tokenRow]);
    expect(await bySession()).toEqual(['select *']);

    // Five minutes later the last use is written again, once.
    b.clock.advance(5 * 60_000 + 1);
    expect(await byToken()).toEqual([tokenRow, touch]);
    expect(await byToken()).toEqual([tokenRow]);
  });
});
