import type { Selectable } from 'kysely';
import type { ContractChangesTable, ContractsTable, Currency, Db } from '../../db/database.ts';
import type { Actor } from '../shared/actor.ts';
import type { ContractPeriod } from './contract-terms.ts';

export interface ContractRecord {
  id: string;
  organizationId: string;
  planName: string;
  amountMinor: number;
  currency: Currency;
  taxRateBp: number;
  period: ContractPeriod;
  startsOn: string;
  endsOn: string;
  notes: string;
  createdAt: string;
  updatedAt: string;
}

export type ContractFields = Pick<
  ContractRecord,
  'planName' | 'amountMinor' | 'currency' | 'taxRateBp' | 'period' | 'startsOn' | 'endsOn' | 'notes'
>;

export type FieldChanges = Partial<Record<keyof ContractFields, { from: unknown; to: unknown }>>;

export interface ContractChange {
  id: number;
  action: ContractChangesTable['action'];
  changes: FieldChanges;
  reason: string;
  ticketId: string | null;
  actor: { kind: ContractChangesTable['actor_kind']; id: string | null; name: string | null };
  createdAt: string;
}

function toContract(row: Selectable<ContractsTable>): ContractRecord {
  return {
    id: row.id,
    organizationId: row.organization_id,
    planName: row.plan_name,
    amountMinor: Number(row.amount_minor),
    currency: row.currency,
    taxRateBp: row.tax_rate_bp,
    period: row.period,
    startsOn: row.starts_on,
    endsOn: row.ends_on,
    notes: row.notes,
    createdAt: new Date(row.created_at).toISOString(),
    updatedAt: new Date(row.updated_at).toISOString(),
  };
}

function columnsOf(fields: Partial<ContractFields>) {
  return {
    ...(fields.planName !== undefined && { plan_name: fields.planName }),
    ...(fields.amountMinor !== undefined && { amount_minor: fields.amountMinor }),
    ...(fields.currency !== undefined && { currency: fields.currency }),
    ...(fields.taxRateBp !== undefined && { tax_rate_bp: fields.taxRateBp }),
    ...(fields.period !== undefined && { period: fields.period }),
    ...(fields.startsOn !== undefined && { starts_on: fields.startsOn }),
    ...(fields.endsOn !== undefined && { ends_on: fields.endsOn }),
    ...(fields.notes !== undefined && { notes: fields.notes }),
  };
}

export function contractRepository(db: Db) {
  return {
    async find(id: string): Promise<ContractRecord | undefined> {
      const row = await db.selectFrom('contracts').selectAll().where('id', '=', id).executeTakeFirst();
      return row && toContract(row);
    },

    /** An organization's contracts, the latest end first. */
    async ofOrganization(organizationId: string): Promise<ContractRecord[]> {
      const rows = await db
        .selectFrom('contracts')
        .selectAll()
        .where('organization_id', '=', organizationId)
        .orderBy('ends_on', 'desc')
        .orderBy('id')
        .execute();
      return rows.map(toContract);
    },

    /** Contracts whose dates may put them in a state, by end date; the caller computes the state. */
    async endingBetween(opts: { from?: string; to?: string; limit: number }): Promise<ContractRecord[]> {
      let query = db.selectFrom('contracts').selectAll().orderBy('ends_on').orderBy('id').limit(opts.limit);
      if (opts.from) query = query.where('ends_on', '>=', opts.from);
      if (opts.to) query = query.where('ends_on', '<=', opts.to);
      return (await query.execute()).map(toContract);
    },

    /** Whether the organization has a contract covering `today` (entitlement). */
    async inForce(organizationId: string, today: string): Promise<boolean> {
      const row = await db
        .selectFrom('contracts')
        .select('id')
        .where('organization_id', '=', organizationId)
        .where('starts_on', '<=', today)
        .where('ends_on', '>=', today)
        .executeTakeFirst();
      return row !== undefined;
    },

    async insert(contract: ContractRecord): Promise<void> {
      await db
        .insertInto('contracts')
        .values({
          id: contract.id,
          organization_id: contract.organizationId,
          plan_name: contract.planName,
          amount_minor: contract.amountMinor,
          currency: contract.currency,
          tax_rate_bp: contract.taxRateBp,
          period: contract.period,
          starts_on: contract.startsOn,
          ends_on: contract.endsOn,
          notes: contract.notes,
          created_at: contract.createdAt,
          updated_at: contract.updatedAt,
        })
        .execute();
    },

    async update(id: string, fields: Partial<ContractFields>, now: string): Promise<void> {
      await db
        .updateTable('contracts')
        .set({ ...columnsOf(fields), updated_at: now })
        .where('id', '=', id)
        .execute();
    },

    async recordChange(change: {
      contractId: string;
      action: ContractChange['action'];
      changes: FieldChanges;
      reason: string;
      ticketId?: string | null;
      actor: Actor;
      now: string;
    }): Promise<void> {
      await db
        .insertInto('contract_changes')
        .values({
          contract_id: change.contractId,
          action: change.action,
          changes: JSON.stringify(change.changes),
          reason: change.reason,
          ticket_id: change.ticketId ?? null,
          actor_kind: change.actor.kind,
          actor_id: change.actor.kind === 'system' ? null : change.actor.id,
          created_at: change.now,
        })
        .execute();
    },

    /** The audit of a contract, oldest first, with the names of the agents who made each change. */
    async history(contractId: string): Promise<ContractChange[]> {
      const rows = await db
        .selectFrom('contract_changes')
        .leftJoin('agents', (join) =>
          join.onRef('agents.id', '=', 'contract_changes.actor_id').on('contract_changes.actor_kind', '=', 'agent'),
        )
        .selectAll('contract_changes')
        .select('agents.name as agent_name')
        .where('contract_id', '=', contractId)
        .orderBy('contract_changes.id')
        .execute();
      return rows.map((row) => ({
        id: Number(row.id),
        action: row.action,
        changes: JSON.parse(row.changes) as FieldChanges,
        reason: row.reason,
        ticketId: row.ticket_id,
        actor: { kind: row.actor_kind, id: row.actor_id, name: row.agent_name },
        createdAt: new Date(row.created_at).toISOString(),
      }));
    },

    /** Links the escalation ticket to the ticket it came from (shown as a follow-up). */
    async linkFollowUp(ticketId: string, originalId: string): Promise<void> {
      await db.updateTable('tickets').set({ follow_up_of_id: originalId }).where('id', '=', ticketId).execute();
    },
  };
}
