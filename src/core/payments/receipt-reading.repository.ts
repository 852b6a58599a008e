import type { Selectable } from 'kysely';
import type { Db, ReceiptReadingsTable } from '../../db/database.ts';

export type ReceiptReadingRow = Selectable<ReceiptReadingsTable>;

export function receiptReadingRepository(db: Db) {
  return {
    find(attachmentId: string): Promise<ReceiptReadingRow | undefined> {
      return db.selectFrom('receipt_readings').selectAll().where('attachment_id', '=', attachmentId).executeTakeFirst();
    },

    /** A pending reading of the file; false when there is one already (read, failed or under way). */
    async insertPending(attachmentId: string, ticketId: string, now: string): Promise<boolean> {
      const result = await db
        .insertInto('receipt_readings')
        .values({
          attachment_id: attachmentId,
          ticket_id: ticketId,
          status: 'pending',
          source: null,
          fields: null,
          reason: null,
          created_at: now,
          updated_at: now,
        })
        .onConflict((oc) => oc.column('attachment_id').doNothing())
        .executeTakeFirst();
      return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
    },

    /** Ends a pending reading: done with what was found (JSON), or failed with why. */
    async finish(
      attachmentId: string,
      outcome: { status: 'done'; source: 'ocr' | 'pdf_text'; fields: string } | { status: 'failed'; reason: string },
      now: string,
    ): Promise<void> {
      await db
        .updateTable('receipt_readings')
        .set({ ...outcome, updated_at: now })
        .where('attachment_id', '=', attachmentId)
        .where('status', '=', 'pending')
        .execute();
    },
  };
}
