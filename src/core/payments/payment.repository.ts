import type { Selectable } from 'kysely';
import type { Currency, Db, PaymentState, PaymentsTable } from '../../db/database.ts';

export interface PaymentRecord {
  id: string;
  ticketId: string;
  receiptAttachmentId: string;
  organizationId: string | null;
  contractId: string | null;
  amountMinor: number;
  currency: Currency;
  paidOn: string;
  payerName: string;
  reference: string;
  state: PaymentState;
  accountingTicketId: string | null;
  /** Who moved it through each step and when (the audit of the workflow). */
  recordedBy: string | null;
  sentBy: string | null;
  sentAt: string | null;
  verifiedBy: string | null;
  verifiedAt: string | null;
  appliedBy: string | null;
  appliedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

const iso = (value: string | null): string | null => (value === null ? null : new Date(value).toISOString());

function toPayment(row: Selectable<PaymentsTable>): PaymentRecord {
  return {
    id: row.id,
    ticketId: row.ticket_id,
    receiptAttachmentId: row.receipt_attachment_id,
    organizationId: row.organization_id,
    contractId: row.contract_id,
    amountMinor: Number(row.amount_minor),
    currency: row.currency,
    paidOn: row.paid_on,
    payerName: row.payer_name,
    reference: row.reference,
    state: row.state,
    accountingTicketId: row.accounting_ticket_id,
    recordedBy: row.recorded_by,
    sentBy: row.sent_by,
    sentAt: iso(row.sent_at),
    verifiedBy: row.verified_by,
    verifiedAt: iso(row.verified_at),
    appliedBy: row.applied_by,
    appliedAt: iso(row.applied_at),
    createdAt: iso(row.created_at) as string,
    updatedAt: iso(row.updated_at) as string,
  };
}

export function paymentRepository(db: Db) {
  return {
    async find(id: string): Promise<PaymentRecord | undefined> {
      const row = await db.selectFrom('payments').selectAll().where('id', '=', id).executeTakeFirst();
      return row && toPayment(row);
    },

    /** The payments recorded on a ticket or sent to it for accounting, oldest first. */
    async ofTicket(ticketId: string): Promise<PaymentRecord[]> {
      const rows = await db
        .selectFrom('payments')
        .selectAll()
        .where((eb) => eb.or([eb('ticket_id', '=', ticketId), eb('accounting_ticket_id', '=', ticketId)]))
        .orderBy('created_at')
        .orderBy('id')
        .execute();
      return rows.map(toPayment);
    },

    async insert(payment: PaymentRecord): Promise<void> {
      await db
        .insertInto('payments')
        .values({
          id: payment.id,
          ticket_id: payment.ticketId,
          receipt_attachment_id: payment.receiptAttachmentId,
          organization_id: payment.organizationId,
          contract_id: payment.contractId,
          amount_minor: payment.amountMinor,
          currency: payment.currency,
          paid_on: payment.paidOn,
          payer_name: payment.payerName,
          reference: payment.reference,
          state: payment.state,
          accounting_ticket_id: null,
          recorded_by: payment.recordedBy,
          created_at: payment.createdAt,
          updated_at: payment.updatedAt,
        })
        .execute();
    },

    /**
     * Moves a payment on from the state it was read in; false when another request moved it first
     * (the caller answers 409 rather than doing the step twice).
     */
    async advance(
      id: string,
      from: PaymentState,
      change:
        | { state: 'sent_to_accounting'; by: string | null; at: string; accountingTicketId: string }
        | { state: 'verified' | 'applied'; by: string | null; at: string },
    ): Promise<boolean> {
      const columns =
        change.state === 'sent_to_accounting'
          ? { sent_by: change.by, sent_at: change.at, accounting_ticket_id: change.accountingTicketId }
          : change.state === 'verified'
            ? { verified_by: change.by, verified_at: change.at }
            : { applied_by: change.by, applied_at: change.at };
      const result = await db
        .updateTable('payments')
        .set({ ...columns, state: change.state, updated_at: change.at })
        .where('id', '=', id)
        .where('state', '=', from)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },

    /** A second "Enviar a contabilidad": who sent it again and when. */
    async resent(id: string, by: string | null, at: string): Promise<void> {
      await db.updateTable('payments').set({ sent_by: by, sent_at: at, updated_at: at }).where('id', '=', id).execute();
    },

    /** The names of the agents of the audit, by id. */
    async agentNames(ids: string[]): Promise<Map<string, string>> {
      if (ids.length === 0) return new Map();
      const rows = await db.selectFrom('agents').select(['id', 'name']).where('id', 'in', ids).execute();
      return new Map(rows.map((r) => [r.id, r.name]));
    },

    /** Organizations whose customer code ends with one of the numbers ("ID Wolk 1234" for "1234"). */
    async organizationsByCodeNumber(numbers: string[]): Promise<{ id: string; code: string }[]> {
      if (numbers.length === 0) return [];
      const rows = await db
        .selectFrom('organizations')
        .select(['id', 'code', 'code_key'])
        .where((eb) => eb.or(numbers.flatMap((n) => [eb('code_key', '=', n), eb('code_key', 'like', `% ${n}`)])))
        .orderBy('name')
        .limit(10)
        .execute();
      return rows.filter((r) => r.code !== null).map((r) => ({ id: r.id, code: r.code as string }));
    },
  };
}
