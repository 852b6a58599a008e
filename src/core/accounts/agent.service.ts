import type { Db } from '../../db/database.ts';
import { departmentRepository } from '../departments/department.repository.ts';
import type { Actor, Locale, Role } from '../shared/actor.ts';
import { AppError } from '../shared/app-error.ts';
import { type CoreDeps, inSettingsTransaction } from '../shared/core-deps.ts';
import { newId, newSecret } from '../shared/ids.ts';
import { decodeCursor, type Page, toPage } from '../shared/pagination.ts';
import { initialsOf } from '../shared/text.ts';
import { assertTimeZone, DEFAULT_TIME_ZONE } from '../shared/time-zone.ts';
import { assertCan } from './access.policy.ts';
import { type Agent, type AgentChanges, agentRepository } from './agent.repository.ts';
import { endAgentAccess } from './agent-access.ts';
import { MIN_PASSWORD_LENGTH, type PasswordHasher } from './password.ts';

export type { Agent } from './agent.repository.ts';

export interface NewAgent {
  email: string;
  name: string;
  initials?: string;
  role?: Role;
  locale?: Locale;
  timeZone?: string;
  skills?: string[];
  departmentIds?: string[];
  password?: string;
  active?: boolean;
}

export type AgentUpdate = Partial<Omit<NewAgent, 'password'>> & { password?: string };

/** Every write here changes what signed-in requests see of an agent: it drops the cached credentials. */
export function createAgentService(deps: CoreDeps & { passwords: PasswordHasher }) {
  async function checkDepartments(db: Db, ids: string[] | undefined): Promise<void> {
    if (!ids || ids.length === 0) return;
    const existing = await departmentRepository(db).existingIds(ids);
    const missing = ids.filter((id) => !existing.has(id));
    if (missing.length > 0) {
      throw new AppError('REFERENCE_NOT_FOUND', `Unknown department: ${missing.join(', ')}`, {
        field: 'departmentIds',
        missing,
      });
    }
  }

  return {
    /**
     * Creates an agent. Without a password one is generated and returned once, so an admin can
     * hand it over (the CLI prints it).
     */
    async create(actor: Actor, input: NewAgent): Promise<{ agent: Agent; generatedPassword: string | null }> {
      assertCan(actor, 'agents.write');
      const email = normalizeEmail(input.email);
      const name = input.name.trim();
      if (!name) throw new AppError('VALIDATION_FAILED', 'The name must not be empty', { field: 'name' });
      const timeZone = input.timeZone ?? DEFAULT_TIME_ZONE;
      assertTimeZone(timeZone);
      const generatedPassword = input.password === undefined ? newSecret(12) : null;
      const password = input.password ?? (generatedPassword as string);
      assertPassword(password);
      const passwordHash = await deps.passwords.hash(password);

      const agent = await inSettingsTransaction(deps, async ({ trx }) => {
        const agents = agentRepository(trx);
        if (await agents.findByEmail(email)) {
          throw new AppError('EMAIL_TAKEN', `An agent with the email ${email} already exists`, { field: 'email' });
        }
        await checkDepartments(trx, input.departmentIds);
        const now = deps.clock.now().toISOString();
        const initials = await uniqueInitials(trx, input.initials, name);
        const created: Agent = {
          id: newId(),
          email,
          name,
          initials,
          role: input.role ?? 'agent',
          locale: input.locale ?? 'es',
          timeZone,
          skills: normalizeSkills(input.skills ?? []),
          departmentIds: [...new Set(input.departmentIds ?? [])].sort(),
          active: input.active ?? true,
          createdAt: now,
          updatedAt: now,
        };
        await agents.insert(created, passwordHash);
        return created;
      });
      return { agent, generatedPassword };
    },

    async update(actor: Actor, id: string, input: AgentUpdate): Promise<Agent> {
      const editingSelf = actor.kind === 'agent' && actor.id === id;
      const onlyOwnPreferences = Object.keys(input).every((k) => k === 'locale' || k === 'timeZone');
      if (!(editingSelf && onlyOwnPreferences)) assertCan(actor, 'agents.write');
      if (input.timeZone !== undefined) assertTimeZone(input.timeZone);
      if (input.password !== undefined) assertPassword(input.password);
      const passwordHash = input.password === undefined ? undefined : await deps.passwords.hash(input.password);

      return inSettingsTransaction(deps, async ({ trx }) => {
        const agents = agentRepository(trx);
        const current = await agents.find(id);
        if (!current) throw new AppError('AGENT_NOT_FOUND', 'Agent not found', { id });
        const changes: AgentChanges = {
          ...(input.email !== undefined && { email: normalizeEmail(input.email) }),
          ...(input.name !== undefined && { name: input.name.trim() }),
          ...(input.initials !== undefined && { initials: input.initials.trim().toUpperCase() }),
          ...(input.role !== undefined && { role: input.role }),
          ...(input.locale !== undefined && { locale: input.locale }),
          ...(input.timeZone !== undefined && { timeZone: input.timeZone }),
          ...(input.skills !== undefined && { skills: normalizeSkills(input.skills) }),
          ...(input.active !== undefined && { active: input.active }),
          ...(passwordHash !== undefined && { passwordHash }),
        };
        if (changes.initials !== undefined && changes.initials !== current.initials) {
          changes.initials = await uniqueInitials(trx, changes.initials, current.name, id);
        }
        if (changes.name === '') {
          throw new AppError('VALIDATION_FAILED', 'The name must not be empty', { field: 'name' });
        }
        if (changes.email && changes.email !== current.email && (await agents.findByEmail(changes.email))) {
          throw new AppError('EMAIL_TAKEN', `An agent with the email ${changes.email} already exists`, {
            field: 'email',
          });
        }
        const losesAdmin =
          current.role === 'admin' &&
          current.active &&
          ((changes.role !== undefined && changes.role !== 'admin') || changes.active === false);
        if (losesAdmin && (await agents.countActiveAdmins()) <= 1) {
          throw new AppError('LAST_ADMIN', 'Tiquete needs at least one active admin', { id });
        }
        await checkDepartments(trx, input.departmentIds);
        const now = deps.clock.now().toISOString();
        await agents.update(id, changes, now);
        // A new password set for an agent signs out every session and token made with the old one.
        if (passwordHash !== undefined) await endAgentAccess(trx, id, now);
        if (input.departmentIds !== undefined) await agents.setDepartments(id, input.departmentIds);
        return (await agents.find(id)) as Agent;
      });
    },

    async get(actor: Actor, id: string): Promise<Agent> {
      if (!(actor.kind === 'agent' && actor.id === id)) assertCan(actor, 'agents.read');
      const agent = await agentRepository(deps.db).find(id);
      if (!agent) throw new AppError('AGENT_NOT_FOUND', 'Agent not found', { id });
      return agent;
    },

    async findByEmail(actor: Actor, email: string): Promise<Agent> {
      assertCan(actor, 'agents.read');
      const agent = await agentRepository(deps.db).findByEmail(normalizeEmail(email));
      if (!agent) throw new AppError('AGENT_NOT_FOUND', `No agent has the email ${email}`, { email });
      return agent;
    },

    async list(
      actor: Actor,
      opts: { cursor?: string; limit: number; includeInactive?: boolean; departmentId?: string },
    ): Promise<Page<Agent>> {
      assertCan(actor, 'agents.read');
      const rows = await agentRepository(deps.db).list({
        after: decodeCursor(opts.cursor),
        limit: opts.limit + 1,
        includeInactive: opts.includeInactive ?? false,
        departmentId: opts.departmentId,
      });
      return toPage(rows, opts.limit, (a) => a.id);
    },

    async count(): Promise<number> {
      return agentRepository(deps.db).count();
    },
  };
}

export type AgentService = ReturnType<typeof createAgentService>;

/**
 * Initials name one agent (notes mention `@ACC`): chosen ones must be free; derived ones get a
 * number when taken ("SL", "SL2").
 */
async function uniqueInitials(db: Db, chosen: string | undefined, name: string, exceptId?: string): Promise<string> {
  const agents = agentRepository(db);
  const wanted = chosen?.trim().toUpperCase();
  if (wanted !== undefined && wanted !== '') {
    if (!/^[\p{L}\p{N}]{1,6}$/u.test(wanted)) {
      throw new AppError('VALIDATION_FAILED', 'Initials are 1 to 6 letters or digits', { field: 'initials' });
    }
    const holder = await agents.findByInitials(wanted);
    if (holder && holder.id !== exceptId) {
      throw new AppError('INITIALS_TAKEN', `The initials ${wanted} belong to ${holder.name}`, { field: 'initials' });
    }
    return wanted;
  }
  const base = initialsOf(name) || 'A';
  for (let n = 1; ; n++) {
    const candidate = n === 1 ? base : `${base.slice(0, 5)}${n}`;
    const holder = await agents.findByInitials(candidate);
    if (!holder || holder.id === exceptId) return candidate;
  }
}

export function normalizeEmail(email: string): string {
  const value = email.trim().toLowerCase();
  if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(value)) {
    throw new AppError('VALIDATION_FAILED', `"${email}" is not an email address`, { field: 'email' });
  }
  return value;
}

function normalizeSkills(skills: string[]): string[] {
  return [...new Set(skills.map((s) => s.trim().toUpperCase()).filter(Boolean))].sort();
}

export function assertPassword(password: string, field = 'password'): void {
  if (password.length < MIN_PASSWORD_LENGTH) {
    throw new AppError('VALIDATION_FAILED', `The password must have at least ${MIN_PASSWORD_LENGTH} characters`, {
      field,
    });
  }
}
