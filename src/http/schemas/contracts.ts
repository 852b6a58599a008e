import { Type } from 'typebox';
import { MAX_EXTENSION_DAYS } from '../../core/contracts/contract-terms.ts';
import { TicketSchema } from './tickets.ts';

export const Currency = Type.Union([Type.Literal('USD'), Type.Literal('CRC'), Type.Literal('MXN')]);
export const Period = Type.Union([Type.Literal('monthly'), Type.Literal('annual')]);
export const ContractStateSchema = Type.Union(
  [Type.Literal('upcoming'), Type.Literal('active'), Type.Literal('expiring'), Type.Literal('expired')],
  {
    description:
      'From the dates, today in the help desk time zone: `upcoming` before the start, `expiring` within ' +
      '`contractExpiringDays` of the end (setting), `expired` after the last day, else `active`',
  },
);
const CalendarDate = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'YYYY-MM-DD' });
const Reason = Type.String({ minLength: 1, maxLength: 1000, description: 'Why: kept in the audit' });

export const AmountDueSchema = Type.Object({
  currency: Currency,
  amountMinor: Type.Integer(),
  taxMinor: Type.Integer({ description: 'Rounded half-up to the minor unit' }),
  totalMinor: Type.Integer(),
  crc: Type.Union([
    Type.Object({
      totalMinor: Type.Integer({ description: 'The total in CRC céntimos at the configured rate' }),
      rate: Type.Union([Type.Integer(), Type.Null()], { description: 'CRC céntimos per unit; null for CRC' }),
    }),
    Type.Null(),
  ]),
});

const contractShape = {
  id: Type.String(),
  organizationId: Type.String(),
  organizationName: Type.String(),
  planName: Type.String(),
  amountMinor: Type.Integer({ description: 'Integer minor units (cents) of the currency, before tax' }),
  currency: Currency,
  taxRateBp: Type.Integer({ description: 'Basis points: 1300 = 13 %' }),
  period: Period,
  startsOn: Type.String(),
  endsOn: Type.String(),
  notes: Type.String(),
  state: ContractStateSchema,
  amountDue: AmountDueSchema,
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
};

export const ContractSchema = Type.Object(contractShape, { $id: 'Contract' });

const ContractChangeSchema = Type.Object({
  id: Type.Integer(),
  action: Type.Union([Type.Literal('created'), Type.Literal('updated'), Type.Literal('extended')]),
  changes: Type.Record(Type.String(), Type.Object({ from: Type.Unknown(), to: Type.Unknown() }), {
    description: 'The old and new value of each field changed',
  }),
  reason: Type.String(),
  ticketId: Type.Union([Type.String(), Type.Null()]),
  actor: Type.Object({
    kind: Type.Union([Type.Literal('agent'), Type.Literal('contact'), Type.Literal('system')]),
    id: Type.Union([Type.String(), Type.Null()]),
    name: Type.Union([Type.String(), Type.Null()]),
  }),
  createdAt: Type.String({ format: 'date-time' }),
});

export const ContractDetailSchema = Type.Object(
  { ...contractShape, history: Type.Array(ContractChangeSchema) },
  { $id: 'ContractDetail' },
);

const fields = {
  planName: Type.String({ minLength: 1, maxLength: 200 }),
  amountMinor: Type.Integer({ minimum: 0, description: 'Minor units (cents), before tax: 120000 = 1 200.00' }),
  currency: Currency,
  taxRateBp: Type.Integer({ minimum: 0, maximum: 10_000, description: 'Basis points; default 1300 (IVA 13 %)' }),
  period: Period,
  startsOn: CalendarDate,
  endsOn: CalendarDate,
  notes: Type.String({ maxLength: 5000 }),
};

export const CreateContractBody = Type.Object(
  {
    planName: fields.planName,
    amountMinor: fields.amountMinor,
    currency: fields.currency,
    taxRateBp: Type.Optional(fields.taxRateBp),
    period: Type.Optional(fields.period),
    startsOn: fields.startsOn,
    endsOn: fields.endsOn,
    notes: Type.Optional(fields.notes),
    reason: Type.Optional(Reason),
  },
  { additionalProperties: false },
);

export const UpdateContractBody = Type.Object(
  {
    planName: Type.Optional(fields.planName),
    amountMinor: Type.Optional(fields.amountMinor),
    currency: Type.Optional(fields.currency),
    taxRateBp: Type.Optional(fields.taxRateBp),
    period: Type.Optional(fields.period),
    startsOn: Type.Optional(fields.startsOn),
    endsOn: Type.Optional(fields.endsOn),
    notes: Type.Optional(fields.notes),
    reason: Reason,
  },
  { additionalProperties: false },
);

export const ExtendContractBody = Type.Object(
  {
    days: Type.Integer({ minimum: 1, maximum: MAX_EXTENSION_DAYS, description: 'Usually 3 ("Extender 3 días")' }),
    reason: Reason,
    ticketId: Type.Optional(
      Type.String({ minLength: 1, maxLength: 100, description: 'The ticket the emergency came in on (id or number)' }),
    ),
  },
  { additionalProperties: false },
);

export const ExtendedContract = Type.Object({ contract: ContractDetailSchema, ticket: TicketSchema });

export const ContractListQuery = Type.Object(
  {
    state: Type.Optional(ContractStateSchema),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 200 })),
  },
  { additionalProperties: false },
);

export const ContractList = Type.Object({ items: Type.Array(ContractSchema) });
