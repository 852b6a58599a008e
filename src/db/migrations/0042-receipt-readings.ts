import type { Kysely } from 'kysely';
import type { DialectName } from '../database.ts';
import { columnTypes, oneOf } from './schema-helpers.ts';

/**
 * Issue 16, "read the receipt": what OCR (or a PDF's text layer) found on a receipt file, one row per
 * message file, so the payment form's prefill survives a reload and any instance can answer the poll.
 * Written by the background read; `pending` until it ends, then `done` with the fields or `failed`
 * with why (the form stays usable by hand).
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema as it was, not today's types
export async function up(db: Kysely<any>, dialect: DialectName): Promise<void> {
  const { timestamp } = columnTypes(dialect);
  await db.schema
    .createTable('receipt_readings')
    .addColumn('attachment_id', 'text', (c) => c.primaryKey().references('message_attachments.id').onDelete('cascade'))
    .addColumn('ticket_id', 'text', (c) => c.notNull().references('tickets.id').onDelete('cascade'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('source', 'text')
    // JSON of the fields found (amount, date, reference, payer name), each null when not found.
    .addColumn('fields', 'text')
    .addColumn('reason', 'text')
    .addColumn('created_at', timestamp, (c) => c.notNull())
    .addColumn('updated_at', timestamp, (c) => c.notNull())
    .addCheckConstraint('receipt_readings_status_check', oneOf('status', ['pending', 'done', 'failed']))
    .execute();
}
