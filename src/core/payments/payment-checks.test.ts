import { describe, expect, it } from 'vitest';
import { amountDue } from '../contracts/contract-terms.ts';
import { type CheckInput, customerNumbersIn, paymentChecks, referenceNamesCode, scriptFor } from './payment-checks.ts';

const rates = { USD: 50_500 };

function input(overrides: Partial<CheckInput['payment']> = {}, rest: Partial<CheckInput> = {}): CheckInput {
  return {
    payment: {
      amountMinor: 2_282_600,
      currency: 'CRC',
      paidOn: '2026-12-05',
      payerName: 'FERRETERIA EL CLAVO SOCIEDAD ANONIMA',
      reference: 'Pago mensualidad ID 1234',
      ...overrides,
    },
    recordedOn: '2026-12-06',
    recentDays: 7,
    organization: { name: 'Ferretería El Clavo S.A.', code: 'ID Wolk 1234' },
    contract: {
      state: 'active',
      endsOn: '2026-12-31',
      amountDue: amountDue({ amountMinor: 4_000, currency: 'USD', taxRateBp: 1300 }, rates),
    },
    rates,
    ...rest,
  };
}

const byKey = (checks: ReturnType<typeof paymentChecks>) => Object.fromEntries(checks.map((c) => [c.key, c.ok]));

describe('the customer code in the payment reference (002: "el ID Wolk del cliente en el motivo")', () => {
  it('is found as "ID 1234", "ID Wolk 1234" or "id wolk: #1234", ignoring case and accents', () => {
    for (const text of ['ID 1234', 'pago ID Wolk 1234', 'Íd wolk: #1234 diciembre', 'SINPE id-1234']) {
      expect(referenceNamesCode(text, 'ID Wolk 1234'), text).toBe(true);
    }
  });

  it('is not found in a reference without it or with another number', () => {
    for (const text of ['Pago diciembre', '1234', 'ID 12345', 'ID Wolk 4321']) {
      expect(referenceNamesCode(text, 'ID Wolk 1234'), text).toBe(false);
    }
  });

  it('lists the words after "ID" for suggesting the contract', () => {
    expect(customerNumbersIn('Pago ID Wolk 1234')).toEqual(['wolk', '1234']);
    expect(customerNumbersIn('sin código')).toEqual([]);
  });
});

describe('the checks of a receipt', () => {
  it('all pass for the right payer, a recent date, the code and the amount with IVA in colones', () => {
    const checks = paymentChecks(input());
    expect(checks.map((c) => c.key)).toEqual(['payer', 'date', 'reference', 'amount', 'contract']);
    expect(checks.every((c) => c.ok)).toBe(true);
  });

  it('matches the payer to the organization without accents, case or legal suffix (S.A., SRL, Ltda)', () => {
    expect(byKey(paymentChecks(input({ payerName: 'ferreteria el clavo sa' }))).payer).toBe(true);
    const srl = input(
      { payerName: 'Distribuidora Univa S.R.L.' },
      {
        organization: { name: 'Distribuidora Univa Ltda', code: 'ID 77' },
      },
    );
    expect(byKey(paymentChecks(srl)).payer).toBe(true);
    expect(byKey(paymentChecks(input({ payerName: 'María Fernanda Solís' }))).payer).toBe(false);
  });

  it('fails the date older than the recent days, or in the future', () => {
    expect(byKey(paymentChecks(input({ paidOn: '2026-11-29' }))).date).toBe(true);
    expect(paymentChecks(input({ paidOn: '2026-11-28' }))[1]).toMatchObject({ ok: false, reason: 'date_old' });
    expect(paymentChecks(input({ paidOn: '2026-12-20' }))[1]).toMatchObject({ ok: false, reason: 'date_future' });
  });

  it('shows the difference due when the payment is short of the amount with tax', () => {
    const short = paymentChecks(input({ amountMinor: 2_000_000 })).find((c) => c.key === 'amount');
    expect(short).toMatchObject({
      ok: false,
      reason: 'amount_short',
      params: { dueMinor: 2_282_600, shortMinor: 282_600, currency: 'CRC' },
    });
  });

  it('flags an expired contract, and everything that needs one when there is none', () => {
    const base = input().contract;
    if (!base) throw new Error('the default input has a contract');
    const expired = input({}, { contract: { ...base, state: 'expired', endsOn: '2026-11-30' } });
    expect(paymentChecks(expired).at(-1)).toMatchObject({ ok: false, reason: 'contract_expired' });
    expect(byKey(paymentChecks(input({}, { contract: null })))).toMatchObject({ amount: false, contract: false });
  });
});

describe('the script offered (002, step 5)', () => {
  it('is SCRIPT #1 when all is fine, #2 when the reference lacks the ID, #3 once applied', () => {
    expect(scriptFor('recorded', paymentChecks(input()))).toBe('payment.script1');
    const noId = paymentChecks(input({ reference: 'Pago diciembre' }));
    expect(scriptFor('sent_to_accounting', noId)).toBe('payment.script2');
    expect(scriptFor('applied', paymentChecks(input()))).toBe('payment.script3');
    expect(scriptFor('applied', noId)).toBe('payment.script3_no_id');
    expect(scriptFor('recorded', paymentChecks(input({ amountMinor: 100 })))).toBeNull();
  });
});
