import type { MatrixEntry } from './api.ts';

type Event = MatrixEntry['event'];
type Template = MatrixEntry['template'];
export type RoleRecipient = Exclude<MatrixEntry['recipient'], 'agent'>;

/** The customer mail an event sends by default when the requester is ticked. */
export function customerTemplateFor(event: Event): Template {
  return event === 'ticket_solved' ? 'ticket_solved' : 'ticket_updated';
}

/** Ticks or clears one cell; a new cell gets the template its recipient reads by default. */
export function toggleCell(
  entries: MatrixEntry[],
  event: Event,
  recipient: RoleRecipient,
  on: boolean,
  agentTemplate: Template,
): MatrixEntry[] {
  const rest = entries.filter((e) => !(e.event === event && e.recipient === recipient));
  if (!on) return rest;
  const template = recipient === 'requester' ? customerTemplateFor(event) : agentTemplate;
  return [...rest, { event, recipient, agentId: null, template }];
}

/** Changes the template of a cell (for named agents: of all of them, who share one). */
export function setCellTemplate(
  entries: MatrixEntry[],
  event: Event,
  recipient: MatrixEntry['recipient'],
  template: Template,
): MatrixEntry[] {
  return entries.map((e) => (e.event === event && e.recipient === recipient ? { ...e, template } : e));
}

/** The named agents of an event become exactly `agentIds`, keeping the template they had. */
export function setNamedAgents(
  entries: MatrixEntry[],
  event: Event,
  agentIds: string[],
  agentTemplate: Template,
): MatrixEntry[] {
  const template = entries.find((e) => e.event === event && e.recipient === 'agent')?.template ?? agentTemplate;
  return [
    ...entries.filter((e) => !(e.event === event && e.recipient === 'agent')),
    ...[...new Set(agentIds)].map((agentId): MatrixEntry => ({ event, recipient: 'agent', agentId, template })),
  ];
}
