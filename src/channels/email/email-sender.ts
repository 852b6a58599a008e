import type { Transporter } from 'nodemailer';
import type { OutgoingMail } from '../../core/templates/email-template.service.ts';

export interface EmailSender {
  send(mail: OutgoingMail): Promise<void>;
  close(): void;
}

/** Nodemailer's SMTP transport for OUTBOUND_SMTP_URL (or a mailbox's SMTP settings). */
export function createSmtpSender(url: string): EmailSender {
  // nodemailer loads with the first mail sent: an install that sends none never pays its memory.
  let transport: Promise<Transporter> | undefined;
  const transportNow = () => {
    transport ??= import('nodemailer').then(({ default: nodemailer }) => nodemailer.createTransport(url));
    return transport;
  };
  return {
    async send(mail) {
      await (await transportNow()).sendMail({
        messageId: `<${mail.messageId}>`,
        from: { name: mail.from.name, address: mail.from.address },
        to: mail.to,
        cc: mail.cc.length > 0 ? mail.cc : undefined,
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
        inReplyTo: mail.inReplyTo ? `<${mail.inReplyTo}>` : undefined,
        references: mail.references.map((id) => `<${id}>`),
        headers: mail.headers,
        icalEvent: mail.calendar ? { method: mail.calendar.method, content: mail.calendar.content } : undefined,
        // A reply asks the customer's server to report delivery (when the relay offers DSN, RFC 3461):
        // the console then says "Entregado", or why it bounced.
        dsn: mail.tiqueteMessageId
          ? {
              id: mail.messageId,
              return: 'headers',
              notify: ['success', 'failure', 'delay'],
              recipient: mail.from.address,
            }
          : undefined,
        attachments: mail.attachments.map((a) => ({
          filename: a.filename,
          contentType: a.contentType,
          content: a.content,
        })),
      });
    },
    close() {
      transport?.then((t) => t.close()).catch(() => {});
    },
  };
}

/** No SMTP server for this mail: neither its mailbox nor OUTBOUND_SMTP_URL names one (retried later). */
export class NoSmtpServerError extends Error {
  constructor(from: string) {
    super(`No SMTP server for mail from ${from}: set OUTBOUND_SMTP_URL or the mailbox's own SMTP URL`);
    this.name = 'NoSmtpServerError';
  }
}

/**
 * Sends each mail through its mailbox's own SMTP server when it has one (`smtpUrlFor`), else
 * through the global one. One transport per URL, kept open; a changed URL gets a new one.
 */
export function createRoutingSender(opts: {
  globalUrl: string | null;
  smtpUrlFor: (fromAddress: string, ticketId: string | null) => Promise<string | undefined>;
}): EmailSender {
  const senders = new Map<string, EmailSender>();
  const senderFor = (url: string) => {
    let sender = senders.get(url);
    if (!sender) {
      sender = createSmtpSender(url);
      senders.set(url, sender);
    }
    return sender;
  };
  return {
    async send(mail) {
      const url = (await opts.smtpUrlFor(mail.from.address, mail.ticketId)) ?? opts.globalUrl;
      if (!url) throw new NoSmtpServerError(mail.from.address);
      await senderFor(url).send(mail);
    },
    close() {
      for (const sender of senders.values()) sender.close();
      senders.clear();
    },
  };
}
