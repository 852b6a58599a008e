import type { Db } from '../db/database.ts';
import { type AuthSettings, createAuthService } from './accounts/auth.service.ts';
import { createAgentService } from './accounts/agent.service.ts';
import { type PasswordHasher, argon2Hasher } from './accounts/password.ts';
import { createDepartmentService } from './departments/department.service.ts';
import type { Clock } from './shared/clock.ts';
import type { CoreDeps } from './shared/core-deps.ts';
import { type EventBus, createEventBus } from './shared/domain-events.ts';

export interface ServiceDeps {
  db: Db;
  clock: Clock;
  events?: EventBus;
  passwords?: PasswordHasher;
  auth?: Partial<AuthSettings>;
}

/** Every domain service, wired to one database, clock and event bus. Routes, the CLI and jobs share it. */
export function createServices(deps: ServiceDeps) {
  const passwords = deps.passwords ?? argon2Hasher;
  const core: CoreDeps = { db: deps.db, clock: deps.clock, events: deps.events ?? createEventBus() };
  return {
    events: core.events,
    agents: createAgentService({ ...core, passwords }),
    departments: createDepartmentService(core),
    auth: createAuthService({ ...core, passwords, settings: deps.auth }),
  };
}

export type Services = ReturnType<typeof createServices>;
