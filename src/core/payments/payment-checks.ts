import type { Currency } from '../../db/database.ts';
import { type AmountDue, addDays, type ContractState, type ExchangeRates } from '../contracts/contract-terms.ts';
import { organizationNameKey } from '../organizations/organization-name.ts';
import { foldKey } from '../shared/text.ts';
import { coverage } from './payment-money.ts';

/** Seed 002, step 1–2: what an agent checks on a receipt before it goes to accounting. */
export const CHECK_KEYS = ['payer', 'date', 'reference', 'amount', 'contract'] as const;
export type CheckKey = (typeof CHECK_KEYS)[number];

export interface PaymentCheck {
  key: CheckKey;
  ok: boolean;
  /** Why it passed or failed: an i18n key under `payments.check.` and its values. */
  reason: string;
  params: Record<string, string | number>;
}

export interface CheckInput {
  payment: { amountMinor: number; currency: Currency; paidOn: string; payerName: string; reference: string };
  /** The day the receipt was recorded (YYYY-MM-DD): "reciente" means recent when the agent looked. */
  recordedOn: string;
  recentDays: number;
  organization: { name: string; code: string | null } | null;
  contract: { state: ContractState; endsOn: string; amountDue: AmountDue } | null;
  rates: ExchangeRates;
}

/**
 * The customer numbers a reference text names after "ID": "Pago ID 1234", "id wolk: 1234",
 * "ÍD WOLK #1234" → the words that follow "id" (one or two of them, so "ID Wolk 1234" gives both
 * "wolk" and "1234"). Case, accents and punctuation do not matter.
 */
export function customerNumbersIn(reference: string): string[] {
  const words = foldKey(reference).split(' ').filter(Boolean);
  const found: string[] = [];
  words.forEach((word, i) => {
    if (word !== 'id') return;
    for (const next of words.slice(i + 1, i + 3)) if (next !== 'id') found.push(next);
  });
  return [...new Set(found)];
}

/** The part of a customer code that tells customers apart: its last word ("ID Wolk 1234" → "1234"). */
export function customerNumberOf(code: string): string | null {
  return foldKey(code).split(' ').filter(Boolean).at(-1) ?? null;
}

/** Whether the reference names the customer code, whole or as "ID <number>" ("ID 1234" for "ID Wolk 1234"). */
export function referenceNamesCode(reference: string, code: string): boolean {
  const folded = ` ${foldKey(reference)} `;
  const whole = foldKey(code);
  if (whole && folded.includes(` ${whole} `)) return true;
  const number = customerNumberOf(code);
  return number !== null && customerNumbersIn(reference).includes(number);
}

/** Legal forms as bank receipts spell them out (SINPE prints "SOCIEDAD ANONIMA"), in their short form. */
const SPELLED_FORMS: readonly [RegExp, string][] = [
  [/ sociedad de responsabilidad limitada$/, ' srl'],
  [/ sociedad anonima$/, ' sa'],
  [/ limitada$/, ' ltda'],
];

/** The payer's name as an organization name key: "FERRETERIA EL CLAVO SOCIEDAD ANONIMA" → "ferreteria el clavo". */
export function payerNameKey(payer: string): string {
  let folded = foldKey(payer);
  for (const [spelled, short] of SPELLED_FORMS) folded = folded.replace(spelled, short);
  return organizationNameKey(folded);
}

/** Every check of the seed, each with ✓/✗ and its reason; the order is the seed's. */
export function paymentChecks(input: CheckInput): PaymentCheck[] {
  const { payment, organization, contract } = input;
  const checks: PaymentCheck[] = [];

  if (!organization) checks.push({ key: 'payer', ok: false, reason: 'no_organization', params: {} });
  else {
    const same = payerNameKey(payment.payerName) === organizationNameKey(organization.name);
    checks.push({
      key: 'payer',
      ok: same,
      reason: same ? 'payer_matches' : 'payer_differs',
      params: { payer: payment.payerName, organization: organization.name },
    });
  }

  const oldest = addDays(input.recordedOn, -input.recentDays);
  const dateParams = { date: payment.paidOn, days: input.recentDays };
  if (payment.paidOn > addDays(input.recordedOn, 1)) {
    checks.push({ key: 'date', ok: false, reason: 'date_future', params: dateParams });
  } else {
    const recent = payment.paidOn >= oldest;
    checks.push({ key: 'date', ok: recent, reason: recent ? 'date_recent' : 'date_old', params: dateParams });
  }

  if (!organization?.code) checks.push({ key: 'reference', ok: false, reason: 'no_code', params: {} });
  else {
    const named = referenceNamesCode(payment.reference, organization.code);
    checks.push({
      key: 'reference',
      ok: named,
      reason: named ? 'reference_has_code' : 'reference_without_code',
      params: { code: organization.code },
    });
  }

  if (!contract) {
    checks.push({ key: 'amount', ok: false, reason: 'no_contract', params: {} });
    checks.push({ key: 'contract', ok: false, reason: 'no_contract', params: {} });
    return checks;
  }
  const covered = coverage(payment, contract.amountDue, input.rates);
  if (covered.dueMinor === null || covered.shortMinor === null) {
    checks.push({
      key: 'amount',
      ok: false,
      reason: 'no_rate',
      params: { from: contract.amountDue.currency, to: payment.currency },
    });
  } else {
    const params = { dueMinor: covered.dueMinor, shortMinor: covered.shortMinor, currency: covered.currency };
    checks.push(
      covered.shortMinor === 0
        ? { key: 'amount', ok: true, reason: 'amount_covers', params }
        : { key: 'amount', ok: false, reason: 'amount_short', params },
    );
  }
  const expired = contract.state === 'expired';
  checks.push({
    key: 'contract',
    ok: !expired,
    reason: expired ? 'contract_expired' : 'contract_in_force',
    params: { endsOn: contract.endsOn },
  });
  return checks;
}

/** Seed 002, step 5: which answer fits (SCRIPT #1, #2 or #3), or null when the agent must decide. */
export type ScriptKey = 'payment.script1' | 'payment.script2' | 'payment.script3' | 'payment.script3_no_id';

export function scriptFor(state: string, checks: PaymentCheck[]): ScriptKey | null {
  const reference = checks.find((c) => c.key === 'reference');
  if (state === 'applied') return reference?.ok === false ? 'payment.script3_no_id' : 'payment.script3';
  if (reference?.ok === false && reference.reason === 'reference_without_code') return 'payment.script2';
  return checks.every((c) => c.ok) ? 'payment.script1' : null;
}
