import { describe, expect, it } from 'vitest';
import type { MatrixEntry } from './api.ts';
import { setCellTemplate, setNamedAgents, toggleCell } from './matrix-editing.ts';

const assigned: MatrixEntry = {
  event: 'ticket_assigned',
  recipient: 'assignee',
  agentId: null,
  template: 'agent_assigned',
};

describe('editing a notification matrix', () => {
  it('ticks the requester with a customer mail and staff with an agent notice', () => {
    const withRequester = toggleCell([], 'ticket_solved', 'requester', true, 'agent_ticket_updated');
    expect(withRequester).toEqual([
      { event: 'ticket_solved', recipient: 'requester', agentId: null, template: 'ticket_solved' },
    ]);
    const withSupervisors = toggleCell([], 'flag_set', 'supervisors', true, 'agent_flag_set');
    expect(withSupervisors[0]?.template).toBe('agent_flag_set');
  });

  it('clears a cell without touching the others', () => {
    const entries = toggleCell([assigned], 'ticket_solved', 'requester', true, 'agent_ticket_updated');
    expect(toggleCell(entries, 'ticket_solved', 'requester', false, 'agent_ticket_updated')).toEqual([assigned]);
  });

  it('keeps the named agents’ shared template when people are added or removed', () => {
    let entries = setNamedAgents([assigned], 'ticket_closed', ['lucero', 'saray'], 'agent_ticket_closed');
    entries = setCellTemplate(entries, 'ticket_closed', 'agent', 'agent_ticket_updated');
    entries = setNamedAgents(entries, 'ticket_closed', ['saray', 'majo', 'majo'], 'agent_ticket_closed');
    expect(entries.filter((e) => e.recipient === 'agent')).toEqual([
      { event: 'ticket_closed', recipient: 'agent', agentId: 'saray', template: 'agent_ticket_updated' },
      { event: 'ticket_closed', recipient: 'agent', agentId: 'majo', template: 'agent_ticket_updated' },
    ]);
    expect(entries).toContainEqual(assigned);
  });
});
