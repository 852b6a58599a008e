import { Type } from 'typebox';
import { MAX_EXPIRING_DAYS } from '../../core/contracts/contract-terms.ts';
import { MAX_ATTACHMENT_LIMIT_BYTES, MAX_DUE_LEAD_MINUTES } from '../../core/settings/settings-limits.ts';

export const Entitlement = Type.Union([Type.Literal('open'), Type.Literal('contract_required')], {
  description: "'open': anyone may open tickets; 'contract_required': only organizations with a contract in force",
});

const contractSettingFields = {
  entitlement: Entitlement,
  paymentRecentDays: Type.Integer({
    minimum: 0,
    maximum: 365,
    description: 'A payment receipt dated at most this many days before it was recorded is recent (default 7)',
  }),
  contractExpiringDays: Type.Integer({
    minimum: 0,
    maximum: MAX_EXPIRING_DAYS,
    description: 'A contract ending within this many days is `expiring` (default 30)',
  }),
  exchangeRates: Type.Object(
    {
      USD: Type.Optional(Type.Integer({ minimum: 1 })),
      MXN: Type.Optional(Type.Integer({ minimum: 1 })),
    },
    {
      additionalProperties: false,
      description:
        'CRC minor units (céntimos) per one unit of the currency: {"USD": 50500} is ₡505.00 per dollar. ' +
        'The amount due of a contract in a currency without a rate is shown only in its own currency.',
    },
  ),
};

export const SettingsSchema = Type.Object(
  {
    attachmentLimitBytes: Type.Integer({ description: 'The largest attachment accepted now, in bytes' }),
    attachmentLimitDefaultBytes: Type.Integer({
      description: 'The configured default (ATTACHMENT_LIMIT_BYTES), in force when no admin value is set',
    }),
    attachmentLimitMaxBytes: Type.Integer({ description: 'The largest limit an admin may set' }),
    dueDateLeadMinutes: Type.Integer({
      description:
        'The assignee is told this many business minutes before a due date (default 60), and again when it passes',
    }),
    ...contractSettingFields,
    accountingDepartmentId: Type.Union([Type.String(), Type.Null()], {
      description: 'Where contract escalations and payments go; null: the department named "Contabilidad"',
    }),
    paymentRecentDays: contractSettingFields.paymentRecentDays,
  },
  { $id: 'Settings' },
);

export const UpdateSettingsBody = Type.Object(
  {
    attachmentLimitBytes: Type.Optional(
      Type.Union([Type.Integer({ minimum: 1, maximum: MAX_ATTACHMENT_LIMIT_BYTES }), Type.Null()], {
        description: 'The largest attachment in bytes (e.g. 10485760 for 10 MB); null restores the default',
      }),
    ),
    dueDateLeadMinutes: Type.Optional(
      Type.Integer({
        minimum: 0,
        maximum: MAX_DUE_LEAD_MINUTES,
        description: 'Business minutes before a due date when its assignee is told (e.g. 60)',
      }),
    ),
    entitlement: Type.Optional(contractSettingFields.entitlement),
    contractExpiringDays: Type.Optional(contractSettingFields.contractExpiringDays),
    exchangeRates: Type.Optional(contractSettingFields.exchangeRates),
    paymentRecentDays: Type.Optional(contractSettingFields.paymentRecentDays),
    accountingDepartmentId: Type.Optional(
      Type.Union([Type.String({ minLength: 1, maxLength: 64 }), Type.Null()], {
        description: 'Where contract escalations go; null: the department named "Contabilidad"',
      }),
    ),
  },
  { additionalProperties: false, minProperties: 1 },
);
