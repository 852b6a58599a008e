import { queryOptions } from '@tanstack/react-query';
import type { Static } from 'typebox';
import type { WhatsappNumberSchema } from '../../../../src/http/schemas/whatsapp.ts';
import { api } from '../../app/api.ts';

export type WhatsappNumber = Static<typeof WhatsappNumberSchema>;

export type WhatsappNumberInput = {
  phoneNumberId: string;
  businessAccountId: string;
  displayNumber: string;
  departmentId: string | null;
  graphBaseUrl: string;
  graphVersion: string;
  /** Left out on an edit: the stored secret stays (it is never sent back to the console). */
  accessToken?: string;
  appSecret?: string;
  verifyToken?: string;
};

export const whatsappKeys = {
  numbers: ['whatsapp', 'numbers'] as const,
};

export const whatsappNumbersQuery = queryOptions({
  queryKey: whatsappKeys.numbers,
  queryFn: ({ signal }) => api<{ items: WhatsappNumber[] }>('/whatsapp/numbers', { signal }).then((r) => r.items),
});

export const createWhatsappNumber = (body: WhatsappNumberInput) =>
  api<WhatsappNumber>('/whatsapp/numbers', { method: 'POST', body });
export const updateWhatsappNumber = (id: string, body: Partial<WhatsappNumberInput>) =>
  api<WhatsappNumber>(`/whatsapp/numbers/${encodeURIComponent(id)}`, { method: 'PATCH', body });
export const deleteWhatsappNumber = (id: string) =>
  api<void>(`/whatsapp/numbers/${encodeURIComponent(id)}`, { method: 'DELETE' });
