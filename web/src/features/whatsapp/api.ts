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
  welcomeText?: string | null;
  welcomeTemplate?: { name: string; language: string } | null;
  sessionTemplate?: { name: string; language: string } | null;
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

/** Whether a reply on the ticket can go by WhatsApp, and until when the 24-hour window is open. */
export type WhatsappReplyState = {
  available: boolean;
  phone: string | null;
  lastInboundAt: string | null;
  closesAt: string | null;
  windowOpen: boolean;
};

/** A template Meta approved: `{{1}}`, `{{2}}`… in its body are its parameters. */
export type ApprovedTemplate = { name: string; language: string; body: string; parameters: number };

/** Under the ticket's key: a customer's new message (a live event) reopens the window on screen. */
export const whatsappStateQuery = (ticketId: string) =>
  queryOptions({
    queryKey: ['ticket', ticketId, 'whatsapp'] as const,
    queryFn: ({ signal }) => api<WhatsappReplyState>(`/tickets/${encodeURIComponent(ticketId)}/whatsapp`, { signal }),
  });

export const whatsappTemplatesQuery = (ticketId: string) =>
  queryOptions({
    queryKey: ['whatsapp', 'templates', ticketId] as const,
    queryFn: ({ signal }) =>
      api<{ items: ApprovedTemplate[] }>(`/tickets/${encodeURIComponent(ticketId)}/whatsapp/templates`, {
        signal,
      }).then((r) => r.items),
    staleTime: 5 * 60_000,
  });

/** The template's body as the customer will read it: `{{n}}` replaced by the n-th parameter. */
export function fillTemplate(body: string, parameters: readonly string[]): string {
  return body.replace(/\{\{(\d+)\}\}/g, (whole, n: string) => parameters[Number(n) - 1]?.trim() || whole);
}

/** Seed 000's one-click messages: each becomes a WhatsApp reply on the ticket. */
export const sendWelcome = (ticketId: string) =>
  api<{ id: string }>(`/tickets/${encodeURIComponent(ticketId)}/whatsapp/welcome`, { method: 'POST' });
export const sendSessionLink = (ticketId: string, sessionId: string, joinUrl: string) =>
  api<{ id: string }>(`/tickets/${encodeURIComponent(ticketId)}/sessions/${encodeURIComponent(sessionId)}/whatsapp`, {
    method: 'POST',
    body: joinUrl.trim() ? { joinUrl: joinUrl.trim() } : {},
  });

/** A webhook body whose processing failed on every attempt, kept for an admin to retry. */
export type FailedWebhook = { id: string; attempts: number; error: string | null; receivedAt: string };

export const failedWebhooksQuery = queryOptions({
  queryKey: ['whatsapp', 'webhooks', 'failed'] as const,
  queryFn: ({ signal }) =>
    api<{ items: FailedWebhook[] }>('/whatsapp/webhooks/failed', { signal }).then((r) => r.items),
});

export const retryFailedWebhooks = (ids?: string[]) =>
  api<{ requeued: number }>('/whatsapp/webhooks/failed/retry', { method: 'POST', body: ids ? { ids } : {} });
