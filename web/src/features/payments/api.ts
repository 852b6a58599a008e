import { queryOptions } from '@tanstack/react-query';
import { api } from '../../app/api.ts';
import type { Payment } from '../../app/api-types.ts';

export const paymentKeys = {
  ofTicket: (ticketId: string) => ['payments', 'ticket', ticketId] as const,
};

export const ticketPaymentsQuery = (ticketId: string) =>
  queryOptions({
    queryKey: paymentKeys.ofTicket(ticketId),
    queryFn: ({ signal }) => api<{ items: Payment[] }>(`/tickets/${encodeURIComponent(ticketId)}/payments`, { signal }),
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
