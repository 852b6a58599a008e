import { queryOptions } from '@tanstack/react-query';
import type { Static } from 'typebox';
import type { NotificationSchema } from '../../../../src/http/schemas/automation.ts';
import type {
  MatrixEntrySchema,
  MatrixOptionsSchema,
  NoticePreferenceSchema,
  NotificationMatrixSchema,
} from '../../../../src/http/schemas/notifications.ts';
import { api } from '../../app/api.ts';

export type Notification = Static<typeof NotificationSchema>;
export type MatrixEntry = Static<typeof MatrixEntrySchema>;
export type NotificationMatrix = Static<typeof NotificationMatrixSchema>;
export type MatrixOptions = Static<typeof MatrixOptionsSchema>;
export type NoticePreference = Static<typeof NoticePreferenceSchema>;
export type NoticeChannels = NoticePreference['channels'];
export const CHANNELS: readonly NoticeChannels[] = ['console', 'email', 'both', 'none'];

/** The id of the matrix departments without their own follow. */
export const DEFAULT_MATRIX_ID = 'default';

export const notificationKeys = {
  all: ['notifications'] as const,
  inbox: ['notifications', 'inbox'] as const,
  preferences: ['notifications', 'preferences'] as const,
  matrix: (id: string) => ['notifications', 'matrix', id] as const,
  options: ['notifications', 'matrix-options'] as const,
};

/** The bell's list: the newest 20 with the unread count. */
export const inboxQuery = queryOptions({
  queryKey: notificationKeys.inbox,
  queryFn: ({ signal }) =>
    api<{ items: Notification[]; unread: number }>('/notifications', { query: { limit: 20 }, signal }),
  // Live events refresh it; this is the fallback when the socket is down.
  refetchInterval: 60_000,
});

export const markRead = (ids: string[] | 'all') =>
  api<{ updated: number; unread: number }>('/notifications/read', { method: 'POST', body: { ids } });

export const preferencesQuery = queryOptions({
  queryKey: notificationKeys.preferences,
  queryFn: ({ signal }) => api<{ items: NoticePreference[] }>('/auth/me/notification-preferences', { signal }),
});

export const savePreferences = (items: NoticePreference[]) =>
  api<{ items: NoticePreference[] }>('/auth/me/notification-preferences', { method: 'PUT', body: { items } });

export const matrixQuery = (departmentId: string) =>
  queryOptions({
    queryKey: notificationKeys.matrix(departmentId),
    queryFn: ({ signal }) =>
      api<NotificationMatrix>(`/departments/${encodeURIComponent(departmentId)}/notification-matrix`, { signal }),
  });

export const matrixOptionsQuery = queryOptions({
  queryKey: notificationKeys.options,
  queryFn: ({ signal }) => api<MatrixOptions>('/notification-matrix/options', { signal }),
  staleTime: Number.POSITIVE_INFINITY,
});

export const saveMatrix = ({ departmentId, entries }: { departmentId: string; entries: MatrixEntry[] }) =>
  api<NotificationMatrix>(`/departments/${encodeURIComponent(departmentId)}/notification-matrix`, {
    method: 'PUT',
    body: { entries },
  });

export const inheritMatrix = (departmentId: string) =>
  api<NotificationMatrix>(`/departments/${encodeURIComponent(departmentId)}/notification-matrix`, {
    method: 'DELETE',
  });
