import type { Db, Entitlement } from '../../db/database.ts';
import { departmentRepository } from '../departments/department.repository.ts';
import { AppError } from '../shared/app-error.ts';
import { DEFAULT_TIME_ZONE } from '../shared/time-zone.ts';
import { contractRepository } from './contract.repository.ts';
import { readContractSettings } from './contract-settings.ts';
import { dateIn } from './contract-terms.ts';

export interface EntitlementDecision {
  /** The rule in force: the department's own, else the global setting. */
  rule: Entitlement;
  /** Whether this organization may open tickets in this department now. */
  entitled: boolean;
}

/**
 * Who may be served (seed 004: the paid annual maintenance gates support). Under `contract_required`
 * only a requester whose organization has a contract in force today (help desk time zone) is
 * entitled; a requester without an organization is not.
 */
export async function entitlementOf(
  db: Db,
  at: Date,
  organizationId: string | null,
  departmentId: string | null,
): Promise<EntitlementDecision> {
  const department = departmentId ? await departmentRepository(db).find(departmentId) : undefined;
  const rule = department?.entitlement ?? (await readContractSettings(db)).entitlement;
  if (rule === 'open') return { rule, entitled: true };
  const entitled = organizationId
    ? await contractRepository(db).inForce(organizationId, dateIn(at, DEFAULT_TIME_ZONE))
    : false;
  return { rule, entitled };
}

/**
 * For channels that can refuse (the portal): throws CONTRACT_REQUIRED (403), whose message tells
 * the customer why and how to renew. Email never refuses: see the inbound "Sin contrato" triage.
 */
export async function assertEntitled(
  db: Db,
  at: Date,
  organizationId: string | null,
  departmentId: string | null,
): Promise<void> {
  const decision = await entitlementOf(db, at, organizationId, departmentId);
  if (!decision.entitled) {
    throw new AppError('CONTRACT_REQUIRED', 'Your organization has no maintenance contract in force', {
      organizationId,
    });
  }
}
