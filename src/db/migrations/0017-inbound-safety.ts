import type { Kysely } from 'kysely';
import type { DialectName } from '../database.ts';

// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema as it was, not today's types
export async function up(db: Kysely<any>, _dialect: DialectName): Promise<void> {
  // A hash of what a mail says (sender, Date, subject, text, files), filled when it is processed: a
  // copy delivered twice is dropped, a different mail reusing a Message-ID is kept.
  await db.schema.alterTable('inbound_messages').addColumn('content_hash', 'text').execute();
  await db.schema
    .createIndex('inbound_messages_content_hash_idx')
    .on('inbound_messages')
    .column('content_hash')
    .execute();
  // How often parsing of a mail began without ending (the process died meanwhile): after a few
  // starts the mail is given up on instead of taking the server down at every restart.
  await db.schema
    .alterTable('inbound_messages')
    .addColumn('parse_starts', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  // 1 = the mailbox trusts only mail whose From passed SPF or DKIM alignment to reopen tickets.
  await db.schema
    .alterTable('mailboxes')
    .addColumn('require_sender_auth', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
}
