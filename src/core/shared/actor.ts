export type Role = 'admin' | 'supervisor' | 'agent';
export type Locale = 'es' | 'en';

/** Who is doing something: a signed-in agent, a customer contact, or Tiquete itself (rules, jobs). */
export type Actor =
  | { kind: 'agent'; id: string; role: Role; departmentIds: string[]; locale: Locale }
  | { kind: 'contact'; id: string; organizationId: string | null; locale: Locale }
  | { kind: 'system'; reason: string };

export const LOCALES: readonly Locale[] = ['es', 'en'];
export const ROLES: readonly Role[] = ['admin', 'supervisor', 'agent'];
