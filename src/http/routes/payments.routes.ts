import { signedIn } from '../plugins/auth.ts';
import { errorResponses, IdParams } from '../schemas/common.ts';
import {
  PaymentList,
  PaymentSchema,
  ReadingParams,
  ReceiptReadingSchema,
  RecordPaymentBody,
  StartReadingBody,
} from '../schemas/payments.ts';
import type { RouteDeps, TypedApp } from '../types.ts';
import { attachmentStoreFor } from './attachments.routes.ts';

const tags = ['payments'];

/** Seed 002's payment receipts: recorded from a ticket's file, checked, sent to accounting, applied. */
export function paymentRoutes(app: TypedApp, deps: RouteDeps) {
  const payments = deps.services.payments;
  const readings = deps.services.receiptReadings;
  const store = attachmentStoreFor(deps.config);

  app.post(
    '/api/v1/tickets/:id/receipt-readings',
    {
      config: { access: 'tickets.write' },
      schema: {
        tags,
        summary:
          "Read a receipt file of the ticket (OCR of an image, or a PDF's text layer) to prefill the payment form. " +
          'Answers 202 at once with status "pending" (200 with the reading when the file was read before); ' +
          'poll GET …/receipt-readings/{attachmentId} for the fields',
        params: IdParams,
        body: StartReadingBody,
        response: { 200: ReceiptReadingSchema, 202: ReceiptReadingSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const reading = await readings.start(signedIn(request.auth).actor, request.params.id, request.body.attachmentId, {
        store,
        onError: (error) => request.log.error({ err: error }, 'reading a receipt failed'),
      });
      return reply.status(reading.status === 'pending' ? 202 : 200).send(reading);
    },
  );

  app.get(
    '/api/v1/tickets/:id/receipt-readings/:attachmentId',
    {
      config: { access: 'tickets.read' },
      schema: {
        tags,
        summary: 'What was read on a receipt file: pending, done with the fields found, or failed saying why',
        params: ReadingParams,
        response: { 200: ReceiptReadingSchema, ...errorResponses },
      },
    },
    async (request) =>
      readings.get(signedIn(request.auth).actor, request.params.id, request.params.attachmentId, {
        store,
        onError: (error) => request.log.error({ err: error }, 'reading a receipt failed'),
      }),
  );

  app.post(
    '/api/v1/tickets/:id/payments',
    {
      config: { access: 'tickets.write', idempotent: true },
      schema: {
        tags,
        summary:
          'Record a payment from a receipt (an image or PDF of a message of the ticket); organization and ' +
          'contract are suggested from the customer code in the reference, the payer or the ticket',
        params: IdParams,
        body: RecordPaymentBody,
        response: { 201: PaymentSchema, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await payments.record(signedIn(request.auth).actor, request.params.id, request.body)),
  );

  app.get(
    '/api/v1/tickets/:id/payments',
    {
      config: { access: 'tickets.read' },
      schema: {
        tags,
        summary: "A ticket's payments (recorded on it, or sent to it as accounting's ticket) with their checks",
        params: IdParams,
        response: { 200: PaymentList, ...errorResponses },
      },
    },
    async (request) => ({
      items: await payments.listForTicket(signedIn(request.auth).actor, request.params.id),
    }),
  );

  app.get(
    '/api/v1/payments/:id',
    {
      config: { access: 'tickets.read' },
      schema: {
        tags,
        summary: 'One payment with its checks (✓/✗ and why), the script that fits and the next actions',
        params: IdParams,
        response: { 200: PaymentSchema, ...errorResponses },
      },
    },
    async (request) => payments.get(signedIn(request.auth).actor, request.params.id),
  );

  const steps = [
    [
      'send-to-accounting',
      'sendToAccounting',
      '"Enviar a contabilidad": a linked ticket in the accounting department (again: a note on it)',
    ],
    ['verify', 'verify', 'Accounting confirms the money arrived (from sent_to_accounting)'],
    [
      'apply',
      'apply',
      'Accounting applies it: the contract is extended by its period and active again (from verified)',
    ],
  ] as const;
  for (const [path, method, summary] of steps) {
    app.post(
      `/api/v1/payments/:id/${path}`,
      {
        config: { access: 'tickets.write' },
        schema: { tags, summary, params: IdParams, response: { 200: PaymentSchema, ...errorResponses } },
      },
      async (request) => payments[method](signedIn(request.auth).actor, request.params.id),
    );
  }
}
