import type { Db } from '../../db/database.ts';
import type { Actor } from '../shared/actor.ts';
import { AppError } from '../shared/app-error.ts';
import { type ContractRecord, contractRepository } from './contract.repository.ts';
import { addDays, addPeriod } from './contract-terms.ts';

/**
 * Extends a contract by its own period (a month or a year) because it was paid, in the caller's
 * transaction, audited as an extension with the reason. A contract that had already expired starts
 * its new period today, so the payment re-activates it for a whole period (seed 002: "el pago se
 * encuentra aplicado y por ende el sistema activo"); one still in force continues from its end.
 */
export async function renewForPayment(
  trx: Db,
  input: { contractId: string; actor: Actor; reason: string; ticketId: string | null; today: string; now: string },
): Promise<{ before: ContractRecord; after: ContractRecord }> {
  const contracts = contractRepository(trx);
  const before = await contracts.find(input.contractId);
  if (!before) throw new AppError('CONTRACT_NOT_FOUND', 'Contract not found', { id: input.contractId });
  const from = before.endsOn < input.today ? addDays(input.today, -1) : before.endsOn;
  const endsOn = addPeriod(from, before.period);
  await contracts.update(before.id, { endsOn }, input.now);
  await contracts.recordChange({
    contractId: before.id,
    action: 'extended',
    changes: { endsOn: { from: before.endsOn, to: endsOn } },
    reason: input.reason,
    ticketId: input.ticketId,
    actor: input.actor,
    now: input.now,
  });
  return { before, after: { ...before, endsOn, updatedAt: input.now } };
}
