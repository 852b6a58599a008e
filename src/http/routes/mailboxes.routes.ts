import { Type } from 'typebox';
import { maskSmtpUrl } from '../../core/conversation/inbound.service.ts';
import { outboundStatus } from '../../core/conversation/outbound-status.ts';
import { signedIn } from '../plugins/auth.ts';
import { errorResponses } from '../schemas/common.ts';
import {
  CreateMailboxBody,
  FailedInboundSchema,
  FailedOutboxSchema,
  MailboxParams,
  MailboxSchema,
  UpdateMailboxBody,
} from '../schemas/email.ts';
import type { RouteDeps, TypedApp } from '../types.ts';

const tags = ['email'];

/** The email channel names its parse failures MailParseTimeout / MailParseCrash (mail-parser-pool.ts). */
function failureReason(error: string | null): 'timeout' | 'crashed' | 'error' {
  if (error?.startsWith('MailParseTimeout')) return 'timeout';
  if (error?.startsWith('MailParseCrash')) return 'crashed';
  return 'error';
}

/** The IMAP password never leaves the server; the SMTP URL's password is masked. */
function present<T extends { imap: { password?: string } | null; smtpUrl: string | null }>(mailbox: T) {
  const smtpUrl = maskSmtpUrl(mailbox.smtpUrl);
  if (!mailbox.imap) return { ...mailbox, smtpUrl };
  const { password: _password, ...imap } = mailbox.imap;
  return { ...mailbox, imap, smtpUrl };
}

export function mailboxRoutes(app: TypedApp, deps: RouteDeps) {
  const inbound = deps.services.inbound;

  app.get(
    '/api/v1/mailboxes',
    {
      config: { access: 'mail.manage' },
      schema: {
        tags,
        summary: 'Addresses that receive mail and the department their tickets go to',
        response: { 200: Type.Object({ items: Type.Array(MailboxSchema) }), ...errorResponses },
      },
    },
    async (request) => ({ items: (await inbound.mailboxes.listFor(signedIn(request.auth).actor)).map(present) }),
  );

  app.post(
    '/api/v1/mailboxes',
    {
      config: { access: 'mail.manage' },
      schema: {
        tags,
        summary: 'Add a mailbox (soporte@…): department, default type, priority and language, optional IMAP',
        body: CreateMailboxBody,
        response: { 201: MailboxSchema, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply.status(201).send(present(await inbound.mailboxes.create(signedIn(request.auth).actor, request.body))),
  );

  app.patch(
    '/api/v1/mailboxes/:id',
    {
      config: { access: 'mail.manage' },
      schema: {
        tags,
        summary: 'Change a mailbox: address, department, defaults, IMAP, its own SMTP server',
        params: MailboxParams,
        body: UpdateMailboxBody,
        response: { 200: MailboxSchema, ...errorResponses },
      },
    },
    async (request) =>
      present(await inbound.mailboxes.update(signedIn(request.auth).actor, request.params.id, request.body)),
  );

  app.get(
    '/api/v1/mail/outbound-status',
    {
      config: { access: 'tickets.read' },
      schema: {
        tags,
        summary:
          'Whether mail can go out (an SMTP server exists) and customers can answer it (a mailbox exists), for warnings',
        response: {
          200: Type.Object({ sending: Type.Boolean(), answerable: Type.Boolean() }),
          ...errorResponses,
        },
      },
    },
    async () => outboundStatus(deps.config.smtp.outboundUrl, await inbound.mailboxes.list()),
  );

  app.get(
    '/api/v1/mail/failed',
    {
      config: { access: 'mail.manage' },
      schema: {
        tags,
        summary: 'Incoming mails that could not be processed, and outgoing mail given up on',
        response: {
          200: Type.Object({ inbound: Type.Array(FailedInboundSchema), outbox: Type.Array(FailedOutboxSchema) }),
          ...errorResponses,
        },
      },
    },
    async (request) => {
      const actor = signedIn(request.auth).actor;
      const [failedIn, failedOut] = await Promise.all([inbound.listFailed(actor), inbound.listFailedOutbox(actor)]);
      return {
        inbound: failedIn.map((m) => ({
          id: m.id,
          source: m.source,
          envelopeFrom: m.envelopeFrom,
          envelopeTo: m.envelopeTo,
          size: m.size,
          attempts: m.attempts,
          error: m.error,
          reason: failureReason(m.error),
          receivedAt: m.receivedAt,
        })),
        outbox: failedOut.map((o) => ({
          id: o.id,
          type: o.type,
          ticketId: o.ticketId,
          attempts: o.attempts,
          lastError: o.lastError,
          createdAt: o.createdAt,
        })),
      };
    },
  );

  app.post(
    '/api/v1/mail/failed/reprocess',
    {
      config: { access: 'mail.manage' },
      schema: {
        tags,
        summary: 'Put failed incoming mails back in line (all, or the listed ids)',
        body: Type.Object(
          { ids: Type.Optional(Type.Array(Type.String({ maxLength: 100 }), { maxItems: 500 })) },
          { additionalProperties: false },
        ),
        response: { 200: Type.Object({ requeued: Type.Integer() }), ...errorResponses },
      },
    },
    async (request) => ({ requeued: await inbound.requeueFailed(signedIn(request.auth).actor, request.body.ids) }),
  );

  app.post(
    '/api/v1/mail/failed/resend',
    {
      config: { access: 'mail.manage' },
      schema: {
        tags,
        summary: 'Give failed outgoing mail (all, or the listed ids) one more attempt now',
        body: Type.Object(
          { ids: Type.Optional(Type.Array(Type.String({ maxLength: 100 }), { maxItems: 500 })) },
          { additionalProperties: false },
        ),
        response: { 200: Type.Object({ requeued: Type.Integer() }), ...errorResponses },
      },
    },
    async (request) => ({
      requeued: await inbound.resendFailedOutbox(signedIn(request.auth).actor, request.body.ids),
    }),
  );
}
