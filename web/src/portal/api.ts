import { api, isApiError } from '../app/api.ts';
import type { Locale } from '../i18n/i18n.ts';

/** The signed-in contact (`PortalContact` on the server). */
export type PortalContact = {
  id: string;
  name: string;
  email: string | null;
  organizationId: string | null;
  organizationName: string | null;
  organizationRole: 'owner' | 'admin' | 'main_contact' | 'member';
  locale: Locale;
  isMainContact: boolean;
};

export type PortalSession = { contact: PortalContact; csrfToken: string };

/** A user of the organization on the main contact's "Usuarios" page (`PortalUser`). */
export type PortalUser = {
  id: string;
  name: string;
  email: string | null;
  organizationRole: PortalContact['organizationRole'];
  isMainContact: boolean;
  active: boolean;
  hasPassword: boolean;
};

/**
 * The portal session, or `null` when no contact is signed in: nobody (401), or an agent's
 * console session (403), which never opens the portal.
 */
export async function fetchPortalSession(signal?: AbortSignal): Promise<PortalSession | null> {
  try {
    return await api<PortalSession>('/portal/auth/me', signal ? { signal } : {});
  } catch (error) {
    if (isApiError(error) && (error.status === 401 || error.status === 403)) return null;
    throw error;
  }
}

export function portalLogin(credentials: { email: string; password: string }): Promise<PortalSession> {
  return api<PortalSession>('/portal/auth/login', { method: 'POST', body: credentials });
}

export function portalLogout(): Promise<void> {
  return api<void>('/portal/auth/logout', { method: 'POST' });
}

export function requestPasswordLink(email: string): Promise<void> {
  return api<void>('/portal/auth/forgot', { method: 'POST', body: { email } });
}

export function setPortalPassword(input: { token: string; password: string }): Promise<void> {
  return api<void>('/portal/auth/set-password', { method: 'POST', body: input });
}

export function changePortalPassword(input: { currentPassword: string; newPassword: string }): Promise<void> {
  return api<void>('/portal/auth/password', { method: 'POST', body: input });
}

export async function listPortalUsers(signal?: AbortSignal): Promise<PortalUser[]> {
  return (await api<{ items: PortalUser[] }>('/portal/users', signal ? { signal } : {})).items;
}

export function invitePortalUser(input: { name: string; email: string; locale?: Locale }): Promise<PortalUser> {
  return api<PortalUser>('/portal/users', { method: 'POST', body: input });
}

export function updatePortalUser(id: string, changes: { active?: boolean; name?: string }): Promise<PortalUser> {
  return api<PortalUser>(`/portal/users/${encodeURIComponent(id)}`, { method: 'PATCH', body: changes });
}

export function reinvitePortalUser(id: string): Promise<PortalUser> {
  return api<PortalUser>(`/portal/users/${encodeURIComponent(id)}/invite`, { method: 'POST' });
}
