import { AppError } from '../shared/app-error.ts';

interface CountryPlan {
  callingCode: string;
  /** How many digits a number has after the calling code. */
  lengths: readonly number[];
}

/** Numbering plans of the countries Tiquete's teams serve; others are checked by E.164 length only. */
const PLANS: Record<string, CountryPlan> = {
  CR: { callingCode: '506', lengths: [8] },
  MX: { callingCode: '52', lengths: [10] },
  GT: { callingCode: '502', lengths: [8] },
  SV: { callingCode: '503', lengths: [8] },
  HN: { callingCode: '504', lengths: [8] },
  NI: { callingCode: '505', lengths: [8] },
  PA: { callingCode: '507', lengths: [7, 8] },
  CO: { callingCode: '57', lengths: [10] },
  PE: { callingCode: '51', lengths: [8, 9] },
  EC: { callingCode: '593', lengths: [8, 9] },
  BO: { callingCode: '591', lengths: [8] },
  CL: { callingCode: '56', lengths: [9] },
  // Argentine mobiles carry a 9 after the country code in international form (+54 9 11 …).
  AR: { callingCode: '54', lengths: [10, 11] },
  UY: { callingCode: '598', lengths: [8] },
  PY: { callingCode: '595', lengths: [9] },
  VE: { callingCode: '58', lengths: [10] },
  CU: { callingCode: '53', lengths: [8] },
  ES: { callingCode: '34', lengths: [9] },
  US: { callingCode: '1', lengths: [10] },
};

/** The country a number without + belongs to unless told otherwise: Costa Rica (+506). */
export const DEFAULT_PHONE_COUNTRY = 'CR';

export function isKnownPhoneCountry(country: string): boolean {
  return Object.hasOwn(PLANS, country.toUpperCase());
}

/**
 * A phone number in E.164. With a leading + (or 00) the number is international; without, it
 * belongs to `defaultCountry`. `normalizePhone('+506 8888-1234')` → `'+50688881234'`;
 * `normalizePhone('(55) 1500 0780', 'MX')` → `'+525515000780'`.
 */
export function normalizePhone(raw: string, defaultCountry: string = DEFAULT_PHONE_COUNTRY): string {
  const country = defaultCountry.toUpperCase();
  const invalid = (reason: string) =>
    new AppError('PHONE_INVALID', `"${raw}" is not a phone number: ${reason}`, {
      field: 'phones',
      phone: raw,
      country,
      reason,
    });
  const text = raw.trim();
  if (!/^\+?[\d\s().\-/]+$/.test(text)) throw invalid('only digits, spaces, dashes, dots, brackets and a leading +');
  const digits = text.replace(/\D/g, '');
  if (text.startsWith('+') || (digits.startsWith('00') && digits.length > 10)) {
    return international(text.startsWith('+') ? digits : digits.slice(2), invalid);
  }
  const plan = PLANS[country];
  if (!plan) throw invalid(`write it with + and the country code (no numbering plan is known for ${country})`);
  if (plan.lengths.includes(digits.length)) return `+${plan.callingCode}${digits}`;
  // Already international but written without the + (50688881234).
  if (digits.startsWith(plan.callingCode) && plan.lengths.includes(digits.length - plan.callingCode.length)) {
    return international(digits, invalid);
  }
  throw invalid(
    `a ${country} number has ${plan.lengths.join(' or ')} digits (this one has ${digits.length}); ` +
      'for another country write + and its code',
  );
}

function international(digits: string, invalid: (reason: string) => AppError): string {
  // E.164 allows at most 15 digits; no real subscriber number is shorter than 8 with its code.
  if (digits.length < 8 || digits.length > 15) {
    throw invalid(`an international number has 8 to 15 digits with its country code (this one has ${digits.length})`);
  }
  const plan = planFor(digits);
  if (!plan) return `+${digits}`;
  let national = digits.slice(plan.callingCode.length);
  // Mexico dropped the mobile "1" in 2019, but WhatsApp still sends Mexican numbers as +52 1 …
  if (plan.callingCode === '52' && national.length === 11 && national.startsWith('1')) national = national.slice(1);
  if (!plan.lengths.includes(national.length)) {
    throw invalid(
      `a number of +${plan.callingCode} has ${plan.lengths.join(' or ')} digits after the country code ` +
        `(this one has ${national.length})`,
    );
  }
  return `+${plan.callingCode}${national}`;
}

function planFor(digits: string): CountryPlan | undefined {
  for (const length of [3, 2, 1]) {
    const code = digits.slice(0, length);
    const plan = Object.values(PLANS).find((p) => p.callingCode === code);
    if (plan) return plan;
  }
  return undefined;
}
