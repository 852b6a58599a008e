import { Type } from 'typebox';
import { TEMPLATE_KEYS } from '../../core/templates/default-templates.ts';
import { Email, Locale } from './common.ts';

export const MailboxSchema = Type.Object({
  id: Type.String(),
  address: Type.String(),
  departmentId: Type.Union([Type.String(), Type.Null()]),
  defaultTypeId: Type.Union([Type.String(), Type.Null()]),
  defaultPriority: Type.Union([Type.String(), Type.Null()]),
  language: Type.String(),
  imap: Type.Union([
    Type.Object({
      host: Type.String(),
      port: Type.Integer(),
      secure: Type.Boolean(),
      user: Type.String(),
      folder: Type.String(),
      lastUid: Type.Optional(Type.Integer()),
    }),
    Type.Null(),
  ]),
  /** The mailbox's own SMTP server, its password masked as ****; null = OUTBOUND_SMTP_URL. */
  smtpUrl: Type.Union([Type.String(), Type.Null()]),
  /** Mail whose From fails SPF/DKIM alignment (the receiving MTA's Authentication-Results) reopens no ticket. */
  requireSenderAuth: Type.Boolean(),
  /** The IMAP password or SMTP URL was encrypted with another SESSION_SECRET and must be entered again. */
  secretsUnreadable: Type.Boolean(),
  createdAt: Type.String(),
});

export const CreateMailboxBody = Type.Object(
  {
    address: Email,
    departmentId: Type.Optional(Type.Union([Type.String({ maxLength: 100 }), Type.Null()])),
    defaultTypeId: Type.Optional(Type.Union([Type.String({ maxLength: 100 }), Type.Null()])),
    defaultPriority: Type.Optional(Type.Union([Type.String({ maxLength: 20 }), Type.Null()])),
    language: Type.Optional(Locale),
    imap: Type.Optional(
      Type.Object(
        {
          host: Type.String({ minLength: 1, maxLength: 255 }),
          port: Type.Integer({ minimum: 1, maximum: 65535 }),
          secure: Type.Boolean(),
          user: Type.String({ minLength: 1, maxLength: 255 }),
          password: Type.String({ minLength: 1, maxLength: 1000 }),
          folder: Type.Optional(Type.String({ minLength: 1, maxLength: 255 })),
        },
        { additionalProperties: false },
      ),
    ),
    smtpUrl: Type.Optional(Type.Union([Type.String({ maxLength: 2000 }), Type.Null()])),
    requireSenderAuth: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);

/** A mailbox edit: absent fields stay; `imap: null` / `smtpUrl: null` remove them; an IMAP password left out stays. */
export const UpdateMailboxBody = Type.Object(
  {
    address: Type.Optional(Email),
    departmentId: Type.Optional(Type.Union([Type.String({ maxLength: 100 }), Type.Null()])),
    defaultTypeId: Type.Optional(Type.Union([Type.String({ maxLength: 100 }), Type.Null()])),
    defaultPriority: Type.Optional(Type.Union([Type.String({ maxLength: 20 }), Type.Null()])),
    language: Type.Optional(Locale),
    imap: Type.Optional(
      Type.Union([
        Type.Object(
          {
            host: Type.String({ minLength: 1, maxLength: 255 }),
            port: Type.Integer({ minimum: 1, maximum: 65535 }),
            secure: Type.Boolean(),
            user: Type.String({ minLength: 1, maxLength: 255 }),
            password: Type.Optional(Type.String({ minLength: 1, maxLength: 1000 })),
            folder: Type.Optional(Type.String({ minLength: 1, maxLength: 255 })),
          },
          { additionalProperties: false },
        ),
        Type.Null(),
      ]),
    ),
    smtpUrl: Type.Optional(Type.Union([Type.String({ maxLength: 2000 }), Type.Null()])),
    requireSenderAuth: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);

export const MailboxParams = Type.Object(
  { id: Type.String({ minLength: 1, maxLength: 100 }) },
  { additionalProperties: false },
);

export const TemplateKeySchema = Type.Enum(TEMPLATE_KEYS);

export const EmailTemplateSchema = Type.Object({
  key: TemplateKeySchema,
  locale: Locale,
  subject: Type.String(),
  text: Type.String(),
  html: Type.String(),
});

export const TemplateParams = Type.Object({ key: TemplateKeySchema, locale: Locale }, { additionalProperties: false });

export const UpdateTemplateBody = Type.Object(
  {
    subject: Type.String({ minLength: 1, maxLength: 500 }),
    text: Type.String({ minLength: 1, maxLength: 50_000 }),
    html: Type.String({ minLength: 1, maxLength: 100_000 }),
  },
  { additionalProperties: false },
);

export const PreviewTemplateBody = Type.Partial(UpdateTemplateBody);

export const RenderedTemplateSchema = Type.Object({ subject: Type.String(), text: Type.String(), html: Type.String() });

export const FailedInboundSchema = Type.Object({
  id: Type.String(),
  source: Type.String(),
  envelopeFrom: Type.Union([Type.String(), Type.Null()]),
  envelopeTo: Type.Array(Type.String()),
  size: Type.Integer(),
  attempts: Type.Integer(),
  error: Type.Union([Type.String(), Type.Null()]),
  /** Why it failed: parsing took too long, parsing never ended (the process died), or an error. */
  reason: Type.Union([Type.Literal('timeout'), Type.Literal('crashed'), Type.Literal('error')]),
  receivedAt: Type.String(),
});

export const FailedOutboxSchema = Type.Object({
  id: Type.String(),
  type: Type.String(),
  ticketId: Type.Union([Type.String(), Type.Null()]),
  attempts: Type.Integer(),
  lastError: Type.Union([Type.String(), Type.Null()]),
  createdAt: Type.String(),
});
