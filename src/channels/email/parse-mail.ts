import { type AddressObject, type ParsedMail, simpleParser } from 'mailparser';
import { sanitizeBodyHtml } from '../../core/conversation/html-sanitize.ts';
import type { InboundMessage, MailAddress } from '../../core/conversation/inbound.service.ts';
import { decodeBytes, decodeRawHeader, decodeUtf7, rawHeaderValue } from './header-decoding.ts';
import { runInboundFilters } from './inbound-filters.ts';
import {
  isGarbled,
  isUnparseableTextType,
  readableLines,
  repairHeaderEnd,
  uudecode,
  withFoundBoundary,
} from './mime-repair.ts';
import { findQuote } from './quote-folding.ts';
import { senderAuthOf } from './sender-auth.ts';

export interface ParseOptions {
  /** Our own addresses (mailboxes): mail from them is a loop. */
  ownAddresses?: Set<string>;
}

/** The Message-ID without its angle brackets. */
export function bareMessageId(value: string | undefined | null): string | null {
  const trimmed = value?.trim();
  if (!trimmed) return null;
  const match = /<([^<>\s]+)>/.exec(trimmed);
  return (match?.[1] ?? trimmed.replace(/[<>\s]/g, '')) || null;
}

function messageIdList(value: string | string[] | undefined): string[] {
  const all = Array.isArray(value) ? value.join(' ') : (value ?? '');
  return [...all.matchAll(/<([^<>\s]+)>/g)]
    .map((m) => m[1] as string)
    .concat(all.includes('<') ? [] : all.split(/\s+/).filter(Boolean));
}

function addresses(value: AddressObject | AddressObject[] | undefined): MailAddress[] {
  const list = Array.isArray(value) ? value : value ? [value] : [];
  const out: MailAddress[] = [];
  const walk = (entries: AddressObject['value']) => {
    for (const entry of entries) {
      if (entry.group) walk(entry.group);
      else if (entry.address) out.push({ address: entry.address.trim(), name: (entry.name ?? '').trim() });
    }
  };
  for (const item of list) walk(item.value);
  return out;
}

function headerText(parsed: ParsedMail, name: string): string | undefined {
  const value = parsed.headers.get(name);
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') return value;
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'object' && 'value' in value && typeof value.value === 'string') return value.value;
  if (typeof value === 'object' && 'text' in value && typeof value.text === 'string') return value.text;
  return String(value);
}

const BOUNCE_SUBJECT =
  /(undeliver|delivery (status )?notification|returned mail|mail delivery (failed|failure)|failure notice|no se pudo entregar|non remis|unzustellbar)/i;

/** A DSN (RFC 3464) or a classic bounce: the Message-IDs of what bounced and the reason given. */
function detectBounce(parsed: ParsedMail, from: MailAddress | null, raw: Buffer): InboundMessage['bounce'] {
  const contentType = parsed.headers.get('content-type');
  // mailparser keeps `report-type` among the parameters, not in the value.
  const reportType =
    typeof contentType === 'object' && contentType && 'params' in contentType
      ? String((contentType.params as Record<string, string>)['report-type'] ?? '')
      : '';
  const isReport =
    /multipart\/report/i.test(headerText(parsed, 'content-type') ?? '') && /delivery-status/i.test(reportType);
  const fromDaemon = /^(mailer-daemon|postmaster)@/i.test(from?.address ?? '');
  if (!isReport && !(fromDaemon && BOUNCE_SUBJECT.test(parsed.subject ?? ''))) return null;
  const ids: string[] = [];
  let reason = '';
  const actions: string[] = [];
  for (const attachment of parsed.attachments) {
    const text = attachment.content.toString('utf8');
    if (/delivery-status/i.test(attachment.contentType)) {
      reason =
        /^Diagnostic-Code:\s*(.+)$/im.exec(text)?.[1]?.trim() ?? /^Status:\s*(.+)$/im.exec(text)?.[1]?.trim() ?? reason;
    }
    if (/rfc822/i.test(attachment.contentType)) {
      for (const m of text.matchAll(/^Message-ID:\s*<([^>]+)>/gim)) ids.push(m[1] as string);
    }
  }
  for (const m of (parsed.text ?? '').matchAll(/^Message-ID:\s*<([^>]+)>/gim)) ids.push(m[1] as string);
  const text = raw.toString('latin1');
  // The per-recipient fields of message/delivery-status (mailparser shows that part as text, not a file).
  if (isReport) for (const m of text.matchAll(/^Action:[ \t]*(\S+)/gim)) actions.push((m[1] as string).toLowerCase());
  if (!reason) {
    reason =
      /^Diagnostic-Code:[ \t]*(.+)$/im.exec(text)?.[1]?.trim() ??
      /^Status:[ \t]*(\d\.\d+\.\d+.*)$/im.exec(text)?.[1]?.trim() ??
      '';
  }
  return {
    originalMessageIds: [...new Set(ids)],
    reason: reason || (parsed.subject ?? ''),
    action: reportAction(actions),
  };
}

/**
 * One word for a report about several recipients: any failure is a failure; "delivered" only when
 * every recipient's server said so. A classic bounce (no per-recipient fields) is a failure.
 */
function reportAction(actions: string[]): NonNullable<InboundMessage['bounce']>['action'] {
  if (actions.length === 0 || actions.includes('failed')) return 'failed';
  if (actions.includes('delayed')) return 'delayed';
  return actions.every((a) => a === 'delivered') ? 'delivered' : 'relayed';
}

/** A mail we could not parse at all still becomes a ticket, showing its raw text. */
export function rawFallback(raw: Buffer): InboundMessage {
  const text = raw.toString('utf8');
  const subject = /^Subject:[ \t]*(.*)$/im.exec(text)?.[1]?.trim() ?? '';
  const fromLine = /^From:[ \t]*(.*)$/im.exec(text)?.[1] ?? '';
  const address = /[\w.+-]+@[\w-]+(\.[\w-]+)+/.exec(fromLine)?.[0];
  return {
    messageId: bareMessageId(/^Message-ID:[ \t]*(.*)$/im.exec(text)?.[1]),
    inReplyTo: [],
    references: [],
    from: address ? { address, name: '' } : null,
    to: [],
    cc: [],
    subject: subject || '(correo ilegible)',
    date: null,
    text,
    quote: null,
    html: null,
    attachments: [],
    noAutoAnswer: true,
    fromOurselves: false,
    bounce: null,
  };
}

type Attachment = ParsedMail['attachments'][number];

const MIME_PARSE_OPTIONS = { skipImageLinks: true, skipTextLinks: true } as const;

/** Raw RFC 822 bytes → the domain's InboundMessage (charsets decoded, HTML sanitized, filters run). */
export async function parseMail(received: Buffer, opts: ParseOptions = {}): Promise<InboundMessage> {
  const raw = repairHeaderEnd(received);
  let parsed: ParsedMail;
  // A multipart whose boundary is never found would show its raw parts: parsed again with the
  // delimiter it does use, or, when that gives noise, reduced to the lines a person can read.
  const repaired = withFoundBoundary(raw);
  let readable: string | null = null;
  try {
    parsed = await simpleParser(repaired ?? raw, MIME_PARSE_OPTIONS);
    if (repaired && isGarbled(parsed.text ?? '')) {
      parsed = await simpleParser(raw, MIME_PARSE_OPTIONS);
      readable = readableLines(raw);
    }
  } catch {
    return rawFallback(raw);
  }
  const from = addresses(parsed.from)[0] ?? null;
  const subject = subjectOf(parsed, raw);
  const headers = { get: (name: string) => headerText(parsed, name) };
  const verdict = runInboundFilters(headers, subject);
  const own = opts.ownAddresses ?? new Set<string>();
  const fromOurselves =
    headers.get('x-tiquete-ticket') !== undefined || (from !== null && own.has(from.address.toLowerCase()));
  const bounce = detectBounce(parsed, from, raw);
  // cid: images stay cid: here; the domain points them at the stored attachments.
  const html =
    typeof parsed.html === 'string' && parsed.html.trim() ? sanitizeBodyHtml(parsed.html, (cid) => `cid:${cid}`) : null;
  // Parts with a content type nobody can read ("text plain") are text, not files.
  const textish = parsed.attachments.filter((a) => !a.filename && isUnparseableTextType(a.contentType ?? ''));
  const extraText = textish.map(partText).join('\n\n').trim();
  const text =
    readable ?? [parsed.text?.trim() ? plainText(parsed.text, raw) : '', extraText].filter(Boolean).join('\n\n');
  const attachments = parsed.attachments
    .filter((a) => !textish.includes(a) && !(bounce && /rfc822|delivery-status/i.test(a.contentType)))
    .map(fileOf);
  const forwarded = text || html ? '' : await forwardedText(parsed.attachments);
  const body = text || (html ? htmlToPlain(html) : '') || forwarded || (attachments.length === 0 ? rawBody(raw) : '');
  return {
    messageId: bareMessageId(parsed.messageId),
    inReplyTo: messageIdList(parsed.inReplyTo),
    references: messageIdList(parsed.references),
    from,
    to: addresses(parsed.to),
    cc: addresses(parsed.cc),
    subject,
    date: headerText(parsed, 'date') ?? null,
    senderAuth: senderAuthOf(rawHeaderValue(raw, 'authentication-results')?.toString('latin1'), from?.address),
    text: body,
    quote: findQuote(body),
    html,
    attachments,
    noAutoAnswer: verdict.noAutoAnswer || bounce !== null,
    fromOurselves,
    bounce,
  };
}

function charsetOf(attachment: Attachment): string {
  const value = attachment.headers.get('content-type');
  const params =
    typeof value === 'object' && value && 'params' in value ? (value.params as Record<string, string>) : {};
  return params.charset ?? 'utf-8';
}

function partText(attachment: Attachment): string {
  return decodeBytes(attachment.content, charsetOf(attachment));
}

/** A part as a file; uuencoded content (x-uuencode) is stored decoded. */
function fileOf(attachment: Attachment) {
  const encoding = String(attachment.headers.get('content-transfer-encoding') ?? '').toLowerCase();
  const uu = /uuencode|uue/.test(encoding) ? uudecode(attachment.content) : null;
  return {
    filename:
      attachment.filename ?? uu?.filename ?? (attachment.contentType === 'message/rfc822' ? 'mensaje.eml' : 'adjunto'),
    contentType: attachment.contentType || 'application/octet-stream',
    data: uu?.data ?? attachment.content,
    contentId: attachment.contentId ? attachment.contentId.replace(/^<|>$/g, '') : null,
  };
}

/**
 * A mail that only forwards another (message/rfc822): the forwarded mail's sender, subject and text
 * as the body (the .eml stays attached).
 */
async function forwardedText(attachments: Attachment[]): Promise<string> {
  const eml = attachments.find((a) => /^message\/rfc822$/i.test(a.contentType));
  if (!eml) return '';
  let inner: ParsedMail;
  try {
    inner = await simpleParser(repairHeaderEnd(eml.content), MIME_PARSE_OPTIONS);
  } catch {
    return '';
  }
  const innerHtml = typeof inner.html === 'string' ? htmlToPlain(sanitizeBodyHtml(inner.html)) : '';
  const innerText = inner.text?.trim() || innerHtml;
  const lines = [
    inner.from?.text ? `From: ${inner.from.text}` : '',
    inner.date ? `Date: ${inner.date.toUTCString()}` : '',
    inner.subject ? `Subject: ${inner.subject}` : '',
  ].filter(Boolean);
  return [lines.join('\n'), innerText].filter(Boolean).join('\n\n').trim();
}

/** The decoded subject; UTF-7 encoded words (old Outlook) are decoded from the raw bytes. */
function subjectOf(parsed: ParsedMail, raw: Buffer): string {
  const subject = (parsed.subject ?? '').replace(/\s+/g, ' ').trim();
  const rawValue = rawHeaderValue(raw, 'subject');
  const rawText = rawValue?.toString('latin1') ?? '';
  // UTF-7 words, or 8-bit bytes inside an encoded word (Eudora: =?iso-8859-1?Q?Fr\xF6sche?=), which
  // the usual decoding reads as UTF-8 first and turns into U+FFFD.
  if (rawValue && (/=\?(unicode-1-1-)?utf-7\?/i.test(rawText) || /=\?[^?]+\?[QqBb]\?[^?]*[\x80-\xff]/.test(rawText))) {
    return decodeRawHeader(rawValue);
  }
  return subject;
}

/** A text/plain part declared UTF-7 (Outlook 2000): mailparser leaves it encoded, "Fr+APY-sche". */
const UTF7_TEXT_PART = /content-type:[ \t]*text\/plain;(?:[^\r\n]|\r?\n[ \t])*?charset="?(?:unicode-1-1-)?utf-7\b/i;

function plainText(text: string, raw: Buffer): string {
  return UTF7_TEXT_PART.test(raw.toString('latin1')) ? decodeUtf7(text) : text;
}

function htmlToPlain(html: string): string {
  return html
    .replace(/<(br|\/p|\/div|\/tr|\/li|\/h\d)[^>]*>/gi, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** What follows the header block, for mails whose MIME gave no text at all. */
function rawBody(raw: Buffer): string {
  const text = raw.toString('utf8');
  const split = text.search(/\r?\n\r?\n/);
  return split >= 0 ? text.slice(split).trim() : text.trim();
}
