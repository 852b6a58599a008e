import type { Db } from '../../db/database.ts';
import { translate } from '../../i18n/translate.ts';
import { assertCan } from '../accounts/access.policy.ts';
import { attachmentRepository } from '../conversation/attachment.repository.ts';
import type { AttachmentStore } from '../conversation/attachment-storage.ts';
import { inboundRepository, mailboxRepository } from '../conversation/inbound.repository.ts';
import { firstNameOf, type MacroValues, renderTemplate, unknownPlaceholders } from '../conversation/macro-template.ts';
import { messageRepository } from '../conversation/message.repository.ts';
import { participantsRepository } from '../conversation/participants.repository.ts';
import { departmentRepository } from '../departments/department.repository.ts';
import { customerLocale, notificationSettingsRepository } from '../notifications/notification-settings.repository.ts';
import type { Actor, Locale } from '../shared/actor.ts';
import { LOCALES } from '../shared/actor.ts';
import { AppError } from '../shared/app-error.ts';
import { type CoreDeps, inTransaction } from '../shared/core-deps.ts';
import type { SecretBox } from '../shared/secret-box.ts';
import { ticketRepository } from '../tickets/ticket.repository.ts';
import {
  DEFAULT_TEMPLATES,
  type EmailTemplate,
  PORTAL_TEMPLATE_KEYS,
  type PortalTemplateKey,
  TEMPLATE_KEYS,
  type TemplateKey,
} from './default-templates.ts';
import { emailTemplateRepository } from './email-template.repository.ts';

/** What a portal access mail carries: an invitation (72 h) or a forgotten-password link (1 h). */
export interface PortalAccessValues {
  purpose: 'invitation' | 'reset';
  contactName: string;
  organizationName: string | null;
  link: string;
}

const PORTAL_TEMPLATE_OF: Record<PortalAccessValues['purpose'], PortalTemplateKey> = {
  invitation: 'portal_invitation',
  reset: 'portal_reset',
};

/** A mail ready for a sender: everything decided, nothing left to look up. */
export interface OutgoingMail {
  messageId: string;
  from: { address: string; name: string };
  to: string[];
  cc: string[];
  subject: string;
  text: string;
  html: string;
  inReplyTo: string | null;
  references: string[];
  headers: Record<string, string>;
  attachments: { filename: string; contentType: string; content: Buffer }[];
  /** null: mail about no ticket (portal invitations and password resets). */
  ticketId: string | null;
  /** Our message this mail carries (replies); null for notices. */
  tiqueteMessageId: string | null;
  /** An iTIP calendar part (invitations). */
  calendar?: { method: string; content: string };
}

/** A mail about a ticket: its Message-ID is recorded on the ticket's thread. */
export type TicketMail = OutgoingMail & { ticketId: string };

// Placeholders filled by the mail itself rather than the macro values: the reply's text, the
// survey's links, a portal mail's set-password link.
const EXTRA = /\{\{\s*(message\.body|message\.html|satisfaction\.survey|portal\.link)\s*\}\}/g;
const PORTAL_LINK = /\{\{\s*portal\.link\s*\}\}/;
const SURVEY = /\{\{\s*satisfaction\.survey\s*\}\}/;

/** The satisfaction survey's two links (one per answer) for a ticket. */
export type SurveyLinks = { good: string; bad: string };

/** 004's question and its two answers, each a link that opens the survey with that answer chosen. */
export function surveyBlock(locale: Locale, links: SurveyLinks | null): { text: string; html: string } {
  if (!links) return { text: '', html: '' };
  const question = translate(locale, 'mail.survey_question');
  const good = translate(locale, 'mail.survey_good');
  const bad = translate(locale, 'mail.survey_bad');
  return {
    text: `${question}\n${good}: ${links.good}\n${bad}: ${links.bad}`,
    html:
      `<strong>${escapeHtml(question)}</strong><br>` +
      `<a href="${escapeHtml(links.good)}">${escapeHtml(good)}</a><br>` +
      `<a href="${escapeHtml(links.bad)}">${escapeHtml(bad)}</a>`,
  };
}

export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** The placeholders every template may use, as for macros. */
function valuesOf(
  ticket: { number: string; subject: string },
  requester: { name?: string | null } | undefined,
  agent: { name?: string | null } | undefined,
  organization: { name?: string | null; code?: string | null } | undefined,
): MacroValues {
  return {
    'contact.name': requester?.name,
    'contact.first_name': firstNameOf(requester?.name),
    'agent.name': agent?.name,
    'agent.first_name': firstNameOf(agent?.name),
    'organization.name': organization?.name,
    'organization.code': organization?.code,
    'ticket.number': ticket.number,
    'ticket.subject': ticket.subject,
  };
}

/** Fills a template: the macro placeholders, plus the reply's own text. HTML gets escaped values. */
export function renderEmail(
  template: Omit<EmailTemplate, 'key' | 'locale'>,
  values: MacroValues,
  message: { body: string; html: string | null } = { body: '', html: null },
  survey: { text: string; html: string } = { text: '', html: '' },
  portalLink = '',
) {
  const htmlValues = Object.fromEntries(
    Object.entries(values).map(([k, v]) => [k, v ? escapeHtml(v) : v]),
  ) as MacroValues;
  const messageHtml = message.html ?? escapeHtml(message.body).replace(/\n/g, '<br>');
  return {
    subject: renderTemplate(template.subject, values).replace(EXTRA, ''),
    text: renderTemplate(template.text, values).replace(EXTRA, (_w, name: string) =>
      name === 'satisfaction.survey' ? survey.text : name === 'portal.link' ? portalLink : message.body,
    ),
    html: renderTemplate(template.html, htmlValues).replace(EXTRA, (_w, name: string) =>
      name === 'satisfaction.survey' ? survey.html : name === 'portal.link' ? escapeHtml(portalLink) : messageHtml,
    ),
  };
}

const SAMPLE: MacroValues = {
  'contact.name': 'Jesús Adrián Rodriguez',
  'contact.first_name': 'Jesús',
  'agent.name': 'Silvia Luna',
  'agent.first_name': 'Silvia',
  'organization.name': 'OpenPyme',
  'organization.code': 'OP',
  'ticket.number': 'OP10044',
  'ticket.subject': 'Desbloqueo de usuario',
};

const SAMPLE_SURVEY: SurveyLinks = {
  good: 'https://soporte.example.com/satisfaction/ejemplo?rating=good',
  bad: 'https://soporte.example.com/satisfaction/ejemplo?rating=bad',
};

export function createEmailTemplateService(
  deps: CoreDeps & {
    defaultFrom?: string;
    secrets: SecretBox;
    /** The ticket's survey links; absent where no public URL is known (the CLI): the mail goes without them. */
    surveyLinks?: (ticketId: string, locale: Locale) => Promise<SurveyLinks | null>;
  },
) {
  async function effective(db: Db, key: TemplateKey, locale: Locale): Promise<EmailTemplate> {
    const saved = (await emailTemplateRepository(db).list()).find((t) => t.key === key && t.locale === locale);
    return saved ?? { key, locale, ...DEFAULT_TEMPLATES[key][locale] };
  }

  async function fromOf(db: Db, departmentId: string | null, agentName: string | null) {
    const department = departmentId ? await departmentRepository(db).find(departmentId) : undefined;
    const mailbox = (await mailboxRepository(db, deps.secrets).list()).find((m) => m.departmentId === departmentId);
    const address = department?.email ?? mailbox?.address ?? deps.defaultFrom ?? 'soporte@localhost';
    return { address, name: agentName ?? department?.name ?? 'Soporte' };
  }

  async function compose(
    key: TemplateKey,
    input: { ticketId: string; messageId?: string; outboxId: string; to?: string; inReplyTo?: string | null },
    store?: AttachmentStore,
  ): Promise<TicketMail | null> {
    const db = deps.db;
    const ticket = await ticketRepository(db).find(input.ticketId);
    if (!ticket) return null;
    const people = participantsRepository(db);
    const requester = await people.contact(ticket.requesterId);
    const organization = ticket.organizationId ? await people.organization(ticket.organizationId) : undefined;
    const message = input.messageId ? await messageRepository(db).find(input.messageId) : undefined;
    if (input.messageId && message?.kind !== 'reply') return null; // notes are never mailed
    const agent =
      message?.author.kind === 'agent' && message.author.id ? await people.agent(message.author.id) : undefined;
    const to = input.to ?? requester?.email;
    if (!to) return null;
    const cc: string[] = [];
    if (key === 'reply') {
      for (const id of ticket.ccContactIds) {
        const email = (await people.contact(id))?.email;
        if (email && email !== to) cc.push(email);
      }
    }
    // The requester's own language when it is not the default, else the department's mailbox's
    // (soporte@ in Spanish, support@ in English); Spanish first.
    const mailbox = (await mailboxRepository(db, deps.secrets).list()).find(
      (m) => m.departmentId === ticket.departmentId,
    );
    const contactLocale = (await notificationSettingsRepository(db).contactMailTarget(ticket.requesterId))?.locale;
    const locale: Locale = customerLocale(contactLocale, mailbox?.language);
    const values = valuesOf(ticket, requester, agent, organization);
    const rendered = renderEmail(await effective(db, key, locale), values, message ?? undefined);
    const from = await fromOf(db, ticket.departmentId, agent?.name ?? null);
    const domain = from.address.split('@')[1] ?? 'localhost';
    const chain = await inboundRepository(db).messageIdsOfTicket(ticket.id);
    const lastIncoming = [...chain].reverse().find((c) => c.direction === 'in')?.emailMessageId ?? null;
    const attachments: OutgoingMail['attachments'] = [];
    if (message && store) {
      const infos = (await attachmentRepository(db).listForMessages([message.id])).get(message.id) ?? [];
      for (const info of infos) {
        const link = await attachmentRepository(db).findLink(info.id);
        const bytes = link ? await store.storage(link.storage, db).get(link.sha256) : undefined;
        if (bytes) attachments.push({ filename: info.filename, contentType: info.contentType, content: bytes });
      }
    }
    return {
      // Fixed by the outbox row: a retry after a crash sends the same mail, never a second one.
      messageId: `tiquete.${input.outboxId}@${domain}`,
      from,
      to: [to],
      cc,
      subject: rendered.subject,
      text: rendered.text,
      html: rendered.html,
      inReplyTo: input.inReplyTo ?? lastIncoming,
      references: chain.slice(-20).map((c) => c.emailMessageId),
      headers: {
        'X-Tiquete-Ticket': ticket.number,
        ...(key === 'acknowledgement' || key === 'no_contract' ? { 'Auto-Submitted': 'auto-replied' } : {}),
      },
      attachments,
      ticketId: ticket.id,
      tiqueteMessageId: message?.id ?? null,
    };
  }

  /**
   * A notice from the notification matrix (`email.notification@1`): the template in the language
   * chosen when it was queued (the agent's, or the customer's), the detail as its message text.
   */
  async function notice(input: {
    ticketId: string;
    outboxId: string;
    template: TemplateKey;
    to: string[];
    locale?: Locale;
    detail?: string;
    recipientAgentId?: string;
    /** 003: a queued ticket's place in its account's BACKLOG. */
    position?: number;
  }): Promise<TicketMail | null> {
    const db = deps.db;
    const ticket = await ticketRepository(db).find(input.ticketId);
    if (!ticket || input.to.length === 0 || !TEMPLATE_KEYS.includes(input.template)) return null;
    const people = participantsRepository(db);
    const requester = await people.contact(ticket.requesterId);
    const organization = ticket.organizationId ? await people.organization(ticket.organizationId) : undefined;
    const agent = input.recipientAgentId ? await people.agent(input.recipientAgentId) : undefined;
    const mailbox = (await mailboxRepository(db, deps.secrets).list()).find(
      (m) => m.departmentId === ticket.departmentId,
    );
    // Rows queued without a language (rules' mail, reminders) follow the customer's rule.
    const contactLocale = input.locale
      ? undefined
      : (await notificationSettingsRepository(db).contactMailTarget(ticket.requesterId))?.locale;
    const locale: Locale = input.locale ?? customerLocale(contactLocale, mailbox?.language);
    const values = valuesOf(ticket, requester, agent, organization);
    const place =
      input.position === undefined
        ? ''
        : locale === 'en'
          ? `Your place in the queue: ${input.position}`
          : `Su lugar en la fila: ${input.position}`;
    const template = await effective(db, input.template, locale);
    const asksSurvey = SURVEY.test(template.text) || SURVEY.test(template.html);
    const links = asksSurvey && deps.surveyLinks ? await deps.surveyLinks(ticket.id, locale) : null;
    const rendered = renderEmail(
      template,
      values,
      { body: input.detail || place, html: null },
      surveyBlock(locale, links),
    );
    const from = await fromOf(db, ticket.departmentId, null);
    const domain = from.address.split('@')[1] ?? 'localhost';
    // Agent notices do not join the customer's thread; customer notices do, so answers thread.
    const toCustomer = !input.template.startsWith('agent_');
    const chain = toCustomer ? await inboundRepository(db).messageIdsOfTicket(ticket.id) : [];
    return {
      messageId: `tiquete.${input.outboxId}@${domain}`,
      from,
      to: input.to,
      cc: [],
      subject: rendered.subject,
      text: rendered.text,
      html: rendered.html,
      inReplyTo: [...chain].reverse().find((c) => c.direction === 'in')?.emailMessageId ?? null,
      references: chain.slice(-20).map((c) => c.emailMessageId),
      headers: { 'X-Tiquete-Ticket': ticket.number, 'Auto-Submitted': 'auto-generated' },
      attachments: [],
      ticketId: ticket.id,
      tiqueteMessageId: null,
    };
  }

  return {
    compose,
    notice,

    /** The requester's address of a ticket (notices about merges and splits go to them). */
    async requesterEmail(ticketId: string): Promise<string | null> {
      const ticket = await ticketRepository(deps.db).find(ticketId);
      return ticket ? ((await participantsRepository(deps.db).contact(ticket.requesterId))?.email ?? null) : null;
    },

    /** A session invitation: the .ics made when the session was scheduled, mailed as an iTIP part. */
    async invitation(input: {
      ticketId: string;
      outboxId: string;
      recipients: string[];
      organizer: { address: string; name: string } | null;
      method: string;
      ics: string;
    }): Promise<OutgoingMail | null> {
      const ticket = await ticketRepository(deps.db).find(input.ticketId);
      if (!ticket || input.recipients.length === 0) return null;
      const from = input.organizer ?? (await fromOf(deps.db, ticket.departmentId, null));
      const summary =
        /^SUMMARY:(.*)$/m
          .exec(input.ics)?.[1]
          ?.replace(/\\([,;\\])/g, '$1')
          .trim() ?? ticket.subject;
      const text = `${summary}\n${ticket.number} — ${ticket.subject}`;
      return {
        messageId: `tiquete.${input.outboxId}@${from.address.split('@')[1] ?? 'localhost'}`,
        from,
        to: input.recipients,
        cc: [],
        subject: input.method === 'CANCEL' ? `Cancelada: ${summary}` : `Invitación: ${summary}`,
        text,
        html: `<p>${escapeHtml(summary)}</p><p>${escapeHtml(`${ticket.number} — ${ticket.subject}`)}</p>`,
        inReplyTo: null,
        references: [],
        headers: { 'X-Tiquete-Ticket': ticket.number },
        attachments: [],
        ticketId: ticket.id,
        tiqueteMessageId: null,
        calendar: { method: input.method, content: input.ics },
      };
    },

    /** A portal invitation or password-reset mail, from the default mailbox, in the contact's language. */
    /** Who mail about no ticket and no department comes from (reports by mail, timesheets). */
    async defaultSender(): Promise<{ address: string; name: string }> {
      return fromOf(deps.db, null, null);
    },

    async portalAccess(input: PortalAccessValues & { outboxId: string; to: string; locale: Locale }) {
      const template = await effective(deps.db, PORTAL_TEMPLATE_OF[input.purpose], input.locale);
      const values: MacroValues = {
        'contact.name': input.contactName,
        'contact.first_name': firstNameOf(input.contactName),
        'organization.name': input.organizationName,
      };
      // Queued sealed (portal-links.ts); a link queued before sealing existed reads as it is.
      const link = deps.secrets.open(input.link);
      const { subject, text, html } = renderEmail(template, values, undefined, undefined, link);
      const from = await fromOf(deps.db, null, null);
      const mail: OutgoingMail = {
        messageId: `tiquete.${input.outboxId}@${from.address.split('@')[1] ?? 'localhost'}`,
        from,
        to: [input.to],
        cc: [],
        subject,
        text,
        html,
        inReplyTo: null,
        references: [],
        headers: { 'Auto-Submitted': 'auto-generated' },
        attachments: [],
        ticketId: null,
        tiqueteMessageId: null,
      };
      return mail;
    },

    async list(actor: Actor): Promise<EmailTemplate[]> {
      assertCan(actor, 'mail.manage');
      const out: EmailTemplate[] = [];
      for (const key of TEMPLATE_KEYS) for (const locale of LOCALES) out.push(await effective(deps.db, key, locale));
      return out;
    },

    async update(actor: Actor, template: EmailTemplate): Promise<EmailTemplate> {
      assertCan(actor, 'mail.manage');
      if (!TEMPLATE_KEYS.includes(template.key))
        throw new AppError('NOT_FOUND', 'No such template', { key: template.key });
      for (const field of ['subject', 'text', 'html'] as const) {
        const unknown = unknownPlaceholders(template[field].replace(EXTRA, ''));
        if (unknown.length > 0) {
          throw new AppError('MACRO_UNKNOWN_PLACEHOLDER', `Unknown placeholders: ${unknown.join(', ')}`, {
            field,
            unknown,
          });
        }
      }
      // A portal mail without its link would invite nobody: the link stays in both parts.
      if ((PORTAL_TEMPLATE_KEYS as readonly string[]).includes(template.key)) {
        for (const field of ['text', 'html'] as const) {
          if (!PORTAL_LINK.test(template[field])) {
            throw new AppError('VALIDATION_FAILED', `${field}: a portal mail needs its {{portal.link}}`, {
              field,
              missing: '{{portal.link}}',
            });
          }
        }
      }
      await inTransaction(deps, ({ trx, now }) => emailTemplateRepository(trx).save(template, now));
      return template;
    },

    /** The template filled with sample values (OpenPyme's example), as the admin screen previews it. */
    async preview(actor: Actor, key: TemplateKey, locale: Locale, draft?: Partial<EmailTemplate>) {
      assertCan(actor, 'mail.manage');
      const base = await effective(deps.db, key, locale);
      return renderEmail(
        { ...base, ...draft },
        SAMPLE,
        { body: 'Texto de ejemplo de la respuesta.', html: null },
        surveyBlock(locale, SAMPLE_SURVEY),
        'https://soporte.example.com/portal/set-password?token=ejemplo',
      );
    },
  };
}

export type EmailTemplateService = ReturnType<typeof createEmailTemplateService>;
