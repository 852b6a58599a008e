import type { ReactNode } from 'react';
import type { Role } from '../features/auth/types.ts';
import { useSession } from '../features/auth/useSession.ts';
import { ErrorView } from './ErrorPage.tsx';

/**
 * Shows its children only to the given roles; anyone else gets a plain "no access" page
 * inside the console. The server enforces the same rule on every API call this page makes.
 */
export function RequireRole({ roles, children }: { roles: Role[]; children: ReactNode }) {
  const session = useSession();
  if (!session) return null;
  if (!roles.includes(session.user.role)) return <ErrorView kind="forbidden" />;
  return children;
}
