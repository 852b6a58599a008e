export type Role = 'admin' | 'supervisor' | 'agent';
export type Locale = 'es' | 'en';
export type OrganizationRole = 'owner' | 'admin' | 'main_contact' | 'member';

/** Who is doing something: a signed-in agent, a customer contact, or Tiquete itself (rules, jobs). */
export type Actor =
  | { kind: 'agent'; id: string; role: Role; departmentIds: string[]; locale: Locale }
  | {
      kind: 'contact';
      id: string;
      organizationId: string | null;
      /** Owners, admins and main contacts see all of their organization's tickets. */
      organizationRole: OrganizationRole;
      locale: Locale;
    }
  | { kind: 'system'; reason: string };

export const LOCALES: readonly Locale[] = ['es', 'en'];
export const ROLES: readonly Role[] = ['admin', 'supervisor', 'agent'];
