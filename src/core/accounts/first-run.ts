import { seedDemoData } from '../demo/demo-data.ts';
import type { Services } from '../services.ts';
import type { Actor } from '../shared/actor.ts';

const SYSTEM: Actor = { kind: 'system', reason: 'first run' };
export const DEFAULT_ADMIN_EMAIL = 'admin@tiquete.example';

export interface FirstRunResult {
  /** The admin made on this run, with the password when Tiquete chose it. */
  admin: { email: string; password: string | null } | null;
  demo: { departments: number; agents: number; tickets?: number } | null;
}

/**
 * On an empty database: demo data (unless turned off) and the first admin, from
 * TIQUETE_ADMIN_EMAIL/PASSWORD for unattended installs or with a generated password.
 */
export async function prepareFirstRun(
  services: Services,
  opts: { demo: boolean; admin: { email: string; password: string } | null },
): Promise<FirstRunResult> {
  if ((await services.agents.count()) > 0) return { admin: null, demo: null };
  const demo = opts.demo ? await seedDemoData(services) : null;
  const { agent, generatedPassword } = await services.agents.create(SYSTEM, {
    email: opts.admin?.email ?? DEFAULT_ADMIN_EMAIL,
    name: 'Administrador',
    role: 'admin',
    password: opts.admin?.password,
  });
  return { admin: { email: agent.email, password: generatedPassword }, demo };
}
