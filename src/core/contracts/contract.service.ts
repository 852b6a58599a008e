import type { Db } from '../../db/database.ts';
import { translate } from '../../i18n/translate.ts';
import { assertCan } from '../accounts/access.policy.ts';
import { organizationRepository } from '../organizations/organization.repository.ts';
import type { Actor, Locale } from '../shared/actor.ts';
import { AppError } from '../shared/app-error.ts';
import type { CoreDeps } from '../shared/core-deps.ts';
import { newId } from '../shared/ids.ts';
import { DEFAULT_TIME_ZONE } from '../shared/time-zone.ts';
import { loadVisibleTicket } from '../tickets/ticket.access.ts';
import type { Ticket, TicketService } from '../tickets/ticket.service.ts';
import { linkEscalation } from './accounting-escalation.ts';
import {
  type ContractChange,
  type ContractFields,
  type ContractRecord,
  contractRepository,
  type FieldChanges,
} from './contract.repository.ts';
import { accountingDepartmentId, type ContractSettings, readContractSettings } from './contract-settings.ts';
import {
  type AmountDue,
  addDays,
  amountDue,
  type ContractState,
  CURRENCIES,
  contractState,
  DEFAULT_TAX_RATE_BP,
  dateIn,
  isCalendarDate,
  MAX_EXTENSION_DAYS,
  PERIODS,
} from './contract-terms.ts';
import { entitlementOf } from './entitlement.ts';

export type { ContractChange, ContractRecord } from './contract.repository.ts';

/** A contract as agents see it: its fields, its state today and what the customer owes. */
export interface Contract extends ContractRecord {
  organizationName: string;
  state: ContractState;
  amountDue: AmountDue;
}

export interface ContractDetail extends Contract {
  history: ContractChange[];
}

export type NewContract = Omit<ContractFields, 'taxRateBp' | 'notes' | 'period'> &
  Partial<Pick<ContractFields, 'taxRateBp' | 'notes' | 'period'>> & { reason?: string };

export type ContractUpdate = Partial<ContractFields> & { reason: string };

export interface ExtendInput {
  days: number;
  reason: string;
  /** The ticket the emergency came in on: the escalation is linked to it. */
  ticketId?: string;
}

const MAX_PLAN_NAME = 200;
const MAX_NOTES = 5000;
const MAX_REASON = 1000;
const MAX_AMOUNT_MINOR = 1_000_000_000_000_00;

function invalid(field: string, problem: string, extra: Record<string, unknown> = {}): AppError {
  return new AppError('VALIDATION_FAILED', `body.${field} ${problem}`, {
    errors: [{ field: `body.${field}`, problem }],
    ...extra,
  });
}

function cleanReason(reason: string | undefined): string {
  const text = reason?.trim() ?? '';
  if (!text) throw invalid('reason', 'is required: say why the contract changes');
  if (text.length > MAX_REASON) throw invalid('reason', `must be at most ${MAX_REASON} characters`);
  return text;
}

/** Checks every field given; returns them trimmed. The dates are checked together by the caller. */
function cleanFields<T extends Partial<ContractFields>>(fields: T): T {
  const out = { ...fields };
  if (fields.planName !== undefined) {
    out.planName = fields.planName.trim();
    if (!out.planName) throw invalid('planName', 'must not be empty');
    if (out.planName.length > MAX_PLAN_NAME) throw invalid('planName', `must be at most ${MAX_PLAN_NAME} characters`);
  }
  const amount = fields.amountMinor;
  if (amount !== undefined && (!Number.isSafeInteger(amount) || amount < 0 || amount > MAX_AMOUNT_MINOR)) {
    throw invalid('amountMinor', 'must be a whole, non-negative number of minor units (cents)');
  }
  if (fields.currency !== undefined && !CURRENCIES.includes(fields.currency)) {
    throw invalid('currency', `must be one of ${CURRENCIES.join(', ')}`);
  }
  const rate = fields.taxRateBp;
  if (rate !== undefined && (!Number.isSafeInteger(rate) || rate < 0 || rate > 10_000)) {
    throw invalid('taxRateBp', 'must be a whole number of basis points from 0 to 10000 (1300 = 13 %)');
  }
  if (fields.period !== undefined && !PERIODS.includes(fields.period)) {
    throw invalid('period', `must be one of ${PERIODS.join(', ')}`);
  }
  for (const field of ['startsOn', 'endsOn'] as const) {
    const date = fields[field];
    if (date !== undefined && !isCalendarDate(date)) throw invalid(field, 'must be a date as YYYY-MM-DD');
  }
  if (fields.notes !== undefined) {
    out.notes = fields.notes.trim();
    if (out.notes.length > MAX_NOTES) throw invalid('notes', `must be at most ${MAX_NOTES} characters`);
  }
  return out;
}

function assertDates(contract: { startsOn: string; endsOn: string }): void {
  if (contract.endsOn < contract.startsOn) {
    throw invalid('endsOn', 'must not be before startsOn', { startsOn: contract.startsOn, endsOn: contract.endsOn });
  }
}

function localeOf(actor: Actor): Locale {
  return actor.kind === 'system' ? 'es' : actor.locale;
}

export function createContractService(deps: CoreDeps & { tickets: TicketService }) {
  function today(): string {
    return dateIn(deps.clock.now(), DEFAULT_TIME_ZONE);
  }

  async function present(db: Db, records: ContractRecord[], settings?: ContractSettings): Promise<Contract[]> {
    const { contractExpiringDays, exchangeRates } = settings ?? (await readContractSettings(db));
    const day = today();
    const names = new Map<string, string>();
    for (const id of new Set(records.map((r) => r.organizationId))) {
      names.set(id, (await organizationRepository(db).find(id))?.name ?? '');
    }
    return records.map((record) => ({
      ...record,
      organizationName: names.get(record.organizationId) ?? '',
      state: contractState(record, day, contractExpiringDays),
      amountDue: amountDue(record, exchangeRates),
    }));
  }

  async function detail(db: Db, record: ContractRecord): Promise<ContractDetail> {
    const [contract] = await present(db, [record]);
    return { ...(contract as Contract), history: await contractRepository(db).history(record.id) };
  }

  async function load(db: Db, id: string): Promise<ContractRecord> {
    const contract = await contractRepository(db).find(id);
    if (!contract) throw new AppError('CONTRACT_NOT_FOUND', 'Contract not found', { id });
    return contract;
  }

  async function assertOrganization(db: Db, id: string): Promise<void> {
    if (!(await organizationRepository(db).find(id))) {
      throw new AppError('ORGANIZATION_NOT_FOUND', 'Organization not found', { id });
    }
  }

  /** Who the escalation is opened for: the original ticket's requester, else the main contact. */
  async function escalationRequester(db: Db, organizationId: string, originalId: string | null) {
    if (originalId) {
      const original = await db
        .selectFrom('tickets')
        .select('requester_id')
        .where('id', '=', originalId)
        .executeTakeFirstOrThrow();
      return original.requester_id;
    }
    const contact = await db
      .selectFrom('contacts')
      .select(['id', 'org_role'])
      .where('organization_id', '=', organizationId)
      .where('merged_into_id', 'is', null)
      .orderBy((eb) =>
        eb.case().when('org_role', '=', 'main_contact').then(0).when('org_role', '=', 'owner').then(1).else(2).end(),
      )
      .orderBy('created_at')
      .executeTakeFirst();
    if (!contact) {
      throw new AppError('UNPROCESSABLE', 'The organization has no contact to open the escalation for', {
        organizationId,
      });
    }
    return contact.id;
  }

  return {
    async listForOrganization(actor: Actor, organizationId: string): Promise<Contract[]> {
      assertCan(actor, 'contracts.read');
      await assertOrganization(deps.db, organizationId);
      return present(deps.db, await contractRepository(deps.db).ofOrganization(organizationId));
    },

    /** Contracts in a state today (`expiring`: the admin screen of renewals), soonest end first. */
    async list(actor: Actor, opts: { state?: ContractState; limit: number }): Promise<Contract[]> {
      assertCan(actor, 'contracts.read');
      const settings = await readContractSettings(deps.db);
      const day = today();
      const horizon = addDays(day, settings.contractExpiringDays);
      const range =
        opts.state === 'expired'
          ? { to: addDays(day, -1) }
          : opts.state === 'expiring'
            ? { from: day, to: horizon }
            : opts.state === 'active'
              ? { from: addDays(horizon, 1) }
              : opts.state === 'upcoming'
                ? { from: day }
                : {};
      const records = await contractRepository(deps.db).endingBetween({ ...range, limit: opts.limit });
      const contracts = await present(deps.db, records, settings);
      return opts.state ? contracts.filter((c) => c.state === opts.state) : contracts;
    },

    async get(actor: Actor, id: string): Promise<ContractDetail> {
      assertCan(actor, 'contracts.read');
      return detail(deps.db, await load(deps.db, id));
    },

    async create(actor: Actor, organizationId: string, input: NewContract): Promise<ContractDetail> {
      assertCan(actor, 'contracts.manage');
      const { reason, ...given } = input;
      const fields = cleanFields({
        ...given,
        taxRateBp: given.taxRateBp ?? DEFAULT_TAX_RATE_BP,
        period: given.period ?? 'annual',
        notes: given.notes ?? '',
      });
      assertDates(fields);
      return deps.db.transaction().execute(async (trx) => {
        await assertOrganization(trx, organizationId);
        const now = deps.clock.now().toISOString();
        const record: ContractRecord = { id: newId(), organizationId, ...fields, createdAt: now, updatedAt: now };
        const contracts = contractRepository(trx);
        await contracts.insert(record);
        const changes: FieldChanges = Object.fromEntries(
          Object.entries(fields).map(([field, value]) => [field, { from: null, to: value }]),
        );
        await contracts.recordChange({
          contractId: record.id,
          action: 'created',
          changes,
          reason: reason?.trim() ?? '',
          actor,
          now,
        });
        return detail(trx, record);
      });
    },

    /** Changes fields; the reason is required and audited with the old and new values. */
    async update(actor: Actor, id: string, input: ContractUpdate): Promise<ContractDetail> {
      assertCan(actor, 'contracts.manage');
      const { reason: rawReason, ...given } = input;
      const reason = cleanReason(rawReason);
      const fields = cleanFields(given);
      return deps.db.transaction().execute(async (trx) => {
        const contracts = contractRepository(trx);
        const current = await load(trx, id);
        assertDates({ ...current, ...fields });
        const changes: FieldChanges = {};
        for (const [field, value] of Object.entries(fields) as [keyof ContractFields, unknown][]) {
          if (value !== undefined && value !== current[field]) changes[field] = { from: current[field], to: value };
        }
        if (Object.keys(changes).length === 0) return detail(trx, current);
        const now = deps.clock.now().toISOString();
        await contracts.update(id, fields, now);
        await contracts.recordChange({ contractId: id, action: 'updated', changes, reason, actor, now });
        return detail(trx, await load(trx, id));
      });
    },

    /**
     * Seed 002's emergency rule (Wolk), "Extender 3 días": the system was deactivated and accounting is
     * not there to confirm the payment, so the end moves some days and a ticket goes to the
     * accounting department, linked to the ticket the customer wrote on. One transaction.
     */
    async extend(actor: Actor, id: string, input: ExtendInput): Promise<{ contract: ContractDetail; ticket: Ticket }> {
      assertCan(actor, 'contracts.manage');
      const reason = cleanReason(input.reason);
      if (!Number.isSafeInteger(input.days) || input.days < 1 || input.days > MAX_EXTENSION_DAYS) {
        throw invalid('days', `must be a whole number of days from 1 to ${MAX_EXTENSION_DAYS}`);
      }
      const contract = await load(deps.db, id);
      const original = input.ticketId ? await loadVisibleTicket(deps.db, actor, input.ticketId) : null;
      const departmentId = await accountingDepartmentId(deps.db);
      if (!departmentId) {
        throw new AppError(
          'UNPROCESSABLE',
          'No accounting department: create "Contabilidad" or choose one in settings',
          {
            field: 'accountingDepartmentId',
          },
        );
      }
      const requesterId = await escalationRequester(deps.db, contract.organizationId, original?.id ?? null);
      const organization = await organizationRepository(deps.db).find(contract.organizationId);
      const locale = localeOf(actor);
      const newEnd = addDays(contract.endsOn, input.days);
      const params = {
        organization: organization?.name ?? '',
        plan: contract.planName,
        days: input.days,
        from: contract.endsOn,
        to: newEnd,
        reason,
        ticket: original?.number ?? '—',
      };
      let extended: ContractRecord | undefined;
      const ticket = await deps.tickets.create(
        actor,
        {
          subject: translate(locale, 'contracts.escalation_subject', params),
          body: translate(locale, 'contracts.escalation_body', params),
          requester: { id: requesterId },
          departmentId,
          priority: 'alta',
          channel: 'internal',
        },
        {
          acknowledge: false,
          within: async ({ trx, now }, created) => {
            const contracts = contractRepository(trx);
            // Read again inside the transaction: two extensions at once both count.
            const current = await load(trx, id);
            const endsOn = addDays(current.endsOn, input.days);
            await contracts.update(id, { endsOn }, now);
            await contracts.recordChange({
              contractId: id,
              action: 'extended',
              changes: { endsOn: { from: current.endsOn, to: endsOn } },
              reason,
              ticketId: created.id,
              actor,
              now,
            });
            if (original) {
              await linkEscalation(trx, { escalated: created, original, actor, via: 'contracts', now });
            }
            extended = await load(trx, id);
          },
        },
      );
      return { contract: await detail(deps.db, extended as ContractRecord), ticket };
    },

    /** See entitlement.ts; here for callers that hold the services (the portal). */
    entitlementOf(organizationId: string | null, departmentId: string | null) {
      return entitlementOf(deps.db, deps.clock.now(), organizationId, departmentId);
    },
  };
}

export type ContractService = ReturnType<typeof createContractService>;
