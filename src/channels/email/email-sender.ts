import nodemailer from 'nodemailer';
import type { OutgoingMail } from '../../core/templates/email-template.service.ts';

export interface EmailSender {
  send(mail: OutgoingMail): Promise<void>;
  close(): void;
}

/** Nodemailer's SMTP transport for OUTBOUND_SMTP_URL (or a mailbox's SMTP settings). */
export function createSmtpSender(url: string): EmailSender {
  const transport = nodemailer.createTransport(url);
  return {
    async send(mail) {
      await transport.sendMail({
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
        attachments: mail.attachments.map((a) => ({
          filename: a.filename,
          contentType: a.contentType,
          content: a.content,
        })),
      });
    },
    close: () => transport.close(),
  };
}
