/**
 * Whether Tiquete can mail customers, and whether their answers can come back (issues 12 and 13):
 * without any SMTP server replies wait queued forever; without a mailbox, mail goes out as
 * `soporte@localhost`, an address no answer can reach.
 */
export interface OutboundStatus {
  /** An SMTP server exists: OUTBOUND_SMTP_URL, or a mailbox's own. */
  sending: boolean;
  /** A mailbox exists, so mail carries an address customers can answer to. */
  answerable: boolean;
}

export function outboundStatus(globalSmtpUrl: string | null, mailboxes: { smtpUrl: string | null }[]): OutboundStatus {
  return {
    sending: globalSmtpUrl !== null || mailboxes.some((m) => m.smtpUrl !== null),
    answerable: mailboxes.length > 0,
  };
}
