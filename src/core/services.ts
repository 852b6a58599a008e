import type { Db } from '../db/database.ts';
import { createAgentService } from './accounts/agent.service.ts';
import { type AuthSettings, createAuthService } from './accounts/auth.service.ts';
import { argon2Hasher, type PasswordHasher } from './accounts/password.ts';
import { createDepartmentService } from './departments/department.service.ts';
import type { Clock } from './shared/clock.ts';

export interface ServiceDeps {
  db: Db;
  clock: Clock;
  passwords?: PasswordHasher;
  auth?: Partial<AuthSettings>;
}

/** Every domain service, wired to one database and clock. Routes, the CLI and jobs share it. */
export function createServices(deps: ServiceDeps) {
  const passwords = deps.passwords ?? argon2Hasher;
  const base = { db: deps.db, clock: deps.clock };
  return {
    agents: createAgentService({ ...base, passwords }),
    departments: createDepartmentService(base),
    auth: createAuthService({ ...base, passwords, settings: deps.auth }),
  };
}

export type Services = ReturnType<typeof createServices>;
