import type { Kysely } from 'kysely';
import type { DialectName } from '../database.ts';

// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema as it was, not today's types
export async function up(db: Kysely<any>, _dialect: DialectName): Promise<void> {
  // A mailbox may send through its own SMTP server (smtp://user:pass@host:587); null = OUTBOUND_SMTP_URL.
  await db.schema.alterTable('mailboxes').addColumn('smtp_url', 'text').execute();
  // Where the quoted earlier conversation sits in a mail's text, [quote_start, quote_end) (found
  // when the mail is parsed), so the console folds it away without losing it; null = nothing quoted.
  await db.schema.alterTable('messages').addColumn('quote_start', 'integer').execute();
  await db.schema.alterTable('messages').addColumn('quote_end', 'integer').execute();
}
