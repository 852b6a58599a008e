import type { Locale } from '../../i18n/i18n.ts';

// Mirrors the server's `user` object from /api/v1/auth/*. When the server publishes its
// schema types for the browser, import them here instead.
export type Role = 'admin' | 'supervisor' | 'agent';

export type SessionUser = {
  id: string;
  name: string;
  email: string;
  initials: string;
  role: Role;
  locale: Locale;
  timeZone: string;
  skills: string[];
  departmentIds: string[];
  active: boolean;
  createdAt: string;
  updatedAt: string;
};

export type Session = {
  user: SessionUser;
  /** `null` only for bearer-token callers, which the browser never is. */
  csrfToken: string | null;
};

export type Credentials = { email: string; password: string };
