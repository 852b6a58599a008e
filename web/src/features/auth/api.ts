import { api, isApiError } from '../../app/api.ts';
import type { Locale } from '../../i18n/i18n.ts';
import type { Credentials, Session, SessionUser } from './types.ts';

/** The current session, or `null` when nobody is signed in (the server answers 401). */
export async function fetchSession(signal?: AbortSignal): Promise<Session | null> {
  try {
    return await api<Session>('/auth/session', signal ? { signal } : {});
  } catch (error) {
    if (isApiError(error) && error.status === 401) return null;
    throw error;
  }
}

export function login(credentials: Credentials): Promise<Session> {
  return api<Session>('/auth/login', { method: 'POST', body: credentials });
}

export function logout(): Promise<void> {
  return api<void>('/auth/logout', { method: 'POST' });
}

export async function updateMyLocale(locale: Locale): Promise<SessionUser> {
  const { user } = await api<{ user: SessionUser }>('/auth/me', { method: 'PATCH', body: { locale } });
  return user;
}

/** Changes the signed-in agent's password; the server ends every other session and token. */
export function changeMyPassword(input: { currentPassword: string; newPassword: string }): Promise<void> {
  return api<void>('/auth/me/password', { method: 'POST', body: input });
}
