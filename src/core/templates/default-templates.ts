import type { Locale } from '../shared/actor.ts';

export const TEMPLATE_KEYS = ['acknowledgement', 'reply', 'ticket_merged', 'ticket_split'] as const;
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

function paragraphs(text: string): string {
  return text
    .split('\n')
    .map((line) => `<p>${line}</p>`)
    .join('\n');
}

export const DEFAULT_TEMPLATES: Record<TemplateKey, Record<Locale, Omit<EmailTemplate, 'key' | 'locale'>>> = {
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
  reply: {
    es: { subject: 'Re: [{{ticket.number}}] {{ticket.subject}}', text: '{{message.body}}', html: '{{message.html}}' },
    en: { subject: 'Re: [{{ticket.number}}] {{ticket.subject}}', text: '{{message.body}}', html: '{{message.html}}' },
  },
};
