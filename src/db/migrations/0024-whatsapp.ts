import type { Kysely } from 'kysely';
import type { DialectName } from '../database.ts';
import { columnTypes, oneOf } from './schema-helpers.ts';

/**
 * Issue 16, the WhatsApp Business Cloud API channel:
 * - `whatsapp_numbers`: each business number Meta sends to us, with its Graph API access; the
 *   access token, app secret and verify token are sealed (secret-box), like mailbox passwords;
 * - `whatsapp_webhooks`: every signed webhook body, byte for byte, stored before Meta gets its 200
 *   and processed afterwards (a crash in between loses nothing: pending rows are taken at start);
 * - `whatsapp_messages`: each WhatsApp message id (wamid) we took in or sent, so a retried webhook
 *   adds nothing twice and a status finds its reply;
 * - `whatsapp_threads`: per ticket, the number and customer it talks with and the last message
 *   from the customer (the 24-hour customer-service window runs from it);
 * - `whatsapp_media`: the media of a message and whether its file is stored yet (downloads are
 *   retried by the outbox; the message never waits for them).
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema as it was, not today's types
export async function up(db: Kysely<any>, dialect: DialectName): Promise<void> {
  const { timestamp, bytes } = columnTypes(dialect);
  await db.schema
    .createTable('whatsapp_numbers')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('phone_number_id', 'text', (c) => c.notNull().unique())
    .addColumn('business_account_id', 'text', (c) => c.notNull())
    .addColumn('display_number', 'text', (c) => c.notNull())
    .addColumn('access_token', 'text', (c) => c.notNull())
    .addColumn('app_secret', 'text', (c) => c.notNull())
    .addColumn('verify_token', 'text', (c) => c.notNull())
    .addColumn('department_id', 'text', (c) => c.references('departments.id'))
    .addColumn('graph_base_url', 'text', (c) => c.notNull())
    .addColumn('graph_version', 'text', (c) => c.notNull())
    .addColumn('created_at', timestamp, (c) => c.notNull())
    .addColumn('updated_at', timestamp, (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('whatsapp_webhooks')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('raw', bytes, (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('error', 'text')
    .addColumn('received_at', timestamp, (c) => c.notNull())
    .addColumn('processed_at', timestamp)
    .addCheckConstraint('whatsapp_webhooks_status_check', oneOf('status', ['pending', 'processed', 'failed']))
    .execute();
  await db.schema.createIndex('whatsapp_webhooks_status_idx').on('whatsapp_webhooks').columns(['status']).execute();

  await db.schema
    .createTable('whatsapp_messages')
    .addColumn('wamid', 'text', (c) => c.primaryKey())
    .addColumn('direction', 'text', (c) => c.notNull())
    .addColumn('ticket_id', 'text')
    .addColumn('message_id', 'text')
    /** The last status Meta reported for a message we sent: sent, delivered, read or failed. */
    .addColumn('status', 'text')
    .addColumn('created_at', timestamp, (c) => c.notNull())
    .addCheckConstraint('whatsapp_messages_direction_check', oneOf('direction', ['in', 'out']))
    .execute();
  await db.schema
    .createIndex('whatsapp_messages_message_idx')
    .on('whatsapp_messages')
    .columns(['message_id'])
    .execute();

  await db.schema
    .createTable('whatsapp_threads')
    .addColumn('ticket_id', 'text', (c) => c.primaryKey())
    .addColumn('number_id', 'text', (c) => c.notNull())
    .addColumn('contact_id', 'text', (c) => c.notNull())
    /** The customer's WhatsApp id (their number without +), what the send endpoint's `to` takes. */
    .addColumn('wa_id', 'text', (c) => c.notNull())
    .addColumn('last_inbound_at', timestamp)
    .execute();
  await db.schema
    .createIndex('whatsapp_threads_contact_idx')
    .on('whatsapp_threads')
    .columns(['contact_id', 'number_id'])
    .execute();

  await db.schema
    .createTable('whatsapp_media')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('message_id', 'text', (c) => c.notNull())
    .addColumn('number_id', 'text', (c) => c.notNull())
    .addColumn('media_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('mime_type', 'text')
    .addColumn('filename', 'text')
    .addColumn('stored_at', timestamp)
    .addColumn('created_at', timestamp, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('whatsapp_media_message_idx')
    .on('whatsapp_media')
    .columns(['message_id', 'media_id'])
    .unique()
    .execute();
}
