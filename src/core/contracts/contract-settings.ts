import type { Db, Entitlement } from '../../db/database.ts';
import { departmentRepository } from '../departments/department.repository.ts';
import { settingsRepository } from '../settings/settings.repository.ts';
import { AppError } from '../shared/app-error.ts';
import { foldKey } from '../shared/text.ts';
import { DEFAULT_EXPIRING_DAYS, type ExchangeRates, MAX_EXPIRING_DAYS } from './contract-terms.ts';

export const ENTITLEMENTS: readonly Entitlement[] = ['open', 'contract_required'];
/** Escalations of "Extender 3 días" go to this department unless an admin picks another (seed 002, Wolk). */
export const ACCOUNTING_DEPARTMENT_NAME = 'Contabilidad';

const KEYS = {
  entitlement: 'entitlement',
  expiringDays: 'contracts.expiring_days',
  exchangeRates: 'contracts.exchange_rates',
  accountingDepartmentId: 'contracts.accounting_department_id',
  paymentRecentDays: 'payments.recent_days',
} as const;

/** Seed 002: "Fecha: validar que sea una fecha reciente": a receipt up to a week old, unless an admin says otherwise. */
export const DEFAULT_PAYMENT_RECENT_DAYS = 7;
const MAX_PAYMENT_RECENT_DAYS = 365;

export interface ContractSettings {
  /** Who may open tickets when a department has no rule of its own. */
  entitlement: Entitlement;
  /** A contract ending within this many days shows as `expiring`. */
  contractExpiringDays: number;
  /** CRC minor units per unit of USD / MXN (50500 = ₡505.00 per dollar). */
  exchangeRates: ExchangeRates;
  /** Where contract escalations go; null: the department named "Contabilidad". */
  accountingDepartmentId: string | null;
  /** A payment receipt dated within this many days of when it was recorded counts as recent. */
  paymentRecentDays: number;
}

export type ContractSettingsChanges = Partial<ContractSettings>;

function invalid(field: string, problem: string): AppError {
  return new AppError('VALIDATION_FAILED', `body.${field} ${problem}`, {
    errors: [{ field: `body.${field}`, problem }],
  });
}

function parseRates(raw: string | undefined): ExchangeRates {
  if (!raw) return {};
  const parsed = JSON.parse(raw) as Record<string, unknown>;
  const rates: ExchangeRates = {};
  for (const currency of ['USD', 'MXN'] as const) {
    const rate = parsed[currency];
    if (typeof rate === 'number' && Number.isSafeInteger(rate) && rate > 0) rates[currency] = rate;
  }
  return rates;
}

export async function readContractSettings(db: Db): Promise<ContractSettings> {
  const settings = settingsRepository(db);
  const [entitlement, days, rates, accounting, recent] = await Promise.all([
    settings.get(KEYS.entitlement),
    settings.get(KEYS.expiringDays),
    settings.get(KEYS.exchangeRates),
    settings.get(KEYS.accountingDepartmentId),
    settings.get(KEYS.paymentRecentDays),
  ]);
  const expiringDays = Number(days);
  const recentDays = Number(recent);
  return {
    entitlement: entitlement === 'contract_required' ? 'contract_required' : 'open',
    contractExpiringDays:
      days !== undefined && Number.isSafeInteger(expiringDays) ? expiringDays : DEFAULT_EXPIRING_DAYS,
    exchangeRates: parseRates(rates),
    accountingDepartmentId: accounting ?? null,
    paymentRecentDays:
      recent !== undefined && Number.isSafeInteger(recentDays) ? recentDays : DEFAULT_PAYMENT_RECENT_DAYS,
  };
}

/** Checks and stores the changes inside the caller's transaction; bad input changes nothing. */
export async function writeContractSettings(db: Db, changes: ContractSettingsChanges, now: string): Promise<void> {
  const settings = settingsRepository(db);
  const {
    entitlement,
    contractExpiringDays: days,
    exchangeRates: rates,
    accountingDepartmentId: department,
    paymentRecentDays: recent,
  } = changes;
  if (entitlement !== undefined && !ENTITLEMENTS.includes(entitlement)) {
    throw invalid('entitlement', "must be 'open' or 'contract_required'");
  }
  if (days !== undefined && (!Number.isSafeInteger(days) || days < 0 || days > MAX_EXPIRING_DAYS)) {
    throw invalid('contractExpiringDays', `must be a whole number of days from 0 to ${MAX_EXPIRING_DAYS}`);
  }
  if (recent !== undefined && (!Number.isSafeInteger(recent) || recent < 0 || recent > MAX_PAYMENT_RECENT_DAYS)) {
    throw invalid('paymentRecentDays', `must be a whole number of days from 0 to ${MAX_PAYMENT_RECENT_DAYS}`);
  }
  for (const [currency, rate] of Object.entries(rates ?? {})) {
    if (!Number.isSafeInteger(rate) || (rate as number) <= 0) {
      throw invalid(`exchangeRates.${currency}`, 'must be a whole, positive number of CRC minor units');
    }
  }
  if (department && !(await departmentRepository(db).find(department))) {
    throw new AppError('REFERENCE_NOT_FOUND', `accountingDepartmentId refers to ${department}, which does not exist`, {
      field: 'accountingDepartmentId',
      id: department,
    });
  }
  if (entitlement !== undefined) await settings.put(KEYS.entitlement, entitlement, now);
  if (days !== undefined) await settings.put(KEYS.expiringDays, String(days), now);
  if (rates !== undefined) await settings.put(KEYS.exchangeRates, JSON.stringify(rates), now);
  if (recent !== undefined) await settings.put(KEYS.paymentRecentDays, String(recent), now);
  if (department === null) await settings.remove(KEYS.accountingDepartmentId);
  else if (department !== undefined) await settings.put(KEYS.accountingDepartmentId, department, now);
}

/** The department escalations go to: the configured one, else the one named "Contabilidad". */
export async function accountingDepartmentId(db: Db): Promise<string | null> {
  const configured = (await readContractSettings(db)).accountingDepartmentId;
  const departments = departmentRepository(db);
  if (configured && (await departments.find(configured))) return configured;
  return (await departments.findByNameKey(foldKey(ACCOUNTING_DEPARTMENT_NAME)))?.id ?? null;
}
