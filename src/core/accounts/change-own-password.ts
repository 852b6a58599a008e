import { AppError } from '../shared/app-error.ts';
import { type CoreDeps, inSettingsTransaction } from '../shared/core-deps.ts';
import { agentRepository } from './agent.repository.ts';
import { assertPassword } from './agent.service.ts';
import { endAgentAccess, type KeptCredential } from './agent-access.ts';
import type { SignedIn } from './auth.service.ts';
import type { PasswordHasher } from './password.ts';

/**
 * An agent changes their own password, proving the current one. Every other session and token
 * ends (whoever knew the old password is out); the session or token making the change stays.
 */
export function createChangeOwnPassword(deps: CoreDeps & { passwords: PasswordHasher }) {
  return async (caller: SignedIn, input: { currentPassword: string; newPassword: string }): Promise<void> => {
    assertPassword(input.newPassword, 'newPassword');
    const found = await agentRepository(deps.db).findCredentials(caller.agent.email);
    const valid =
      found?.agent.id === caller.agent.id &&
      found.passwordHash !== null &&
      (await deps.passwords.verify(found.passwordHash, input.currentPassword));
    if (!valid) {
      throw new AppError('CURRENT_PASSWORD_INCORRECT', 'The current password is not correct', {
        field: 'currentPassword',
      });
    }
    const passwordHash = await deps.passwords.hash(input.newPassword);
    const keep: KeptCredential =
      caller.via === 'session' ? { sessionId: caller.credentialId } : { tokenId: caller.credentialId };
    await inSettingsTransaction(deps, async ({ trx }) => {
      const now = deps.clock.now().toISOString();
      await agentRepository(trx).update(caller.agent.id, { passwordHash }, now);
      await endAgentAccess(trx, caller.agent.id, now, keep);
    });
  };
}
