import type { StatusCategory } from '../../db/database.ts';
import type { AttachmentInfo, Message } from '../conversation/message.service.ts';
import type { TicketListItem } from '../tickets/ticket.service.ts';
import type { TicketStatus, Vocabulary } from '../tickets/ticket-settings.service.ts';
import type { Priority } from '../tickets/ticket-vocabulary.ts';

/**
 * What a customer sees of a ticket: built field by field from the staff's view, so a field added
 * for staff (assignee, tags, flags, SLA, internal custom fields…) never reaches the portal by itself.
 */
export interface PortalTicket {
  id: string;
  number: string;
  subject: string;
  status: { label: string; category: StatusCategory };
  priority: Priority;
  /** Only a type or category that customers may choose is named; others show as null. */
  type: string | null;
  category: string | null;
  requester: { name: string | null };
  /** Whether the signed-in contact is the requester: only they are asked to rate it (issue 15). */
  isRequester: boolean;
  createdAt: string;
  updatedAt: string;
  solvedAt: string | null;
  closedAt: string | null;
}

/** A public reply as a customer sees it: who wrote it (by name only), what it says, its files. */
export interface PortalMessage {
  id: string;
  author: { kind: 'agent' | 'contact' | 'system'; name: string };
  body: string;
  html: string | null;
  createdAt: string;
  attachments: AttachmentInfo[];
}

/** The priorities a customer may choose (seed 004: Baja, Normal, Alta, Urgente); `critica` is staff's. */
export const PORTAL_PRIORITIES = ['baja', 'normal', 'alta', 'urgente'] as const satisfies readonly Priority[];

/** The status's customer-facing label; a status without one shows its name. */
export function customerLabel(status: Pick<TicketStatus, 'name' | 'customerLabel'>): string {
  return status.customerLabel?.trim() || status.name;
}

export function presentPortalTicket(ticket: TicketListItem, vocabulary: Vocabulary, viewerId: string): PortalTicket {
  const status = vocabulary.statuses.find((s) => s.id === ticket.statusId);
  const shown = (items: { id: string; name: string; customerVisible: boolean }[], id: string | null) => {
    const item = items.find((i) => i.id === id);
    return item?.customerVisible ? item.name : null;
  };
  return {
    id: ticket.id,
    number: ticket.number,
    subject: ticket.subject,
    status: { label: status ? customerLabel(status) : ticket.status, category: ticket.statusCategory },
    priority: ticket.priority,
    type: shown(vocabulary.types, ticket.typeId),
    category: shown(vocabulary.categories, ticket.categoryId),
    requester: { name: ticket.requester.name },
    isRequester: ticket.requester.id === viewerId,
    createdAt: ticket.createdAt,
    updatedAt: ticket.updatedAt,
    solvedAt: ticket.solvedAt,
    closedAt: ticket.closedAt,
  };
}

export function presentPortalMessage(message: Message): PortalMessage {
  return {
    id: message.id,
    author: { kind: message.author.kind, name: message.author.name },
    body: message.body,
    html: message.html,
    createdAt: message.createdAt,
    attachments: message.attachments.map((a) => ({
      id: a.id,
      filename: a.filename,
      contentType: a.contentType,
      size: a.size,
    })),
  };
}
