import type { Db } from '../../db/database.ts';
import type { SettingsCache } from '../settings/settings-cache.ts';
import { type Agent, agentRepository } from './agent.repository.ts';

/**
 * Every active agent, as ticket writes need them: rules assign by skill or address, notices go to a
 * department's agents in their language. Kept in the settings cache, which every write to agents or
 * their departments drops on every instance (`inSettingsTransaction`); a create read them in three
 * statements each time. Frozen: callers share the list.
 */
export function activeAgentDirectory(db: Db, cache: SettingsCache): Promise<readonly Agent[]> {
  return cache.get('agents:active', async () => {
    const agents = await agentRepository(db).listActive();
    for (const agent of agents) freezeAgent(agent);
    return Object.freeze(agents);
  });
}

/** Freezes a cached agent and its arrays, so a caller that would change a shared one fails loudly. */
export function freezeAgent<T extends Agent | undefined>(agent: T): T {
  if (agent) {
    Object.freeze(agent.skills);
    Object.freeze(agent.departmentIds);
    Object.freeze(agent);
  }
  return agent;
}

/** The ids of a department's active agents (who "the department" is for notices and rules). */
export async function departmentAgentIds(db: Db, cache: SettingsCache, departmentId: string): Promise<string[]> {
  return (await activeAgentDirectory(db, cache)).filter((a) => a.departmentIds.includes(departmentId)).map((a) => a.id);
}
