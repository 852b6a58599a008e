import type { Actor } from '../shared/actor.ts';
import { AppError } from '../shared/app-error.ts';
import { type CoreDeps, inSettingsTransaction } from '../shared/core-deps.ts';
import { newSecret } from '../shared/ids.ts';
import { assertCan } from './access.policy.ts';
import { agentRepository } from './agent.repository.ts';
import { normalizeEmail } from './agent.service.ts';
import { endAgentAccess } from './agent-access.ts';
import type { PasswordHasher } from './password.ts';

/**
 * Gives an agent a new generated password and ends every session and API token the agent had,
 * so whoever held the old credentials is out (`tiquete reset-password EMAIL`).
 */
export function createPasswordReset(deps: CoreDeps & { passwords: PasswordHasher }) {
  return async function resetPassword(actor: Actor, email: string): Promise<{ email: string; password: string }> {
    assertCan(actor, 'agents.write');
    const password = newSecret(12);
    const passwordHash = await deps.passwords.hash(password);
    return inSettingsTransaction(deps, async ({ trx }) => {
      const agent = await agentRepository(trx).findByEmail(normalizeEmail(email));
      if (!agent) throw new AppError('AGENT_NOT_FOUND', `No agent has the email ${email}`, { email });
      const now = deps.clock.now().toISOString();
      await agentRepository(trx).update(agent.id, { passwordHash }, now);
      await endAgentAccess(trx, agent.id, now);
      return { email: agent.email, password };
    });
  };
}
