import type { LightMyRequestResponse } from 'fastify';
import { buildApp } from '../app.ts';
import { loadConfig } from '../config/config.ts';
import type { Agent } from '../core/accounts/agent.repository.ts';
import type { AuthSettings } from '../core/accounts/auth.service.ts';
import { ensureDefaults } from '../core/defaults.ts';
import { createServices, type Services } from '../core/services.ts';
import type { Actor, Role } from '../core/shared/actor.ts';
import { manualClock } from '../core/shared/clock.ts';
import type { NewTicket } from '../core/tickets/ticket.service.ts';
import type { TypedApp } from '../http/types.ts';
import { automationWork } from '../jobs/automation-work.ts';
import { createJobRunner, type JobRunner } from '../jobs/job-runner.ts';
import type { DialectContext } from './for-each-dialect.ts';

export const SYSTEM_ACTOR: Actor = { kind: 'system', reason: 'test' };
export const TEST_PASSWORD = 'correct horse battery';

let sequence = 0;
/** Unique values so tests never depend on each other's data. */
export function unique(prefix: string): string {
  sequence++;
  return `${prefix}${Date.now().toString(36)}${sequence}`;
}

export interface Session {
  cookie: string;
  csrfToken: string;
  agent: Agent;
}

export interface TestApp {
  app: TypedApp;
  services: Services;
  clock: ReturnType<typeof manualClock>;
  /** Creates an agent through the domain (not the API under test). */
  createAgent(overrides?: { role?: Role; email?: string; name?: string; departmentIds?: string[] }): Promise<Agent>;
  /** Opens a ticket through the ticket service (as Tiquete itself) for a known contact; returns its id. */
  openTicket(requesterId: string, fields?: Omit<Partial<NewTicket>, 'requester'>): Promise<string>;
  /** Signs in through the API and returns what a browser would keep. */
  login(email: string, password?: string): Promise<Session>;
  /** An agent of the given role, signed in. */
  signedIn(role: Role): Promise<Session>;
  /** A request carrying a session's cookie (and CSRF token on writes). */
  as(
    session: Session,
    method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
    url: string,
    payload?: unknown,
  ): Promise<LightMyRequestResponse>;
  /** The automation jobs (time rules, SLA, notices) as the server runs them, on this app's clock. */
  automationJobs(): JobRunner;
  close(): Promise<void>;
}

/** The real application on the test's database, driven with `inject` (no port). */
export async function createTestApp(
  ctx: DialectContext,
  env: Record<string, string> = {},
  opts: { auth?: Partial<AuthSettings> } = {},
): Promise<TestApp> {
  const config = loadConfig({
    SESSION_SECRET: 'test-secret-test-secret-test-secret-0123',
    DATA_DIR: '/nonexistent-test-data-dir',
    WEB_DIR: '/nonexistent-web-dir',
    LOG_FORMAT: 'json',
    ...env,
  });
  const clock = manualClock(new Date());
  await ensureDefaults(ctx.database.db, clock.now().toISOString());
  const services = createServices({ db: ctx.database.db, clock, auth: opts.auth, secretKey: config.sessionSecret });
  const app = await buildApp({ config, database: ctx.database, services, clock });

  const helper: TestApp = {
    app,
    services,
    clock,
    async createAgent(overrides = {}) {
      const { agent } = await services.agents.create(SYSTEM_ACTOR, {
        email: overrides.email ?? `${unique('agent')}@example.com`,
        name: overrides.name ?? 'Silvia Luna',
        role: overrides.role ?? 'agent',
        departmentIds: overrides.departmentIds,
        password: TEST_PASSWORD,
      });
      return agent;
    },
    async openTicket(requesterId, fields = {}) {
      const ticket = await services.tickets.create(SYSTEM_ACTOR, {
        subject: 'Consulta',
        body: 'Buenos días.',
        ...fields,
        requester: { id: requesterId },
      });
      return ticket.id;
    },
    async login(email, password = TEST_PASSWORD) {
      const response = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password } });
      if (response.statusCode !== 200) throw new Error(`login failed: ${response.statusCode} ${response.body}`);
      const cookie = response.cookies.find((c) => c.name === 'tiquete_session');
      if (!cookie) throw new Error('login set no session cookie');
      const body = response.json() as { user: Agent; csrfToken: string };
      return { cookie: `${cookie.name}=${cookie.value}`, csrfToken: body.csrfToken, agent: body.user };
    },
    async signedIn(role) {
      const agent = await helper.createAgent({ role });
      return helper.login(agent.email);
    },
    as(session, method, url, payload) {
      return app.inject({
        method,
        url,
        payload: payload as Record<string, unknown> | undefined,
        headers: { cookie: session.cookie, ...(method === 'GET' ? {} : { 'x-csrf-token': session.csrfToken }) },
      });
    },
    automationJobs() {
      const work = automationWork(services);
      return createJobRunner({
        db: ctx.database.db,
        clock,
        events: services.events,
        handlers: work.jobHandlers,
        recurring: work.recurring,
      });
    },
    close: () => app.close(),
  };
  return helper;
}
