import { queryOptions } from '@tanstack/react-query';
import { api } from '../../app/api.ts';
import type { Contact, ContactDetail, Page } from '../../app/api-types.ts';

export const contactKeys = {
  list: (q: string) => ['contacts', q] as const,
  one: (id: string) => ['contact', id] as const,
};

export function fetchContacts(
  q: string,
  options: { cursor?: string | null; organizationId?: string; signal?: AbortSignal } = {},
): Promise<Page<Contact>> {
  return api('/contacts', {
    query: { q: q || undefined, limit: 50, cursor: options.cursor, organizationId: options.organizationId },
    ...(options.signal ? { signal: options.signal } : {}),
  });
}

export function fetchContact(id: string, signal?: AbortSignal): Promise<ContactDetail> {
  return api(`/contacts/${encodeURIComponent(id)}`, signal ? { signal } : {});
}

export type ContactInput = {
  name: string;
  title?: string | null;
  organizationId?: string | null;
  organizationName?: string;
  emails?: Array<{ email: string; primary?: boolean }>;
  phones?: Array<{ phone: string; whatsapp?: boolean }>;
};

export function createContact(input: ContactInput): Promise<ContactDetail> {
  return api('/contacts', { method: 'POST', body: input });
}

export function updateContact(id: string, input: Partial<ContactInput>): Promise<ContactDetail> {
  return api(`/contacts/${encodeURIComponent(id)}`, { method: 'PATCH', body: input });
}

export function mergeContact(targetId: string, sourceId: string): Promise<ContactDetail> {
  return api(`/contacts/${encodeURIComponent(targetId)}/merge`, { method: 'POST', body: { sourceId } });
}

/** Mails the contact a single-use link to set their portal password (valid 72 h). */
export function inviteToPortal(id: string): Promise<{ sentTo: string; expiresAt: string }> {
  return api(`/contacts/${encodeURIComponent(id)}/invite`, { method: 'POST' });
}

/** Whether the contact may use the customer portal. */
export type PortalAccess = { active: boolean; hasPassword: boolean; organizationActive: boolean };

export const portalAccessQuery = (id: string) =>
  queryOptions({
    queryKey: [...contactKeys.one(id), 'portal-access'] as const,
    queryFn: ({ signal }) => api<PortalAccess>(`/contacts/${encodeURIComponent(id)}/portal-access`, { signal }),
  });

export function setPortalAccess(id: string, active: boolean): Promise<PortalAccess> {
  return api(`/contacts/${encodeURIComponent(id)}/portal-access`, { method: 'PATCH', body: { active } });
}

export const contactQuery = (id: string) =>
  queryOptions({ queryKey: contactKeys.one(id), queryFn: ({ signal }) => fetchContact(id, signal) });
