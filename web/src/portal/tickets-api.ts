import { api } from '../app/api.ts';

/** The customer priorities (seed 004); the console's `critica` is staff's only. */
export const PORTAL_PRIORITIES = ['baja', 'normal', 'alta', 'urgente'] as const;
export type PortalPriority = (typeof PORTAL_PRIORITIES)[number];

/** A ticket as its customer sees it (`PortalTicket` on the server): no internal field. */
export type PortalTicket = {
  id: string;
  number: string;
  subject: string;
  status: { label: string; category: string };
  priority: string;
  type: string | null;
  category: string | null;
  requester: { name: string | null };
  /** Only the requester is asked to rate the ticket. */
  isRequester: boolean;
  createdAt: string;
  updatedAt: string;
  solvedAt: string | null;
  closedAt: string | null;
};

export type PortalAttachment = { id: string; filename: string; contentType: string; size: number };

/** A public reply (`PortalMessage`): notes never reach the portal. */
export type PortalMessage = {
  id: string;
  author: { kind: 'agent' | 'contact' | 'system'; name: string };
  body: string;
  html: string | null;
  createdAt: string;
  attachments: PortalAttachment[];
};

export type PortalField = { key: string; label: string; kind: string; options: string[]; required: boolean };

export type PortalOptions = {
  priorities: PortalPriority[];
  statuses: string[];
  types: { id: string; name: string; fields: PortalField[] }[];
  categories: { id: string; name: string }[];
  attachmentLimitBytes: number;
};

export type PortalSort = 'updated' | 'created' | 'number';
export type PortalListFilters = { closed: boolean; status: string | null; q: string; sort: PortalSort };
type Page<T> = { items: T[]; nextCursor: string | null };

export const portalTicketsKey = ['portal', 'tickets'] as const;

export function fetchPortalOptions(signal?: AbortSignal): Promise<PortalOptions> {
  return api<PortalOptions>('/portal/ticket-options', signal ? { signal } : {});
}

export function listPortalTickets(
  filters: PortalListFilters,
  cursor: string | undefined,
  signal?: AbortSignal,
): Promise<Page<PortalTicket>> {
  return api<Page<PortalTicket>>('/portal/tickets', {
    query: {
      closed: filters.closed || undefined,
      status: filters.status,
      q: filters.q.trim() || undefined,
      sort: filters.sort,
      cursor,
      limit: 25,
    },
    ...(signal && { signal }),
  });
}

export function fetchPortalTicket(idOrNumber: string, signal?: AbortSignal): Promise<PortalTicket> {
  return api<PortalTicket>(`/portal/tickets/${encodeURIComponent(idOrNumber)}`, signal ? { signal } : {});
}

export function listPortalMessages(
  idOrNumber: string,
  cursor: string | undefined,
  signal?: AbortSignal,
): Promise<Page<PortalMessage>> {
  return api<Page<PortalMessage>>(`/portal/tickets/${encodeURIComponent(idOrNumber)}/messages`, {
    query: { cursor, limit: 100 },
    ...(signal && { signal }),
  });
}

/** JSON without files; with files, multipart with the same fields (objects as JSON text). */
function body(fields: Record<string, unknown>, files: File[]): unknown {
  if (files.length === 0) return fields;
  const form = new FormData();
  for (const [key, value] of Object.entries(fields)) {
    if (value !== undefined) form.set(key, typeof value === 'string' ? value : JSON.stringify(value));
  }
  for (const file of files) form.append('files', file, file.name);
  return form;
}

export type NewPortalTicket = {
  subject: string;
  description: string;
  priority: PortalPriority;
  type?: string;
  category?: string;
  customFields?: Record<string, unknown>;
  files: File[];
};

export function createPortalTicket({ files, ...fields }: NewPortalTicket): Promise<PortalTicket> {
  return api<PortalTicket>('/portal/tickets', { method: 'POST', body: body(fields, files) });
}

export function replyToPortalTicket(
  idOrNumber: string,
  { files, ...fields }: { body: string; solved: boolean; files: File[] },
): Promise<{ message: PortalMessage; ticket: PortalTicket }> {
  return api(`/portal/tickets/${encodeURIComponent(idOrNumber)}/messages`, {
    method: 'POST',
    body: body({ body: fields.body, solved: fields.solved || undefined }, files),
  });
}

export function reopenPortalTicket(idOrNumber: string): Promise<PortalTicket> {
  return api<PortalTicket>(`/portal/tickets/${encodeURIComponent(idOrNumber)}/reopen`, { method: 'POST' });
}

/** The survey token of a solved ticket; only its requester gets one (others 403). */
export async function fetchSurveyToken(idOrNumber: string, signal?: AbortSignal): Promise<string> {
  const path = `/portal/tickets/${encodeURIComponent(idOrNumber)}/survey`;
  return (await api<{ token: string }>(path, signal ? { signal } : {})).token;
}

export function attachmentUrl(id: string): string {
  return `/api/v1/portal/attachments/${encodeURIComponent(id)}`;
}
