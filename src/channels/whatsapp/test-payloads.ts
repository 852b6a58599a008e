/**
 * Webhook bodies in Meta's documented shape, for the server tests and the browser tests (which
 * sign them and post them to a running server).
 */

/** A webhook body in Meta's shape: one change for `phoneNumberId` carrying `value`'s fields. */
function webhookBody(phoneNumberId: string, value: Record<string, unknown>): string {
  return JSON.stringify({
    object: 'whatsapp_business_account',
    entry: [
      {
        id: '102290129340398',
        changes: [
          {
            field: 'messages',
            value: {
              messaging_product: 'whatsapp',
              metadata: { display_phone_number: '50640001234', phone_number_id: phoneNumberId },
              ...value,
            },
          },
        ],
      },
    ],
  });
}

const nowSeconds = () => String(Math.floor(Date.now() / 1000));

/** A webhook body with one inbound message for `phoneNumberId`. */
export function inboundPayload(
  phoneNumberId: string,
  /** Its fields beside `from` and `timestamp` (now, unless given: an old one closes the 24-hour window). */
  message: Record<string, unknown>,
  contact: { waId: string; name: string } = { waId: '50688881234', name: 'Lucía Vargas' },
): string {
  return webhookBody(phoneNumberId, {
    contacts: [{ profile: { name: contact.name }, wa_id: contact.waId }],
    messages: [{ from: contact.waId, timestamp: nowSeconds(), ...message }],
  });
}

/** A webhook body with one status of a message we sent. */
export function statusPayload(phoneNumberId: string, wamid: string, status: string, recipient = '50688881234'): string {
  return webhookBody(phoneNumberId, {
    statuses: [{ id: wamid, status, timestamp: nowSeconds(), recipient_id: recipient }],
  });
}
