import type { LightMyRequestResponse } from 'fastify';
import { buildApp } from '../app.ts';
import { loadConfig } from '../config/config.ts';
import type { Agent } from '../core/accounts/agent.repository.ts';
import { argon2Hasher } from '../core/accounts/password.ts';
import type { AuthSettings } from '../core/accounts/session-keeper.ts';
import type { Contact } from '../core/contacts/contact.repository.ts';
import { ensureDefaults } from '../core/defaults.ts';
import { portalAccountRepository } from '../core/portal/portal-account.repository.ts';
import type { PortalContact } from '../core/portal/portal-auth.service.ts';
import { createServices, type Services } from '../core/services.ts';
import type { Actor, Locale, OrganizationRole, Role } from '../core/shared/actor.ts';
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

/** What a browser keeps after a contact signs in to the portal. */
export interface PortalSession {
  cookie: string;
  csrfToken: string;
  contact: PortalContact;
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
  /**
   * A contact who can sign in to the portal (password TEST_PASSWORD), created through the domain;
   * with an organization (a new one unless `organizationId` is given), a member unless told.
   */
  createPortalContact(overrides?: {
    organizationId?: string | null;
    organizationRole?: OrganizationRole;
    name?: string;
    email?: string;
    locale?: Locale;
  }): Promise<Contact>;
  /** Signs a contact in to the portal through the API. */
  portalLogin(email: string, password?: string): Promise<PortalSession>;
  /** An agent of the given role, signed in. */
  signedIn(role: Role): Promise<Session>;
  /** A request carrying a session's cookie (and CSRF token on writes). */
  as(
    session: Pick<Session, 'cookie' | 'csrfToken'>,
    method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
    url: string,
    payload?: unknown,
  ): Promise<LightMyRequestResponse>;
  /** The automation jobs (time rules, SLA, notices) as the server runs them, on this app's clock. */
  automationJobs(): JobRunner;
  close(): Promise<void>;
}

/** The real application on the test's database, driven with `inject` (no port). */
/** The test app's SESSION_SECRET, from which the key of sealed values derives. */
export const TEST_SESSION_SECRET = 'test-secret-test-secret-test-secret-0123';

export async function createTestApp(
  ctx: DialectContext,
  env: Record<string, string> = {},
  opts: { auth?: Partial<AuthSettings> } = {},
): Promise<TestApp> {
  const config = loadConfig({
    SESSION_SECRET: TEST_SESSION_SECRET,
    DATA_DIR: '/nonexistent-test-data-dir',
    WEB_DIR: '/nonexistent-web-dir',
    LOG_FORMAT: 'json',
    ...env,
  });
  const clock = manualClock(new Date());
  await ensureDefaults(ctx.database.db, clock.now().toISOString());
  const services = createServices({
    db: ctx.database.db,
    clock,
    auth: opts.auth,
    secretKey: config.sessionSecret,
    publicUrl: config.publicUrl,
  });
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
    async createPortalContact(overrides = {}) {
      const organizationId =
        overrides.organizationId === undefined
          ? (await services.organizations.create(SYSTEM_ACTOR, { name: unique('Cimatic') })).id
          : overrides.organizationId;
      const contact = await services.contacts.create(SYSTEM_ACTOR, {
        name: overrides.name ?? 'Lucía Vargas',
        emails: [{ email: overrides.email ?? `${unique('cliente')}@example.com` }],
        organizationId,
        organizationRole: overrides.organizationRole ?? 'member',
        locale: overrides.locale,
      });
      const now = clock.now().toISOString();
      await portalAccountRepository(ctx.database.db).setPassword(
        contact.id,
        await argon2Hasher.hash(TEST_PASSWORD),
        now,
      );
      return contact;
    },
    async portalLogin(email, password = TEST_PASSWORD) {
      const response = await app.inject({
        method: 'POST',
        url: '/api/v1/portal/auth/login',
        payload: { email, password },
      });
      if (response.statusCode !== 200) throw new Error(`portal login failed: ${response.statusCode} ${response.body}`);
      const cookie = response.cookies.find((c) => c.name === 'tiquete_session');
      if (!cookie) throw new Error('portal login set no session cookie');
      const body = response.json() as { contact: PortalContact; csrfToken: string };
      return { cookie: `${cookie.name}=${cookie.value}`, csrfToken: body.csrfToken, contact: body.contact };
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
