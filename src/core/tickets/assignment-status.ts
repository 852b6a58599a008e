import type { TicketRecord } from './ticket.repository.ts';
import type { Vocabulary } from './ticket-vocabulary.repository.ts';

/**
 * 004 VII (Cimatic): "NUEVO: el ticket espera se asigne un consultor". When a consultant gets a
 * ticket that still waits in the first status of the new category (take, dispatch, a keyword
 * rule), it is being worked: it moves to the first open status its type allows. A status chosen
 * in the same change wins; later new-category statuses (a queue) are left alone.
 */
export function statusOnAssignment(
  vocabulary: Vocabulary,
  current: TicketRecord,
  next: TicketRecord,
): { id: string; category: 'open' } | null {
  if (!next.assigneeId || next.assigneeId === current.assigneeId) return null;
  if (next.statusId !== current.statusId) return null;
  const waiting = vocabulary.statuses.find((s) => s.active && s.category === 'new');
  if (!waiting || current.statusId !== waiting.id) return null;
  const barred = vocabulary.types.find((t) => t.id === next.typeId)?.barredStatusIds ?? [];
  const open = vocabulary.statuses.find((s) => s.active && s.category === 'open' && !barred.includes(s.id));
  return open ? { id: open.id, category: 'open' } : null;
}
