import type { Kysely } from 'kysely';
import type { DialectName } from '../database.ts';
import { columnTypes, oneOf } from './schema-helpers.ts';

// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema as it was, not today's types
export async function up(db: Kysely<any>, dialect: DialectName): Promise<void> {
  const t = columnTypes(dialect);

  // Addresses that receive mail (soporte@, ventas@) and the department their tickets go to.
  await db.schema
    .createTable('mailboxes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('address', 'text', (c) => c.notNull().unique())
    .addColumn('department_id', 'text', (c) => c.references('departments.id').onDelete('set null'))
    .addColumn('default_type_id', 'text')
    .addColumn('default_priority', 'text')
    .addColumn('language', 'text', (c) => c.notNull().defaultTo('es'))
    .addColumn('imap', 'text')
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .execute();

  // Every accepted mail, raw, committed before the SMTP 250 (or the IMAP \Seen); parsed afterwards.
  await db.schema
    .createTable('inbound_messages')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('mailbox_id', 'text')
    .addColumn('envelope_from', 'text')
    .addColumn('envelope_to', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('raw', t.bytes, (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .defaultTo('pending')
        .check(oneOf('status', ['pending', 'processed', 'ignored', 'failed'])),
    )
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('error', 'text')
    .addColumn('email_message_id', 'text')
    .addColumn('ticket_id', 'text')
    .addColumn('received_at', t.timestamp, (c) => c.notNull())
    .addColumn('processed_at', t.timestamp)
    .execute();
  await db.schema
    .createIndex('inbound_messages_status_idx')
    .on('inbound_messages')
    .columns(['status', 'received_at'])
    .execute();

  // Message-IDs we received or sent, for threading (In-Reply-To/References) and duplicate drops.
  await db.schema
    .createTable('email_message_ids')
    .addColumn('email_message_id', 'text', (c) => c.primaryKey())
    .addColumn('ticket_id', 'text', (c) => c.notNull())
    .addColumn('message_id', 'text')
    .addColumn('direction', 'text', (c) => c.notNull().check(oneOf('direction', ['in', 'out'])))
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .execute();

  // Automatic answers sent per address, for the "at most N per hour" loop guard.
  await db.schema
    .createTable('email_auto_answers')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('address', 'text', (c) => c.notNull())
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('email_auto_answers_idx')
    .on('email_auto_answers')
    .columns(['address', 'created_at'])
    .execute();

  // Admin edits of the mail templates; the defaults live in code.
  await db.schema
    .createTable('email_templates')
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('locale', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('html', 'text', (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .addPrimaryKeyConstraint('email_templates_pk', ['key', 'locale'])
    .execute();

  await db.schema.alterTable('tickets').addColumn('follow_up_of_id', 'text').execute();
  await db.schema.alterTable('messages').addColumn('delivery_status', 'text').execute();
}
