import type { Db } from '../../db/database.ts';
import { apiTokenRepository, sessionRepository } from './session.repository.ts';

/** The credential a request came with, kept when its own holder changes the password. */
export interface KeptCredential {
  sessionId?: string;
  tokenId?: string;
}

/**
 * Ends every session and revokes every API token of an agent, but the caller's own credential.
 * The one place for it: a password change by an admin, by the agent, or `tiquete reset-password`
 * must leave whoever held the old password (or a token made with it) signed out.
 */
export async function endAgentAccess(db: Db, agentId: string, now: string, keep: KeptCredential = {}): Promise<void> {
  await sessionRepository(db).deleteForPrincipal('agent', agentId, keep.sessionId);
  await apiTokenRepository(db).revokeAllForAgent(agentId, now, keep.tokenId);
}
