import { Type } from 'typebox';
import { CHECK_KEYS } from '../../core/payments/payment-checks.ts';
import { AmountDueSchema, ContractStateSchema, Currency, Period } from './contracts.ts';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([schema, Type.Null()]);
const Instant = Type.String({ format: 'date-time' });

const PaymentState = Type.Union(
  [Type.Literal('recorded'), Type.Literal('sent_to_accounting'), Type.Literal('verified'), Type.Literal('applied')],
  { description: 'recorded → sent_to_accounting → verified → applied' },
);

const CheckSchema = Type.Object({
  key: Type.Union([
    Type.Literal(CHECK_KEYS[0]),
    Type.Literal(CHECK_KEYS[1]),
    Type.Literal(CHECK_KEYS[2]),
    Type.Literal(CHECK_KEYS[3]),
    Type.Literal(CHECK_KEYS[4]),
  ]),
  ok: Type.Boolean(),
  reason: Type.String({ description: 'Why, as a stable code (`reference_without_code`, `amount_short`…)' }),
  params: Type.Record(Type.String(), Type.Union([Type.String(), Type.Number()])),
  message: Type.String({ description: "The reason in the reader's language" }),
});

export const PaymentSchema = Type.Object(
  {
    id: Type.String(),
    ticketId: Type.String(),
    ticketNumber: Type.String(),
    receiptAttachmentId: Type.String(),
    receipt: Type.Object({ id: Type.String(), filename: Type.String(), contentType: Type.String() }),
    organizationId: Nullable(Type.String()),
    organizationName: Nullable(Type.String()),
    organizationCode: Nullable(Type.String()),
    contractId: Nullable(Type.String()),
    contract: Nullable(
      Type.Object({
        id: Type.String(),
        planName: Type.String(),
        period: Period,
        endsOn: Type.String(),
        state: ContractStateSchema,
        amountDue: AmountDueSchema,
      }),
    ),
    amountMinor: Type.Integer({ description: 'Integer minor units of the currency' }),
    currency: Currency,
    paidOn: Type.String({ description: 'The date on the receipt (YYYY-MM-DD)' }),
    payerName: Type.String(),
    reference: Type.String(),
    state: PaymentState,
    accountingTicketId: Nullable(Type.String()),
    accountingTicketNumber: Nullable(Type.String()),
    checks: Type.Array(CheckSchema),
    script: Nullable(
      Type.Object({
        key: Type.String(),
        macroId: Type.String(),
        name: Type.String(),
        body: Type.String({ description: 'The macro filled for this ticket' }),
      }),
    ),
    actions: Type.Array(
      Type.Union([Type.Literal('send_to_accounting'), Type.Literal('verify'), Type.Literal('apply')]),
    ),
    recordedBy: Nullable(Type.String()),
    sentBy: Nullable(Type.String()),
    sentAt: Nullable(Instant),
    verifiedBy: Nullable(Type.String()),
    verifiedAt: Nullable(Instant),
    appliedBy: Nullable(Type.String()),
    appliedAt: Nullable(Instant),
    audit: Type.Object({
      recordedBy: Nullable(Type.String()),
      sentBy: Nullable(Type.String()),
      verifiedBy: Nullable(Type.String()),
      appliedBy: Nullable(Type.String()),
    }),
    createdAt: Instant,
    updatedAt: Instant,
  },
  { $id: 'Payment' },
);

export const RecordPaymentBody = Type.Object(
  {
    amount: Type.Union([Type.String({ maxLength: 40 }), Type.Number()], {
      description: 'Major units as on the receipt, "45200.00" (no thousands separators); must be above zero',
    }),
    currency: Type.String({ maxLength: 10, description: 'USD, CRC or MXN' }),
    date: Type.String({ maxLength: 40, description: 'The date on the receipt, YYYY-MM-DD' }),
    payerName: Type.String({ maxLength: 1000 }),
    reference: Type.Optional(Type.String({ maxLength: 1000, description: 'The reason/reference text ("ID 1234")' })),
    receiptAttachmentId: Type.String({
      minLength: 1,
      maxLength: 100,
      description: 'An image or PDF attached to a message of this ticket',
    }),
    organizationId: Type.Optional(Nullable(Type.String({ maxLength: 100 }))),
    contractId: Type.Optional(Nullable(Type.String({ maxLength: 100 }))),
  },
  { additionalProperties: false },
);

export const PaymentList = Type.Object({ items: Type.Array(PaymentSchema) });

const ReceiptFieldsSchema = Type.Object(
  {
    amount: Nullable(
      Type.Object({
        value: Type.String({ description: 'Major units, "45200.00", as `POST …/payments` takes it' }),
        currency: Type.Union([Type.Literal('CRC'), Type.Literal('USD')]),
      }),
    ),
    date: Nullable(Type.String({ description: 'YYYY-MM-DD' })),
    reference: Nullable(Type.String()),
    payerName: Nullable(Type.String()),
  },
  { description: 'What the receipt says; each field null when it was not found. For the agent to confirm.' },
);

export const ReceiptReadingSchema = Type.Object(
  {
    attachmentId: Type.String(),
    status: Type.Union([Type.Literal('pending'), Type.Literal('done'), Type.Literal('failed')]),
    source: Nullable(Type.Union([Type.Literal('ocr'), Type.Literal('pdf_text')])),
    fields: Nullable(ReceiptFieldsSchema),
    error: Nullable(
      Type.Object({
        reason: Type.String({
          description: 'not_an_image, image_unreadable, format_unsupported, scanned_pdf or failed',
        }),
        message: Type.String({ description: "The reason in the reader's language" }),
      }),
    ),
  },
  { $id: 'ReceiptReading' },
);

export const StartReadingBody = Type.Object(
  {
    attachmentId: Type.String({
      minLength: 1,
      maxLength: 100,
      description: 'An image or PDF attached to a message of this ticket',
    }),
  },
  { additionalProperties: false },
);

export const ReadingParams = Type.Object(
  { id: Type.String({ minLength: 1, maxLength: 100 }), attachmentId: Type.String({ minLength: 1, maxLength: 100 }) },
  { additionalProperties: false },
);
