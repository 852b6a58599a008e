import type { Channel } from '../../db/database.ts';

/** 000 (Wolk): the ways an interaction with the customer happens ("correo, WhatsApp, central, Skype"). */
export const ACTIVITY_MEDIA = ['email', 'whatsapp', 'phone', 'skype', 'teams', 'in_person'] as const;
export type ActivityMedium = (typeof ACTIVITY_MEDIA)[number];

/**
 * 000 (Wolk): one activity per interaction with the customer, with the person, the medium, the
 * reason, the inputs each side gave, what is pending, the solution and the protocol applied.
 */
export interface ActivityFields {
  contactPerson: string;
  medium: ActivityMedium;
  reason: string;
  inputsReceived: string | null;
  inputsGiven: string | null;
  pendingItems: string | null;
  solution: string | null;
  protocolApplied: string | null;
  /**
   * The protocol applied on this ticket the activity followed (000: "indicar si se aplicó algún
   * protocolo"), linked so the reader reaches its checklist; `protocolApplied` then holds its title.
   */
  protocolAppliedId: string | null;
  /**
   * The customer's contact the interaction was with, when the contact person names one (the
   * requester or a contact of the organization); null for a third party. Set by Tiquete.
   */
  contactId: string | null;
}

export interface SessionAttendeeInput {
  name?: string;
  email: string;
}

/** 000 (Wolk): a call or session agreed with the customer, day and hour, copied to colleagues and supervisor. */
export interface ScheduledSessionInput {
  title?: string;
  startsAt: string;
  endsAt: string;
  attendees?: SessionAttendeeInput[];
  /** The Teams or Skype link to join, sent by WhatsApp to a customer without a headset. */
  joinUrl?: string | null;
}

type OptionalActivityField =
  | 'inputsReceived'
  | 'inputsGiven'
  | 'pendingItems'
  | 'solution'
  | 'protocolApplied'
  | 'protocolAppliedId';

export type ActivityInput = Omit<ActivityFields, OptionalActivityField | 'contactId'> &
  Partial<Pick<ActivityFields, OptionalActivityField>> & {
    scheduledSession?: ScheduledSessionInput;
  };

const MEDIUM_CHANNEL: Record<ActivityMedium, Channel> = {
  email: 'email',
  whatsapp: 'whatsapp',
  phone: 'phone',
  skype: 'skype',
  teams: 'teams',
  in_person: 'internal',
};

/** The channel an activity is filed under, from its medium. */
export function channelOfMedium(medium: ActivityMedium): Channel {
  return MEDIUM_CHANNEL[medium];
}

/** Trims every field and turns blank optional ones into null, so what is stored reads the same everywhere. */
export function normalizeActivity(input: ActivityInput): ActivityFields {
  const optional = (value: string | null | undefined) => value?.trim() || null;
  return {
    contactPerson: input.contactPerson.trim(),
    medium: input.medium,
    reason: input.reason.trim(),
    inputsReceived: optional(input.inputsReceived),
    inputsGiven: optional(input.inputsGiven),
    pendingItems: optional(input.pendingItems),
    solution: optional(input.solution),
    protocolApplied: optional(input.protocolApplied),
    protocolAppliedId: input.protocolAppliedId ?? null,
    contactId: null,
  };
}

/** A person the customer's side of a ticket has: the requester, a copied contact, a colleague. */
export interface CustomerPerson {
  id: string;
  name: string;
  emails: string[];
}

const foldName = (text: string) =>
  text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/\s+/g, ' ').trim();

/**
 * The customer the activity's contact person names, by full name, email or first names ("Ana"
 * for "Ana Mora"), the first in `people` winning; null when it names nobody of theirs.
 */
export function customerNamed(contactPerson: string, people: CustomerPerson[]): string | null {
  const named = foldName(contactPerson);
  if (!named) return null;
  const found = people.find((person) => {
    const name = foldName(person.name);
    return name === named || name.startsWith(`${named} `) || person.emails.some((e) => foldName(e) === named);
  });
  return found?.id ?? null;
}

/** The text of an activity that search should find, beside the message body. */
export function activitySearchText(activity: ActivityFields): string {
  return [
    activity.contactPerson,
    activity.reason,
    activity.inputsReceived,
    activity.inputsGiven,
    activity.pendingItems,
    activity.solution,
    activity.protocolApplied,
  ]
    .filter(Boolean)
    .join('\n');
}
