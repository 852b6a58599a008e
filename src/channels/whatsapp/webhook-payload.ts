import type { WhatsappInbound, WhatsappStatus, WhatsappStatusName } from '../../core/whatsapp/whatsapp-message.ts';
import { translate } from '../../i18n/translate.ts';

/** What one webhook body holds for one of our numbers (a body can batch several). */
export interface WebhookBatch {
  phoneNumberId: string | null;
  messages: WhatsappInbound[];
  statuses: WhatsappStatus[];
}

type Json = Record<string, unknown>;

const MEDIA_TYPES = ['image', 'document', 'audio', 'video', 'sticker'] as const;
const STATUS_NAMES: readonly WhatsappStatusName[] = ['sent', 'delivered', 'read', 'failed', 'played'];
/** The customer-facing text of a message is read in the team's language; Spanish first. */
const TEAM = 'es';
const MAX_UNKNOWN_JSON = 8000;

const obj = (value: unknown): Json | null =>
  value && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : null;
const arr = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
const str = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null);

/** Timestamps are strings of Unix seconds; a missing or odd one is taken as "now" by the caller. */
function isoOf(timestamp: unknown, fallback: string): string {
  const seconds = Number(timestamp);
  return Number.isFinite(seconds) && seconds > 0 ? new Date(seconds * 1000).toISOString() : fallback;
}

function lines(...parts: (string | null | undefined)[]): string {
  return parts.filter((p): p is string => Boolean(p?.trim())).join('\n');
}

function mapsLink(location: Json): string | null {
  const lat = Number(location.latitude);
  const lng = Number(location.longitude);
  if (!Number.isFinite(lat) || !Number.isFinite(lng)) return str(location.url);
  return `https://www.google.com/maps/search/?api=1&query=${lat},${lng}`;
}

function contactCard(card: Json): string {
  const name = obj(card.name);
  const title = str(name?.formatted_name) ?? lines(str(name?.first_name), str(name?.last_name)).replace('\n', ' ');
  const phones = arr(card.phones)
    .map((p) => str(obj(p)?.phone))
    .filter(Boolean);
  const emails = arr(card.emails)
    .map((e) => str(obj(e)?.email))
    .filter(Boolean);
  return [title, ...phones, ...emails].filter(Boolean).join(' · ');
}

/** The readable text and files of one message; `unknown` when its shape is not one we read. */
function readMessage(message: Json): Pick<WhatsappInbound, 'text' | 'media' | 'reaction' | 'unknown'> {
  const type = str(message.type) ?? 'unknown';
  const none = { media: [], reaction: null, unknown: false };
  if (type === 'text') {
    const body = str(obj(message.text)?.body);
    if (body) return { ...none, text: body };
  }
  if ((MEDIA_TYPES as readonly string[]).includes(type)) {
    const media = obj(message[type]);
    const mediaId = str(media?.id);
    if (media && mediaId) {
      const kind = type === 'audio' && media.voice === true ? 'voice' : type;
      const filename = str(media.filename);
      const label = translate(TEAM, `whatsapp.${kind}` as 'whatsapp.image');
      return {
        ...none,
        text: str(media.caption) ?? (filename ? `${label}: ${filename}` : `[${label}]`),
        media: [{ mediaId, kind, mimeType: str(media.mime_type), filename }],
      };
    }
  }
  if (type === 'location') {
    const location = obj(message.location);
    if (location) {
      const title = lines(str(location.name), str(location.address)) || translate(TEAM, 'whatsapp.location');
      return { ...none, text: lines(`📍 ${title}`, mapsLink(location)) };
    }
  }
  if (type === 'contacts') {
    const cards = arr(message.contacts)
      .map(obj)
      .filter((c): c is Json => c !== null);
    if (cards.length > 0) {
      return { ...none, text: lines(`${translate(TEAM, 'whatsapp.contacts')}:`, ...cards.map(contactCard)) };
    }
  }
  if (type === 'interactive') {
    const interactive = obj(message.interactive);
    const reply = obj(interactive?.button_reply) ?? obj(interactive?.list_reply);
    const title = str(reply?.title);
    if (title) {
      return { ...none, text: lines(translate(TEAM, 'whatsapp.choice', { title }), str(reply?.description)) };
    }
  }
  if (type === 'button') {
    const text = str(obj(message.button)?.text) ?? str(obj(message.button)?.payload);
    if (text) return { ...none, text: translate(TEAM, 'whatsapp.choice', { title: text }) };
  }
  if (type === 'reaction') {
    const reaction = obj(message.reaction);
    const wamid = str(reaction?.message_id);
    if (wamid) return { ...none, text: '', reaction: { emoji: str(reaction?.emoji) ?? '', wamid } };
  }
  if (type === 'system') {
    const body = str(obj(message.system)?.body);
    if (body) return { ...none, text: translate(TEAM, 'whatsapp.system', { body }) };
  }
  // Unsupported, order, and whatever Meta adds next: kept as it came, never dropped.
  const json = JSON.stringify(message, null, 2);
  return {
    ...none,
    unknown: true,
    text: lines(
      translate(TEAM, 'whatsapp.unsupported', { type }),
      json.length > MAX_UNKNOWN_JSON ? `${json.slice(0, MAX_UNKNOWN_JSON)}…` : json,
    ),
  };
}

/**
 * The messages and statuses of a webhook body (already verified and parsed). Tolerant: unknown
 * fields are ignored, missing optional ones are fine, and every message with an id is kept.
 */
export function readWebhook(body: unknown, now: string): WebhookBatch[] {
  const batches: WebhookBatch[] = [];
  for (const entry of arr(obj(body)?.entry)) {
    for (const change of arr(obj(entry)?.changes)) {
      const value = obj(obj(change)?.value);
      if (!value) continue;
      const phoneNumberId = str(obj(value.metadata)?.phone_number_id);
      const profiles = arr(value.contacts).map(obj);
      const batch: WebhookBatch = { phoneNumberId, messages: [], statuses: [] };
      for (const raw of arr(value.messages)) {
        const message = obj(raw);
        const wamid = str(message?.id);
        if (!message || !wamid) continue;
        const from = str(message.from);
        const profile =
          profiles.find((p) => p && (str(p.wa_id) === from || str(p.user_id) === str(message.from_user_id))) ??
          profiles[0] ??
          null;
        const waId = from && /^\d{6,20}$/.test(from) ? from : str(profile?.wa_id);
        batch.messages.push({
          wamid,
          waId,
          userId: str(message.from_user_id) ?? str(profile?.user_id),
          profileName: str(obj(profile?.profile)?.name),
          sentAt: isoOf(message.timestamp, now),
          type: str(message.type) ?? 'unknown',
          ...readMessage(message),
        });
      }
      for (const raw of arr(value.statuses)) {
        const status = obj(raw);
        const wamid = str(status?.id);
        const name = str(status?.status) as WhatsappStatusName | null;
        if (!status || !wamid || !name || !STATUS_NAMES.includes(name)) continue;
        const errors = arr(status.errors).map(obj);
        const detail =
          errors
            .map((e) => lines(str(e?.title) ?? str(e?.message), str(obj(e?.error_data)?.details)).replace('\n', ': '))
            .filter(Boolean)
            .join('; ') || null;
        batch.statuses.push({ wamid, status: name, at: isoOf(status.timestamp, now), detail });
      }
      if (batch.messages.length > 0 || batch.statuses.length > 0) batches.push(batch);
    }
  }
  return batches;
}
