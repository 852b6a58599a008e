/** A message from a customer as the WhatsApp channel hands it to the domain (one per wamid). */
export interface WhatsappInbound {
  /** Meta's message id; a webhook delivered again carries the same one. */
  wamid: string;
  /** The customer's WhatsApp id (their number, digits only), or null when Meta withholds it. */
  waId: string | null;
  /** Meta's business-scoped user id, when given (2026 payloads); it stands in for a missing waId. */
  userId: string | null;
  profileName: string | null;
  /** When the customer sent it (ISO). */
  sentAt: string;
  /** The WhatsApp type as sent (text, image, location, unsupported, …). */
  type: string;
  /** The readable text of the message (a caption, a location's address and map link…). */
  text: string;
  /** Files to fetch through the Graph media endpoint and attach. */
  media: { mediaId: string; kind: string; mimeType: string | null; filename: string | null }[];
  /** A reaction: its emoji ('' = removed) and the message it refers to; the domain words it. */
  reaction: { emoji: string; wamid: string } | null;
  /** A shape the channel does not understand: kept as it came (JSON) and logged. */
  unknown: boolean;
}

export type WhatsappStatusName = 'sent' | 'delivered' | 'read' | 'failed' | 'played';

/** What Meta reports on a message we sent. */
export interface WhatsappStatus {
  wamid: string;
  status: WhatsappStatusName;
  at: string;
  /** Meta's words when it failed. */
  detail: string | null;
}

/** A status never moves back (Meta may skip `delivered` or send them out of order). */
export const STATUS_RANK: Record<WhatsappStatusName, number> = { sent: 1, delivered: 2, read: 3, played: 3, failed: 4 };
