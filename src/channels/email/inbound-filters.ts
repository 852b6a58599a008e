/** What the ordered inbound filters know about a mail's headers. */
export interface MailHeaders {
  get(name: string): string | undefined;
}

export interface FilterVerdict {
  noAutoAnswer: boolean;
  reasons: string[];
}

type Filter = (headers: MailHeaders, subject: string) => string | null;

const OUT_OF_OFFICE =
  /\b(out of (the )?office|fuera de la oficina|ausencia|automatic reply|respuesta autom[aá]tica|auto(matische)? ?(reply|antwort)|away until|de vacaciones|vacation)\b/i;

/**
 * Ordered like Zammad's mail filters: each one may only add a reason never to answer
 * automatically; none of them drops the mail (RFC 3834, RFC 2076 Precedence).
 */
const FILTERS: Filter[] = [
  (h) => {
    const value = h.get('auto-submitted')?.trim().toLowerCase();
    return value && value !== 'no' ? `Auto-Submitted: ${value}` : null;
  },
  (h) => {
    const value = h.get('precedence')?.trim().toLowerCase();
    return value && ['bulk', 'junk', 'list', 'auto_reply'].includes(value) ? `Precedence: ${value}` : null;
  },
  (h) =>
    h.get('x-autoreply') || h.get('x-autorespond') || h.get('x-auto-response-suppress')?.match(/all|oof|autoreply/i)
      ? 'X-Autoreply'
      : null,
  (h) => (h.get('list-id') || h.get('list-unsubscribe') ? 'mailing list' : null),
  (h) => (h.get('x-loop')?.toLowerCase().includes('tiquete') ? 'X-Loop' : null),
  (_h, subject) => (OUT_OF_OFFICE.test(subject) ? 'out of office' : null),
  (h) => {
    const from = h.get('return-path')?.trim();
    return from === '<>' ? 'null sender' : null;
  },
];

export function runInboundFilters(headers: MailHeaders, subject: string): FilterVerdict {
  const reasons = FILTERS.map((filter) => filter(headers, subject)).filter((r): r is string => r !== null);
  return { noAutoAnswer: reasons.length > 0, reasons };
}
