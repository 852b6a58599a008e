import type { AttachmentStore } from '../../core/conversation/attachment-storage.ts';
import { ACKNOWLEDGEMENT_JOB, NO_CONTRACT_JOB } from '../../core/conversation/inbound.service.ts';
import { REPLY_EMAIL_JOB } from '../../core/conversation/message.service.ts';
import { INVITE_JOB } from '../../core/conversation/scheduled-session.service.ts';
import { NOTICE_EMAIL_JOB } from '../../core/notifications/notice.ts';
import type { OutboxItem } from '../../core/outbox/outbox.repository.ts';
import { PORTAL_ACCESS_JOB } from '../../core/portal/portal-links.ts';
import { REPORT_SUMMARY_EMAIL } from '../../core/reports/report-subscription.service.ts';
import { TIMESHEET_EMAIL } from '../../core/reports/timesheet-mail.service.ts';
import type { Services } from '../../core/services.ts';
import { TEMPLATE_KEYS, type TemplateKey } from '../../core/templates/default-templates.ts';
import type { OutboxHandler } from '../../jobs/outbox-worker.ts';
import type { EmailSender } from './email-sender.ts';

const MERGED_EMAIL_JOB = 'email.ticket_merged@1';
const SPLIT_EMAIL_JOB = 'email.ticket_split@1';

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value ? value : undefined;
}

/**
 * The outbox handlers of the email channel. The mail is composed from the database at send time,
 * its Message-ID fixed by the outbox row and recorded before sending, so answers always thread.
 */
export function emailOutboxHandlers(
  services: Pick<Services, 'emailTemplates' | 'inbound' | 'reportSubscriptions' | 'timesheets'>,
  sender: EmailSender,
  store?: AttachmentStore,
): Record<string, OutboxHandler> {
  const handle = (key: TemplateKey) => async (item: OutboxItem) => {
    const ticketId = text(item.payload.ticketId) ?? item.ticketId;
    if (!ticketId) return;
    const mail = await services.emailTemplates.compose(
      key,
      {
        ticketId,
        messageId: text(item.payload.messageId),
        outboxId: item.id,
        to: text(item.payload.to),
        inReplyTo: text(item.payload.inReplyTo) ?? null,
      },
      store,
    );
    if (!mail) return; // the ticket or message is gone, or nobody to write to: nothing to send
    await services.inbound.recordOutgoing({
      emailMessageId: mail.messageId,
      ticketId: mail.ticketId,
      messageId: mail.tiqueteMessageId,
    });
    await sender.send(mail);
  };
  const notice =
    (
      key: TemplateKey,
      ticketOf: (p: Record<string, unknown>) => string | undefined,
      toTicketOf: (p: Record<string, unknown>) => string | undefined,
    ) =>
    async (item: OutboxItem) => {
      const ticketId = ticketOf(item.payload);
      if (!ticketId) return;
      const to = await services.emailTemplates.requesterEmail(toTicketOf(item.payload) ?? ticketId);
      const mail = await services.emailTemplates.compose(
        key,
        { ticketId, outboxId: item.id, to: to ?? undefined },
        store,
      );
      if (!mail) return;
      await services.inbound.recordOutgoing({
        emailMessageId: mail.messageId,
        ticketId: mail.ticketId,
        messageId: null,
      });
      await sender.send(mail);
    };
  return {
    [ACKNOWLEDGEMENT_JOB]: handle('acknowledgement'),
    [NO_CONTRACT_JOB]: handle('no_contract'),
    [REPLY_EMAIL_JOB]: handle('reply'),
    // The customer of the merged ticket learns where the conversation goes on.
    [MERGED_EMAIL_JOB]: notice(
      'ticket_merged',
      (p) => text(p.targetId),
      (p) => text(p.sourceId),
    ),
    [SPLIT_EMAIL_JOB]: notice(
      'ticket_split',
      (p) => text(p.ticketId),
      (p) => text(p.ticketId),
    ),
    // Notices of the notification matrix and of rules: template, recipients and language in the row.
    [NOTICE_EMAIL_JOB]: async (item) => {
      const ticketId = text(item.payload.ticketId) ?? item.ticketId;
      const template = text(item.payload.template);
      const to = (Array.isArray(item.payload.to) ? item.payload.to : []).filter(
        (address): address is string => typeof address === 'string' && address !== '',
      );
      if (!ticketId || !template || !(TEMPLATE_KEYS as readonly string[]).includes(template)) return;
      const locale = item.payload.locale === 'en' || item.payload.locale === 'es' ? item.payload.locale : undefined;
      const mail = await services.emailTemplates.notice({
        ticketId,
        outboxId: item.id,
        template: template as TemplateKey,
        to,
        locale,
        detail: text(item.payload.detail),
        recipientAgentId: text(item.payload.recipientAgentId),
        position: typeof item.payload.position === 'number' ? item.payload.position : undefined,
      });
      if (!mail) return;
      await services.inbound.recordOutgoing({
        emailMessageId: mail.messageId,
        ticketId: mail.ticketId,
        messageId: null,
      });
      await sender.send(mail);
    },
    // Portal invitations and password resets: about no ticket, so nothing joins a thread.
    [PORTAL_ACCESS_JOB]: async (item) => {
      const to = text(item.payload.to);
      const link = text(item.payload.link);
      const contactName = text(item.payload.contactName);
      if (!to || !link || !contactName) return;
      await sender.send(
        await services.emailTemplates.portalAccess({
          outboxId: item.id,
          to,
          link,
          contactName,
          organizationName: text(item.payload.organizationName) ?? null,
          purpose: item.payload.purpose === 'reset' ? 'reset' : 'invitation',
          locale: item.payload.locale === 'en' ? 'en' : 'es',
        }),
      );
    },
    // Reports by mail: about no ticket; composed now, so they hold what the reader may see today.
    [REPORT_SUMMARY_EMAIL]: async (item) => {
      const mail = await services.reportSubscriptions.compose(item);
      if (mail) await sender.send(mail);
    },
    [TIMESHEET_EMAIL]: async (item) => {
      const mail = await services.timesheets.compose(item);
      if (mail) await sender.send(mail);
    },
    [INVITE_JOB]: async (item) => {
      const ticketId = text(item.payload.ticketId) ?? item.ticketId;
      const ics = text(item.payload.ics);
      if (!ticketId || !ics) return;
      const recipients = (Array.isArray(item.payload.recipients) ? item.payload.recipients : [])
        .map((r) => text((r as { email?: unknown }).email))
        .filter((email): email is string => Boolean(email));
      const organizer = item.payload.organizer as { name?: string; email?: string } | undefined;
      const mail = await services.emailTemplates.invitation({
        ticketId,
        outboxId: item.id,
        recipients,
        organizer: organizer?.email ? { address: organizer.email, name: organizer.name ?? '' } : null,
        method: text(item.payload.method) ?? 'REQUEST',
        ics,
      });
      if (!mail) return;
      await sender.send(mail);
    },
  };
}
