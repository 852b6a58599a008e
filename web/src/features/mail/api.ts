import { queryOptions } from '@tanstack/react-query';
import type { Static } from 'typebox';
import type {
  EmailTemplateSchema,
  FailedInboundSchema,
  FailedOutboxSchema,
  MailboxSchema,
  RenderedTemplateSchema,
} from '../../../../src/http/schemas/email.ts';
import { api } from '../../app/api.ts';

export type Mailbox = Static<typeof MailboxSchema>;
export type FailedInbound = Static<typeof FailedInboundSchema>;
export type FailedOutgoing = Static<typeof FailedOutboxSchema>;
export type EmailTemplate = Static<typeof EmailTemplateSchema>;
export type RenderedTemplate = Static<typeof RenderedTemplateSchema>;
export type TemplateLocale = EmailTemplate['locale'];

export type ImapInput = {
  host: string;
  port: number;
  secure: boolean;
  user: string;
  /** Left out on an edit: the stored password stays. */
  password?: string;
  folder?: string;
};

export type MailboxInput = {
  address: string;
  departmentId: string | null;
  defaultTypeId: string | null;
  defaultPriority: string | null;
  language: TemplateLocale;
  /** `null` removes it; the masked value sent back unchanged keeps the stored password. */
  smtpUrl: string | null;
  /** Mail whose sender fails SPF/DKIM alignment reopens no ticket. */
  requireSenderAuth: boolean;
  /** `null` removes it (edits only); left out, it stays as it is. */
  imap?: ImapInput | null;
};

export const mailKeys = {
  mailboxes: ['mail', 'mailboxes'] as const,
  failed: ['mail', 'failed'] as const,
  templates: ['mail', 'templates'] as const,
};

export const mailboxesQuery = queryOptions({
  queryKey: mailKeys.mailboxes,
  queryFn: ({ signal }) => api<{ items: Mailbox[] }>('/mailboxes', { signal }).then((r) => r.items),
});

/** Whether mail can leave and be answered; under the mailboxes' key, so saving a mailbox refreshes it. */
export const outboundStatusQuery = queryOptions({
  queryKey: [...mailKeys.mailboxes, 'outbound-status'] as const,
  queryFn: ({ signal }) => api<{ sending: boolean; answerable: boolean }>('/mail/outbound-status', { signal }),
  staleTime: 60_000,
});

export const createMailbox = (body: MailboxInput) => api<Mailbox>('/mailboxes', { method: 'POST', body });
export const updateMailbox = (id: string, body: Partial<MailboxInput>) =>
  api<Mailbox>(`/mailboxes/${encodeURIComponent(id)}`, { method: 'PATCH', body });

export const failedMailQuery = queryOptions({
  queryKey: mailKeys.failed,
  queryFn: ({ signal }) => api<{ inbound: FailedInbound[]; outbox: FailedOutgoing[] }>('/mail/failed', { signal }),
});

/** Failed incoming mails back in line (all when `ids` is left out). */
export const reprocessInbound = (ids?: string[]) =>
  api<{ requeued: number }>('/mail/failed/reprocess', { method: 'POST', body: ids ? { ids } : {} });

/** One more attempt for failed outgoing mail (all when `ids` is left out). */
export const resendOutgoing = (ids?: string[]) =>
  api<{ requeued: number }>('/mail/failed/resend', { method: 'POST', body: ids ? { ids } : {} });

export const templatesQuery = queryOptions({
  queryKey: mailKeys.templates,
  queryFn: ({ signal }) => api<{ items: EmailTemplate[] }>('/email-templates', { signal }).then((r) => r.items),
});

const templatePath = (key: string, locale: TemplateLocale) =>
  `/email-templates/${encodeURIComponent(key)}/${encodeURIComponent(locale)}`;

export type TemplateInput = { subject: string; text: string; html: string };

export const saveTemplate = (key: string, locale: TemplateLocale, body: TemplateInput) =>
  api<EmailTemplate>(templatePath(key, locale), { method: 'PUT', body });

/** The template filled with example values (a ticket OP10044 of Jesús Adrián Rodriguez). */
export const previewTemplate = (key: string, locale: TemplateLocale, body: Partial<TemplateInput>) =>
  api<RenderedTemplate>(`${templatePath(key, locale)}/preview`, { method: 'POST', body });
