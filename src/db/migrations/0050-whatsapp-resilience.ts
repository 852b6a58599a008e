import type { Kysely } from 'kysely';
import type { DialectName } from '../database.ts';
import { columnTypes } from './schema-helpers.ts';

/**
 * Issue 16, what remained of the WhatsApp channel:
 * - `whatsapp_webhooks.next_attempt_at`: a body whose processing threw waits this long before its
 *   next attempt (1 min, 2, 4 …), instead of being left behind at the first failure;
 * - `whatsapp_reply_parts`: each part of a reply (a text piece, a file, a template) with the media
 *   id Meta gave its upload and the wamid of its send, so a reply half sent is resumed where it
 *   stopped: no file uploaded twice, no part sent twice;
 * - Wolk's habits (seed 000) per number: the welcome text for a new customer, and the approved
 *   templates (JSON `{name, language}`) used outside the 24-hour window for the welcome and for a
 *   session's link;
 * - `scheduled_sessions.join_url`: the Teams or Skype link of a session, sent by WhatsApp to a
 *   customer without a headset.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema as it was, not today's types
export async function up(db: Kysely<any>, dialect: DialectName): Promise<void> {
  const { timestamp } = columnTypes(dialect);
  await db.schema.alterTable('whatsapp_webhooks').addColumn('next_attempt_at', timestamp).execute();

  await db.schema
    .createTable('whatsapp_reply_parts')
    .addColumn('message_id', 'text', (c) => c.notNull())
    /** `text:0`, `text:1` … , `file:<attachment id>` or `template`. */
    .addColumn('part', 'text', (c) => c.notNull())
    .addColumn('media_id', 'text')
    .addColumn('wamid', 'text')
    .addColumn('created_at', timestamp, (c) => c.notNull())
    .addPrimaryKeyConstraint('whatsapp_reply_parts_pk', ['message_id', 'part'])
    .execute();

  await db.schema.alterTable('whatsapp_numbers').addColumn('welcome_text', 'text').execute();
  await db.schema.alterTable('whatsapp_numbers').addColumn('welcome_template', 'text').execute();
  await db.schema.alterTable('whatsapp_numbers').addColumn('session_template', 'text').execute();

  await db.schema.alterTable('scheduled_sessions').addColumn('join_url', 'text').execute();
}
