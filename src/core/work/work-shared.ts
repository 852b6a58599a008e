import type { Db } from '../../db/database.ts';
import type { Agent } from '../accounts/agent.repository.ts';
import { agentRepository } from '../accounts/agent.repository.ts';
import { agentActor } from '../accounts/auth.service.ts';
import type { Actor } from '../shared/actor.ts';
import { AppError } from '../shared/app-error.ts';
import { canSeeTicket, type TicketVisibility } from '../tickets/ticket.policy.ts';

export const WORK_VIA = 'api';

/** The agent some work is for: the one named, or the caller; must exist and be active. */
export async function workAgent(db: Db, actor: Actor, agentId: string | undefined, field = 'agentId'): Promise<Agent> {
  const id = agentId ?? (actor.kind === 'agent' ? actor.id : undefined);
  if (!id) throw new AppError('VALIDATION_FAILED', 'Say which agent this is for', { field });
  const agent = await agentRepository(db).find(id);
  if (!agent?.active)
    throw new AppError('REFERENCE_NOT_FOUND', 'The agent does not exist or is inactive', { field, id });
  return agent;
}

/**
 * Work done for another agent must be on a ticket that agent can open: a reminder would otherwise
 * show them the subject of a ticket of another department.
 */
export function assertAgentMaySee(agent: Agent, ticket: TicketVisibility, field = 'agentId'): void {
  if (!canSeeTicket(agentActor(agent), ticket)) {
    throw new AppError('AGENT_CANNOT_SEE_TICKET', `${agent.name} cannot open this ticket`, {
      field,
      id: agent.id,
      agentName: agent.name,
    });
  }
}

/** An agent's own work is theirs to change; admins and supervisors may change anyone's (and Tiquete itself). */
export function canChangeWorkOf(actor: Actor, agentId: string): boolean {
  if (actor.kind === 'system') return true;
  return actor.kind === 'agent' && (actor.id === agentId || actor.role !== 'agent');
}

/** A date-time from the API as the UTC ISO text stored on both engines. */
export function toUtc(value: string, field: string): string {
  const time = Date.parse(value);
  if (Number.isNaN(time)) throw new AppError('VALIDATION_FAILED', `"${value}" is not a date and time`, { field });
  return new Date(time).toISOString();
}
