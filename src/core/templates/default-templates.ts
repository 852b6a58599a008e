import type { Locale } from '../shared/actor.ts';

/** Mail to the customer (the requester). */
export const CUSTOMER_TEMPLATE_KEYS = [
  'acknowledgement',
  'reply',
  'ticket_merged',
  'ticket_split',
  'ticket_updated',
  'ticket_solved',
  'ticket_queued',
  'ticket_started',
  'pending_reminder',
  'no_contract',
] as const;
/** Notices to agents (email copies of console notifications). */
export const AGENT_TEMPLATE_KEYS = [
  'agent_new_ticket',
  'agent_assigned',
  'agent_customer_replied',
  'agent_ticket_updated',
  'agent_flag_set',
  'agent_ticket_closed',
  'agent_sla_warning',
  'agent_sla_breach',
  'agent_due_date',
  'agent_mentioned',
  'agent_reminder_due',
] as const;
/** Portal access mails to a contact (issue 15): about no ticket, each carrying its set-password link. */
export const PORTAL_TEMPLATE_KEYS = ['portal_invitation', 'portal_reset'] as const;
export type PortalTemplateKey = (typeof PORTAL_TEMPLATE_KEYS)[number];
export const TEMPLATE_KEYS = [...CUSTOMER_TEMPLATE_KEYS, ...AGENT_TEMPLATE_KEYS, ...PORTAL_TEMPLATE_KEYS] as const;
export type TemplateKey = (typeof TEMPLATE_KEYS)[number];

export interface EmailTemplate {
  key: TemplateKey;
  locale: Locale;
  subject: string;
  text: string;
  html: string;
}

/** 003: the acknowledgement is OpenPyme's message for new tickets, word for word. */
const ACK_ES_TEXT = `Estimado/Estimada {{contact.name}}
Su solicitud "{{ticket.subject}}" ha sido recibida y será revisada por el equipo de Soporte Técnico.
La referencia de su ticket es {{ticket.number}}
Para agregar algún comentario o bien solicitar información, solo responda a este correo.
Saludos`;

const ACK_EN_TEXT = `Dear {{contact.name}}
Your request "{{ticket.subject}}" has been received and will be reviewed by the Technical Support team.
Your ticket reference is {{ticket.number}}
To add a comment or ask for information, just reply to this email.
Regards`;

const MERGED_ES = `Estimado/Estimada {{contact.name}}
Su solicitud se unió al ticket {{ticket.number}} "{{ticket.subject}}", donde continuaremos atendiéndola.
Para agregar algún comentario o bien solicitar información, solo responda a este correo.
Saludos`;

const MERGED_EN = `Dear {{contact.name}}
Your request was merged into ticket {{ticket.number}} "{{ticket.subject}}", where we will continue to handle it.
To add a comment or ask for information, just reply to this email.
Regards`;

// 003: a second topic gets its own ticket, and the customer is told.
const SPLIT_ES = `Estimado/Estimada {{contact.name}}
Para darle la atención que requiere, abrimos el ticket {{ticket.number}} "{{ticket.subject}}" para este tema.
Para agregar algún comentario o bien solicitar información, solo responda a este correo.
Saludos`;

const SPLIT_EN = `Dear {{contact.name}}
To give it the attention it needs, we opened ticket {{ticket.number}} "{{ticket.subject}}" for this topic.
To add a comment or ask for information, just reply to this email.
Regards`;

// Written like the other customer mails (003, 004): formal, short, the link on its own line.
const PORTAL_INVITATION_ES = `Estimado/Estimada {{contact.name}}
Le invitamos a usar el portal de soporte, donde puede crear solicitudes y seguir sus tickets.
Para elegir su contraseña, abra este enlace (vale 72 horas y sirve una sola vez):
{{portal.link}}
Saludos`;

const PORTAL_INVITATION_EN = `Dear {{contact.name}}
You are invited to use the support portal, where you can open requests and follow your tickets.
To choose your password, open this link (valid for 72 hours, single use):
{{portal.link}}
Regards`;

const PORTAL_RESET_ES = `Estimado/Estimada {{contact.name}}
Recibimos una solicitud para restablecer su contraseña del portal de soporte.
Para elegir una nueva, abra este enlace (vale 1 hora y sirve una sola vez):
{{portal.link}}
Si no la solicitó, ignore este correo: su contraseña no cambia.
Saludos`;

const PORTAL_RESET_EN = `Dear {{contact.name}}
We received a request to reset your support portal password.
To choose a new one, open this link (valid for 1 hour, single use):
{{portal.link}}
If you did not ask for it, ignore this mail: your password does not change.
Regards`;

/** The link's line becomes a link in the HTML part. */
function portalParagraphs(text: string): string {
  return paragraphs(text).replace('<p>{{portal.link}}</p>', '<p><a href="{{portal.link}}">{{portal.link}}</a></p>');
}

const portal = (subject: { es: string; en: string }, es: string, en: string) => ({
  es: { subject: subject.es, text: es, html: portalParagraphs(es) },
  en: { subject: subject.en, text: en, html: portalParagraphs(en) },
});

function paragraphs(text: string): string {
  return text
    .split('\n')
    .map((line) => `<p>${line}</p>`)
    .join('\n');
}

// 004 III: "El cliente recibirá notificación automática cuando su ticket es recibido y/o actualizado".
const UPDATED_ES = `Estimado/Estimada {{contact.name}}
Su solicitud "{{ticket.subject}}" ({{ticket.number}}) tiene una actualización:
{{message.body}}
Para agregar algún comentario o bien solicitar información, solo responda a este correo.
Saludos`;

const UPDATED_EN = `Dear {{contact.name}}
Your request "{{ticket.subject}}" ({{ticket.number}}) has an update:
{{message.body}}
To add a comment or ask for information, just reply to this email.
Regards`;

// 004 VIII: solved tickets close after four days; the customer may reopen by replying.
// 004: the solved mail asks "¿Cómo calificaría el soporte que recibió?" ({{satisfaction.survey}}: the two links).
const SOLVED_ES = `Estimado/Estimada {{contact.name}}
Su solicitud "{{ticket.subject}}" ({{ticket.number}}) se considera resuelta.
Si el tema no quedó resuelto, responda a este correo y la reabriremos. Sin actividad, se cerrará en cuatro días.
{{satisfaction.survey}}
Saludos`;

const SOLVED_EN = `Dear {{contact.name}}
Your request "{{ticket.subject}}" ({{ticket.number}}) is considered solved.
If it is not, reply to this email and we will reopen it. Without activity it closes in four days.
{{satisfaction.survey}}
Regards`;

// 003: an account's tickets over its limit wait for their turn; the customer is told their place.
const QUEUED_ES = `Estimado/Estimada {{contact.name}}
Su solicitud "{{ticket.subject}}" ({{ticket.number}}) quedó en espera: atendemos los casos de su cuenta uno por uno.
{{message.body}}
Le avisaremos cuando empecemos a trabajar en ella.
Saludos`;

const QUEUED_EN = `Dear {{contact.name}}
Your request "{{ticket.subject}}" ({{ticket.number}}) is queued: we work on your account's cases one at a time.
{{message.body}}
We will let you know when we start working on it.
Regards`;

// 003: the queued notice promised it: the customer hears when their turn comes.
const STARTED_ES = `Estimado/Estimada {{contact.name}}
Llegó el turno de su solicitud "{{ticket.subject}}" ({{ticket.number}}): ya estamos trabajando en ella.
Para agregar algún comentario o bien solicitar información, solo responda a este correo.
Saludos`;

const STARTED_EN = `Dear {{contact.name}}
Your request "{{ticket.subject}}" ({{ticket.number}}) has reached its turn: we are now working on it.
To add a comment or ask for information, just reply to this email.
Regards`;

// Issue 15: mail from an organization without a contract in force is kept, and its sender told why.
const NO_CONTRACT_ES = `Estimado/Estimada {{contact.name}}
Recibimos su solicitud "{{ticket.subject}}" y la registramos con la referencia {{ticket.number}}, pero su organización no tiene un contrato de mantenimiento vigente, por lo que no podemos atenderla todavía.
Para renovar el contrato, responda a este correo o comuníquese con su ejecutivo de cuenta. En cuanto el contrato esté vigente, atenderemos su solicitud.
Saludos`;

const NO_CONTRACT_EN = `Dear {{contact.name}}
We received your request "{{ticket.subject}}" and registered it as {{ticket.number}}, but your organization has no maintenance contract in force, so we cannot handle it yet.
To renew the contract, reply to this email or contact your account executive. As soon as the contract is in force we will handle your request.
Regards`;

const PENDING_ES = `Estimado/Estimada {{contact.name}}
Seguimos esperando su respuesta sobre "{{ticket.subject}}" ({{ticket.number}}).
Para continuar, solo responda a este correo.
Saludos`;

const PENDING_EN = `Dear {{contact.name}}
We are still waiting for your answer about "{{ticket.subject}}" ({{ticket.number}}).
To continue, just reply to this email.
Regards`;

/** Agent notices: a subject line, a greeting, what happened ({{message.body}} carries the detail). */
const AGENT_NOTICES: Record<(typeof AGENT_TEMPLATE_KEYS)[number], Record<Locale, { subject: string; lead: string }>> = {
  agent_new_ticket: {
    es: { subject: 'Nuevo ticket en su departamento', lead: 'Llegó un ticket nuevo a su departamento.' },
    en: { subject: 'New ticket in your department', lead: 'A new ticket arrived in your department.' },
  },
  agent_assigned: {
    es: { subject: 'Se le asignó un ticket', lead: 'Ahora es responsable de este ticket.' },
    en: { subject: 'A ticket was assigned to you', lead: 'You are now responsible for this ticket.' },
  },
  agent_customer_replied: {
    es: { subject: 'El cliente respondió', lead: 'El cliente respondió en un ticket suyo:' },
    en: { subject: 'The customer replied', lead: 'The customer replied on your ticket:' },
  },
  agent_ticket_updated: {
    es: { subject: 'Ticket actualizado', lead: 'El ticket cambió:' },
    en: { subject: 'Ticket updated', lead: 'The ticket changed:' },
  },
  agent_flag_set: {
    es: { subject: 'Bandera en un ticket', lead: 'Se marcó una bandera en el ticket:' },
    en: { subject: 'Flag on a ticket', lead: 'A flag was set on the ticket:' },
  },
  agent_ticket_closed: {
    es: { subject: 'Ticket cerrado', lead: 'El ticket se cerró.' },
    en: { subject: 'Ticket closed', lead: 'The ticket was closed.' },
  },
  agent_sla_warning: {
    es: { subject: 'SLA por vencer', lead: 'El plazo del SLA está por vencer:' },
    en: { subject: 'SLA due soon', lead: 'The SLA target is due soon:' },
  },
  agent_sla_breach: {
    es: { subject: 'SLA incumplido', lead: 'El plazo del SLA venció:' },
    en: { subject: 'SLA breached', lead: 'The SLA target was breached:' },
  },
  agent_due_date: {
    es: { subject: 'Fecha límite', lead: 'La fecha límite de un ticket suyo se acerca o ya pasó:' },
    en: { subject: 'Due date', lead: 'The due date of your ticket is near or has passed:' },
  },
  agent_mentioned: {
    es: { subject: 'Le mencionaron en una nota', lead: 'Le mencionaron en una nota interna:' },
    en: { subject: 'You were mentioned in a note', lead: 'You were mentioned in an internal note:' },
  },
  agent_reminder_due: {
    es: { subject: 'Recordatorio', lead: 'Tiene un recordatorio para este ticket:' },
    en: { subject: 'Reminder', lead: 'You have a reminder for this ticket:' },
  },
};

function agentNotice(locale: Locale, notice: { subject: string; lead: string }) {
  const greeting = locale === 'es' ? 'Hola {{agent.first_name}}' : 'Hello {{agent.first_name}}';
  const lines = [
    greeting,
    notice.lead,
    '{{ticket.number}} — {{ticket.subject}}',
    '{{contact.name}} ({{organization.name}})',
  ];
  return {
    subject: `[{{ticket.number}}] ${notice.subject}: {{ticket.subject}}`,
    text: `${lines.join('\n')}\n{{message.body}}`,
    html: `${paragraphs(lines.join('\n'))}\n<blockquote>{{message.html}}</blockquote>`,
  };
}

const customer = (es: string, en: string) => ({
  es: { subject: '[{{ticket.number}}] {{ticket.subject}}', text: es, html: paragraphs(es) },
  en: { subject: '[{{ticket.number}}] {{ticket.subject}}', text: en, html: paragraphs(en) },
});

export const DEFAULT_TEMPLATES: Record<TemplateKey, Record<Locale, Omit<EmailTemplate, 'key' | 'locale'>>> = {
  ticket_updated: customer(UPDATED_ES, UPDATED_EN),
  ticket_solved: customer(SOLVED_ES, SOLVED_EN),
  ticket_queued: customer(QUEUED_ES, QUEUED_EN),
  ticket_started: customer(STARTED_ES, STARTED_EN),
  pending_reminder: customer(PENDING_ES, PENDING_EN),
  no_contract: customer(NO_CONTRACT_ES, NO_CONTRACT_EN),
  ...(Object.fromEntries(
    AGENT_TEMPLATE_KEYS.map((key) => [
      key,
      { es: agentNotice('es', AGENT_NOTICES[key].es), en: agentNotice('en', AGENT_NOTICES[key].en) },
    ]),
  ) as Record<(typeof AGENT_TEMPLATE_KEYS)[number], Record<Locale, Omit<EmailTemplate, 'key' | 'locale'>>>),
  acknowledgement: {
    es: { subject: '[{{ticket.number}}] {{ticket.subject}}', text: ACK_ES_TEXT, html: paragraphs(ACK_ES_TEXT) },
    en: { subject: '[{{ticket.number}}] {{ticket.subject}}', text: ACK_EN_TEXT, html: paragraphs(ACK_EN_TEXT) },
  },
  ticket_merged: {
    es: {
      subject: '[{{ticket.number}}] {{ticket.subject}}',
      text: MERGED_ES,
      html: paragraphs(MERGED_ES),
    },
    en: {
      subject: '[{{ticket.number}}] {{ticket.subject}}',
      text: MERGED_EN,
      html: paragraphs(MERGED_EN),
    },
  },
  ticket_split: {
    es: { subject: '[{{ticket.number}}] {{ticket.subject}}', text: SPLIT_ES, html: paragraphs(SPLIT_ES) },
    en: { subject: '[{{ticket.number}}] {{ticket.subject}}', text: SPLIT_EN, html: paragraphs(SPLIT_EN) },
  },
  portal_invitation: portal(
    { es: 'Invitación al portal de soporte', en: 'Invitation to the support portal' },
    PORTAL_INVITATION_ES,
    PORTAL_INVITATION_EN,
  ),
  portal_reset: portal(
    { es: 'Restablecer su contraseña del portal de soporte', en: 'Reset your support portal password' },
    PORTAL_RESET_ES,
    PORTAL_RESET_EN,
  ),
  reply: {
    es: { subject: 'Re: [{{ticket.number}}] {{ticket.subject}}', text: '{{message.body}}', html: '{{message.html}}' },
    en: { subject: 'Re: [{{ticket.number}}] {{ticket.subject}}', text: '{{message.body}}', html: '{{message.html}}' },
  },
};

/** The short line an agent notice opens with, also the console notification's title. */
export function agentNoticeTitle(key: (typeof AGENT_TEMPLATE_KEYS)[number], locale: Locale): string {
  return AGENT_NOTICES[key][locale].subject;
}
