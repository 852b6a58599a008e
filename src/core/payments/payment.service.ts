import type { Currency, Db, PaymentState } from '../../db/database.ts';
import { translate } from '../../i18n/translate.ts';
import { assertCan, canActInDepartment } from '../accounts/access.policy.ts';
import { linkEscalation } from '../contracts/accounting-escalation.ts';
import { contractRepository } from '../contracts/contract.repository.ts';
import { renewForPayment } from '../contracts/contract-renewal.ts';
import { accountingDepartmentId, readContractSettings } from '../contracts/contract-settings.ts';
import {
  type AmountDue,
  amountDue,
  type ContractState,
  contractState,
  dateIn,
  isCalendarDate,
} from '../contracts/contract-terms.ts';
import { attachmentRepository } from '../conversation/attachment.repository.ts';
import { ensureKeyedMacros } from '../conversation/default-macros.ts';
import { macroRepository } from '../conversation/macro.repository.ts';
import type { MacroService } from '../conversation/macro.service.ts';
import { messageIdsOf } from '../conversation/message.commands.ts';
import type { MessageService } from '../conversation/message.service.ts';
import { organizationRepository } from '../organizations/organization.repository.ts';
import type { Actor, Locale } from '../shared/actor.ts';
import { AppError } from '../shared/app-error.ts';
import { type CoreDeps, inTransaction } from '../shared/core-deps.ts';
import { newId } from '../shared/ids.ts';
import { DEFAULT_TIME_ZONE } from '../shared/time-zone.ts';
import { findTicketRef, loadVisibleTicket, type TicketRef } from '../tickets/ticket.access.ts';
import { canSeeTicket } from '../tickets/ticket.policy.ts';
import type { TicketService } from '../tickets/ticket.service.ts';
import { ticketHistoryRepository } from '../tickets/ticket-history.repository.ts';
import { type PaymentRecord, paymentRepository } from './payment.repository.ts';
import {
  customerNumbersIn,
  type PaymentCheck,
  payerNameKey,
  paymentChecks,
  type ScriptKey,
  scriptFor,
} from './payment-checks.ts';
import { formatMoney, isCurrency, minorDigits, parseAmount } from './payment-money.ts';

export type { PaymentRecord } from './payment.repository.ts';

const MAX_TEXT = 1000;

export interface NewPayment {
  /** Major units as written on the receipt, e.g. "45200.00" (see `parseAmount`). */
  amount: string | number;
  currency: string;
  /** The date on the receipt, YYYY-MM-DD. */
  date: string;
  payerName: string;
  reference?: string;
  /** A file (message attachment id) of a message of this ticket: an image or a PDF. */
  receiptAttachmentId: string;
  /** Omitted: suggested from the customer code in the reference, the payer or the ticket's organization. */
  organizationId?: string | null;
  contractId?: string | null;
}

export interface CheckView extends PaymentCheck {
  /** The reason in the reader's language. */
  message: string;
}

export interface Payment extends PaymentRecord {
  ticketNumber: string;
  accountingTicketNumber: string | null;
  organizationName: string | null;
  organizationCode: string | null;
  receipt: { id: string; filename: string; contentType: string };
  contract: {
    id: string;
    planName: string;
    period: 'monthly' | 'annual';
    endsOn: string;
    state: ContractState;
    amountDue: AmountDue;
  } | null;
  checks: CheckView[];
  /** The answer for the customer that fits the state (SCRIPT #1–#3), filled for this ticket. */
  script: { key: ScriptKey; macroId: string; name: string; body: string } | null;
  /** What the reader may do next. */
  actions: ('send_to_accounting' | 'verify' | 'apply')[];
  audit: {
    recordedBy: string | null;
    sentBy: string | null;
    verifiedBy: string | null;
    appliedBy: string | null;
  };
}

const RECEIPT_TYPES = /^(image\/(png|jpe?g|gif|webp|heic|heif|bmp|tiff)|application\/pdf)$/i;

function localeOf(actor: Actor): Locale {
  return actor.kind === 'system' ? 'es' : actor.locale;
}

function invalid(actor: Actor, field: string, problem: string, params: Record<string, unknown> = {}): AppError {
  const text = translate(localeOf(actor), `payments.invalid.${problem}` as Parameters<typeof translate>[1], params);
  return new AppError('PAYMENT_INVALID', text, { field, problem: text, errors: [{ field: `body.${field}`, problem }] });
}

function conflict(actor: Actor, state: PaymentState, action: 'send' | 'verify' | 'apply'): AppError {
  const locale = localeOf(actor);
  return new AppError('PAYMENT_STATE_CONFLICT', `The payment is ${state}: it cannot ${action} now`, {
    state,
    action,
    stateLabel: translate(locale, `payments.state.${state}`),
    actionLabel: translate(locale, `payments.action.${action}`),
  });
}

export function createPaymentService(
  deps: CoreDeps & { tickets: TicketService; messages: MessageService; macros: MacroService; publicUrl?: string },
) {
  const today = () => dateIn(deps.clock.now(), DEFAULT_TIME_ZONE);

  /** Staff who may see the ticket it came from, or the accounting ticket it went to. */
  async function visible(db: Db, actor: Actor, id: string): Promise<{ payment: PaymentRecord; ticket: TicketRef }> {
    assertCan(actor, 'tickets.read');
    const payment = await paymentRepository(db).find(id);
    const notFound = new AppError('PAYMENT_NOT_FOUND', 'Payment not found', { id });
    if (!payment) throw notFound;
    const ticket = await findTicketRef(db, payment.ticketId);
    if (!ticket) throw notFound;
    if (canSeeTicket(actor, ticket)) return { payment, ticket };
    const accounting = payment.accountingTicketId ? await findTicketRef(db, payment.accountingTicketId) : undefined;
    if (accounting && canSeeTicket(actor, accounting)) return { payment, ticket };
    throw notFound;
  }

  /** Accounting's steps: agents of the accounting department, or supervisors and admins. */
  async function assertAccounting(db: Db, actor: Actor, payment: PaymentRecord): Promise<void> {
    const departmentId = await accountingDepartmentId(db);
    const accounting = payment.accountingTicketId ? await findTicketRef(db, payment.accountingTicketId) : undefined;
    const allowed =
      (departmentId !== null && canActInDepartment(actor, departmentId)) ||
      (accounting !== undefined && canSeeTicket(actor, accounting) && actor.kind === 'agent' && actor.role !== 'agent');
    if (!allowed) {
      throw new AppError('FORBIDDEN', 'Only the accounting department verifies and applies payments', {
        permission: 'payments.accounting',
      });
    }
  }

  async function present(db: Db, actor: Actor, payment: PaymentRecord, ticket: TicketRef): Promise<Payment> {
    const locale = localeOf(actor);
    const settings = await readContractSettings(db);
    const [organization, contractRecord, link, accounting, names] = await Promise.all([
      payment.organizationId ? organizationRepository(db).find(payment.organizationId) : undefined,
      payment.contractId ? contractRepository(db).find(payment.contractId) : undefined,
      attachmentRepository(db).findLink(payment.receiptAttachmentId),
      payment.accountingTicketId ? findTicketRef(db, payment.accountingTicketId) : undefined,
      paymentRepository(db).agentNames(
        [payment.recordedBy, payment.sentBy, payment.verifiedBy, payment.appliedBy].filter((v): v is string => !!v),
      ),
    ]);
    const contract = contractRecord
      ? {
          id: contractRecord.id,
          planName: contractRecord.planName,
          period: contractRecord.period,
          endsOn: contractRecord.endsOn,
          state: contractState(contractRecord, today(), settings.contractExpiringDays),
          amountDue: amountDue(contractRecord, settings.exchangeRates),
        }
      : null;
    const checks = paymentChecks({
      payment,
      recordedOn: dateIn(new Date(payment.createdAt), DEFAULT_TIME_ZONE),
      recentDays: settings.paymentRecentDays,
      organization: organization ? { name: organization.name, code: organization.code } : null,
      contract,
      rates: settings.exchangeRates,
    }).map((check) => ({ ...check, message: checkMessage(check, locale) }));
    const key = scriptFor(payment.state, checks);
    let script: Payment['script'] = null;
    const keyed = key ? await macroRepository(db).findByKey(key) : undefined;
    // The script answers the customer on the original ticket: offered to those who can write there.
    if (key && keyed?.active && canSeeTicket(actor, ticket)) {
      try {
        const macro = await deps.macros.get(actor, keyed.id);
        const rendered = await deps.macros.render(actor, keyed.id, ticket.id);
        script = { key, macroId: keyed.id, name: macro.name, body: rendered.body };
      } catch (error) {
        // A macro limited to another department is not this reader's to use: nothing is offered.
        if (!(error instanceof AppError && error.code === 'MACRO_NOT_FOUND')) throw error;
      }
    }
    const actions: Payment['actions'] = [];
    if (payment.state === 'recorded' || payment.state === 'sent_to_accounting') actions.push('send_to_accounting');
    const mayAccount = await assertAccounting(db, actor, payment).then(
      () => true,
      () => false,
    );
    if (mayAccount && payment.state === 'sent_to_accounting') actions.push('verify');
    if (mayAccount && payment.state === 'verified') actions.push('apply');
    const name = (id: string | null) => (id ? (names.get(id) ?? null) : null);
    return {
      ...payment,
      ticketNumber: ticket.number,
      accountingTicketNumber: accounting?.number ?? null,
      organizationName: organization?.name ?? null,
      organizationCode: organization?.code ?? null,
      receipt: {
        id: payment.receiptAttachmentId,
        filename: link?.filename ?? '',
        contentType: link?.contentType ?? '',
      },
      contract,
      checks,
      script,
      actions,
      audit: {
        recordedBy: name(payment.recordedBy),
        sentBy: name(payment.sentBy),
        verifiedBy: name(payment.verifiedBy),
        appliedBy: name(payment.appliedBy),
      },
    };
  }

  /** The organization and contract the payment is most likely for (seed 002: "usando el ID Wolk o el nombre"). */
  async function suggest(
    db: Db,
    ticket: TicketRef,
    reference: string,
    payerName: string,
  ): Promise<{ organizationId: string | null; contractId: string | null }> {
    const organizations = organizationRepository(db);
    let organizationId: string | null = null;
    const byCode = await paymentRepository(db).organizationsByCodeNumber(customerNumbersIn(reference));
    if (byCode.length === 1) organizationId = byCode[0]?.id ?? null;
    if (!organizationId && payerName)
      organizationId = (await organizations.findByNameKey(payerNameKey(payerName)))?.id ?? null;
    organizationId ??= ticket.organizationId;
    return { organizationId, contractId: organizationId ? await currentContractId(db, organizationId) : null };
  }

  /** The contract a payment renews: the latest-ending one in force, else the latest to have ended. */
  async function currentContractId(db: Db, organizationId: string): Promise<string | null> {
    const contracts = await contractRepository(db).ofOrganization(organizationId);
    const day = today();
    return (contracts.find((c) => c.startsOn <= day) ?? contracts[0])?.id ?? null;
  }

  function amountText(payment: { amountMinor: number; currency: Currency }, locale: Locale): string {
    return formatMoney(payment.amountMinor, payment.currency, locale === 'es' ? 'es-CR' : 'en-US');
  }

  function checksText(view: Payment): string {
    return view.checks.map((c) => `${c.ok ? '✓' : '✗'} ${c.message}`).join('\n');
  }

  return {
    async record(actor: Actor, ticketIdOrNumber: string, input: NewPayment): Promise<Payment> {
      assertCan(actor, 'tickets.write');
      const ticket = await loadVisibleTicket(deps.db, actor, ticketIdOrNumber);
      if (!isCurrency(input.currency)) throw invalid(actor, 'currency', 'currency', { value: input.currency });
      const currency = input.currency;
      const amountMinor = parseAmount(input.amount, currency);
      if (amountMinor === null) {
        throw invalid(actor, 'amount', 'amount', { value: String(input.amount), digits: minorDigits(currency) });
      }
      if (typeof input.date !== 'string' || !isCalendarDate(input.date)) {
        throw invalid(actor, 'date', 'date', { value: String(input.date) });
      }
      const payerName = input.payerName?.trim() ?? '';
      if (!payerName || payerName.length > MAX_TEXT) throw invalid(actor, 'payerName', 'payer');
      const reference = (input.reference ?? '').trim().slice(0, MAX_TEXT);
      const receipt = await attachmentRepository(deps.db).findLink(input.receiptAttachmentId);
      // A note's file may be the receipt too (an agent pasted it), but never another ticket's.
      if (!receipt || receipt.ticketId !== ticket.id || !RECEIPT_TYPES.test(receipt.contentType)) {
        throw invalid(actor, 'receiptAttachmentId', 'receipt');
      }
      const suggested = await suggest(deps.db, ticket, reference, payerName);
      const organizationId = input.organizationId === undefined ? suggested.organizationId : input.organizationId;
      if (organizationId && !(await organizationRepository(deps.db).find(organizationId))) {
        throw invalid(actor, 'organizationId', 'organization');
      }
      let contractId: string | null;
      if (input.contractId === undefined) {
        contractId =
          organizationId === suggested.organizationId
            ? suggested.contractId
            : organizationId
              ? await currentContractId(deps.db, organizationId)
              : null;
      } else contractId = input.contractId;
      if (contractId) {
        const contract = await contractRepository(deps.db).find(contractId);
        if (!contract || contract.organizationId !== organizationId) throw invalid(actor, 'contractId', 'contract');
      }
      const id = newId();
      await inTransaction(deps, async ({ trx, now }) => {
        await ensureKeyedMacros(trx, now, 'payment.');
        await paymentRepository(trx).insert({
          id,
          ticketId: ticket.id,
          receiptAttachmentId: receipt.id,
          organizationId,
          contractId,
          amountMinor,
          currency,
          paidOn: input.date,
          payerName,
          reference,
          state: 'recorded',
          accountingTicketId: null,
          recordedBy: actor.kind === 'agent' ? actor.id : null,
          sentBy: null,
          sentAt: null,
          verifiedBy: null,
          verifiedAt: null,
          appliedBy: null,
          appliedAt: null,
          createdAt: now,
          updatedAt: now,
        });
        await ticketHistoryRepository(trx).record({
          ticketId: ticket.id,
          actor,
          via: 'payments',
          now,
          changes: [{ field: 'payment', from: null, to: 'recorded' }],
        });
      });
      return this.get(actor, id);
    },

    async get(actor: Actor, id: string): Promise<Payment> {
      const { payment, ticket } = await visible(deps.db, actor, id);
      return present(deps.db, actor, payment, ticket);
    },

    /** The payments of a ticket: recorded on it, or sent to it as accounting's ticket. */
    async listForTicket(actor: Actor, ticketIdOrNumber: string): Promise<Payment[]> {
      assertCan(actor, 'tickets.read');
      const ticket = await loadVisibleTicket(deps.db, actor, ticketIdOrNumber);
      const records = await paymentRepository(deps.db).ofTicket(ticket.id);
      const views: Payment[] = [];
      for (const record of records) {
        const original = record.ticketId === ticket.id ? ticket : await findTicketRef(deps.db, record.ticketId);
        if (original) views.push(await present(deps.db, actor, record, original));
      }
      return views;
    },

    /**
     * "Enviar a contabilidad" (002, step 4, replacing the forward to SINPE MOVIL WOLK): a ticket in the
     * accounting department with the receipt, the checks and a link back, linked to the original; its
     * agents hear of it through the notification matrix (ticket created). Sent again, the same ticket
     * gets a note with the checks as they are now.
     */
    async sendToAccounting(actor: Actor, id: string): Promise<Payment> {
      assertCan(actor, 'tickets.write');
      const { payment, ticket } = await visible(deps.db, actor, id);
      if (payment.state !== 'recorded' && payment.state !== 'sent_to_accounting') {
        throw conflict(actor, payment.state, 'send');
      }
      const locale = localeOf(actor);
      const view = await present(deps.db, actor, payment, ticket);
      const by = actor.kind === 'agent' ? actor.id : null;
      if (payment.state === 'sent_to_accounting' && payment.accountingTicketId) {
        const accountingId = payment.accountingTicketId;
        await inTransaction(deps, async (uow) => {
          await deps.messages.addWithin(uow, { kind: 'system', reason: 'payments' }, accountingId, {
            kind: 'note',
            body: translate(locale, 'payments.accounting_resent', { ticket: ticket.number, checks: checksText(view) }),
            via: 'payments',
          });
          await paymentRepository(uow.trx).resent(id, by, uow.now);
        });
        return this.get(actor, id);
      }
      const departmentId = await accountingDepartmentId(deps.db);
      if (!departmentId) throw invalid(actor, 'accountingDepartmentId', 'no_accounting');
      const receipt = await attachmentRepository(deps.db).findLink(payment.receiptAttachmentId);
      const stored = receipt ? await attachmentRepository(deps.db).findBySha(receipt.sha256) : undefined;
      const amount = amountText(payment, locale);
      const link = `${deps.publicUrl ?? ''}/tickets/${encodeURIComponent(ticket.number)}`;
      const body = translate(locale, 'payments.accounting_body', {
        ticket: ticket.number,
        link,
        payer: payment.payerName,
        amount,
        date: payment.paidOn,
        reference: payment.reference || '—',
        contract: view.contract
          ? `${view.contract.planName} (${view.organizationCode ?? view.organizationName ?? ''}, ${view.contract.endsOn})`
          : translate(locale, 'payments.no_contract'),
        checks: checksText(view),
      });
      await deps.tickets.create(
        actor,
        {
          subject: translate(locale, 'payments.accounting_subject', {
            organization: view.organizationName ?? payment.payerName,
            amount,
          }),
          body,
          requester: { id: ticket.requesterId },
          departmentId,
          priority: 'alta',
          channel: 'internal',
          tags: ['pago'],
          // The agent who sent it follows it, so the link back works both ways for them.
          followerIds: actor.kind === 'agent' ? [actor.id] : [],
        },
        {
          acknowledge: false,
          within: async ({ trx, now }, created) => {
            const [firstMessageId] = await messageIdsOf(trx, created.id);
            if (receipt && stored && firstMessageId) {
              await attachmentRepository(trx).link({
                id: newId(),
                messageId: firstMessageId,
                attachmentId: stored.id,
                filename: receipt.filename,
                contentType: receipt.contentType,
              });
            }
            await linkEscalation(trx, {
              escalated: created,
              original: ticket,
              actor,
              via: 'payments',
              now,
              originalChanges: [{ field: 'payment', from: 'recorded', to: 'sent_to_accounting' }],
            });
            const moved = await paymentRepository(trx).advance(id, 'recorded', {
              state: 'sent_to_accounting',
              by,
              at: now,
              accountingTicketId: created.id,
            });
            if (!moved) throw conflict(actor, 'sent_to_accounting', 'send');
          },
        },
      );
      return this.get(actor, id);
    },

    async verify(actor: Actor, id: string): Promise<Payment> {
      return step(actor, id, 'sent_to_accounting', 'verified', 'verify');
    },

    /** Applies the payment: its contract is extended by its period and active again, in one transaction. */
    async apply(actor: Actor, id: string): Promise<Payment> {
      return step(actor, id, 'verified', 'applied', 'apply');
    },
  };

  async function step(
    actor: Actor,
    id: string,
    from: PaymentState,
    to: 'verified' | 'applied',
    action: 'verify' | 'apply',
  ): Promise<Payment> {
    assertCan(actor, 'tickets.write');
    const { payment, ticket } = await visible(deps.db, actor, id);
    await assertAccounting(deps.db, actor, payment);
    if (payment.state !== from) throw conflict(actor, payment.state, action);
    await inTransaction(deps, async ({ trx, now }) => {
      const moved = await paymentRepository(trx).advance(id, from, {
        state: to,
        by: actor.kind === 'agent' ? actor.id : null,
        at: now,
      });
      if (!moved) throw conflict(actor, (await paymentRepository(trx).find(id))?.state ?? to, action);
      const changes: { field: string; from: string | null; to: string | null }[] = [{ field: 'payment', from, to }];
      if (to === 'applied' && payment.contractId) {
        const { before, after } = await renewForPayment(trx, {
          contractId: payment.contractId,
          actor,
          reason: translate('es', 'payments.applied_reason', {
            amount: amountText(payment, 'es'),
            date: payment.paidOn,
            ticket: ticket.number,
          }),
          ticketId: payment.accountingTicketId ?? ticket.id,
          today: today(),
          now,
        });
        changes.push({ field: 'contract_ends_on', from: before.endsOn, to: after.endsOn });
      }
      const history = ticketHistoryRepository(trx);
      for (const ticketId of [ticket.id, payment.accountingTicketId].filter((v): v is string => !!v)) {
        await history.record({ ticketId, actor, via: 'payments', now, changes });
      }
    });
    return present(deps.db, actor, (await paymentRepository(deps.db).find(id)) as PaymentRecord, ticket);
  }
}

function checkMessage(check: PaymentCheck, locale: Locale): string {
  const params: Record<string, unknown> = { ...check.params };
  const money = (minor: unknown) =>
    formatMoney(Number(minor), check.params.currency as Currency, locale === 'es' ? 'es-CR' : 'en-US');
  if (check.key === 'amount' && 'dueMinor' in check.params) {
    params.due = money(check.params.dueMinor);
    params.short = money(check.params.shortMinor);
  }
  return translate(locale, `payments.check.${check.reason}` as Parameters<typeof translate>[1], params);
}

export type PaymentService = ReturnType<typeof createPaymentService>;
