import { queryOptions } from '@tanstack/react-query';
import { api } from '../../app/api.ts';
import type { Payment, ReceiptReading } from '../../app/api-types.ts';

export const paymentKeys = {
  ofTicket: (ticketId: string) => ['payments', 'ticket', ticketId] as const,
};

export const ticketPaymentsQuery = (ticketId: string) =>
  queryOptions({
    queryKey: paymentKeys.ofTicket(ticketId),
    queryFn: ({ signal }) => api<{ items: Payment[] }>(`/tickets/${encodeURIComponent(ticketId)}/payments`, { signal }),
  });

const readingsPath = (ticketId: string) => `/tickets/${encodeURIComponent(ticketId)}/receipt-readings`;
const readingKey = (ticketId: string, attachmentId: string) => ['payments', 'receipt-reading', ticketId, attachmentId];

/**
 * Starts reading a receipt file by OCR (or returns what was read before): the server answers at once,
 * "pending" while it reads. Asking again is harmless, so it may live in a query.
 */
export const startReadingQuery = (ticketId: string, attachmentId: string) =>
  queryOptions({
    queryKey: [...readingKey(ticketId, attachmentId), 'start'],
    queryFn: ({ signal }) =>
      api<ReceiptReading>(readingsPath(ticketId), { method: 'POST', body: { attachmentId }, signal }),
    retry: false,
    staleTime: Number.POSITIVE_INFINITY,
  });

/** The reading, asked every second until it is done or failed. */
export const readingQuery = (ticketId: string, attachmentId: string) =>
  queryOptions({
    queryKey: readingKey(ticketId, attachmentId),
    queryFn: ({ signal }) =>
      api<ReceiptReading>(`${readingsPath(ticketId)}/${encodeURIComponent(attachmentId)}`, { signal }),
    refetchInterval: (query) =>
      query.state.data?.status === 'done' || query.state.data?.status === 'failed' ? false : 1000,
    retry: false,
  });

export type PaymentInput = {
  /** Major units as "45200.00"; text the server refuses comes back as a 422 with its message. */
  amount: string;
  currency: Payment['currency'];
  date: string;
  payerName: string;
  reference: string;
  receiptAttachmentId: string;
};

export const recordPayment = (ticketId: string, body: PaymentInput) =>
  api<Payment>(`/tickets/${encodeURIComponent(ticketId)}/payments`, { method: 'POST', body });

export type PaymentStep = 'send-to-accounting' | 'verify' | 'apply';

export const advancePayment = (id: string, step: PaymentStep) =>
  api<Payment>(`/payments/${encodeURIComponent(id)}/${step}`, { method: 'POST' });
