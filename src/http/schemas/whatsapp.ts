import { Type } from 'typebox';

const Template = Type.Object(
  { name: Type.String({ maxLength: 512 }), language: Type.String({ maxLength: 10 }) },
  { additionalProperties: false },
);
const OptionalTemplate = Type.Union([Template, Type.Null()]);

/** A WhatsApp number as the API shows it: the secrets never leave the server, only whether they are set. */
export const WhatsappNumberSchema = Type.Object({
  id: Type.String(),
  phoneNumberId: Type.String(),
  businessAccountId: Type.String(),
  displayNumber: Type.String(),
  departmentId: Type.Union([Type.String(), Type.Null()]),
  graphBaseUrl: Type.String(),
  graphVersion: Type.String(),
  hasAccessToken: Type.Boolean(),
  hasAppSecret: Type.Boolean(),
  hasVerifyToken: Type.Boolean(),
  /** Seed 000: the welcome for a new customer (null: the default text), and the templates used outside the 24 h window. */
  welcomeText: Type.Union([Type.String(), Type.Null()]),
  welcomeTemplate: OptionalTemplate,
  sessionTemplate: OptionalTemplate,
  /** The secrets were encrypted with another SESSION_SECRET and must be entered again. */
  secretsUnreadable: Type.Boolean(),
  createdAt: Type.String(),
  updatedAt: Type.String(),
});

const GraphId = Type.String({ minLength: 1, maxLength: 40 });
const Secret = Type.String({ minLength: 1, maxLength: 1000 });

const numberFields = {
  phoneNumberId: GraphId,
  businessAccountId: GraphId,
  displayNumber: Type.String({ minLength: 1, maxLength: 40 }),
  accessToken: Secret,
  appSecret: Secret,
  verifyToken: Secret,
  departmentId: Type.Optional(Type.Union([Type.String({ maxLength: 100 }), Type.Null()])),
  graphBaseUrl: Type.Optional(Type.String({ minLength: 1, maxLength: 500 })),
  graphVersion: Type.Optional(Type.String({ minLength: 1, maxLength: 20 })),
  welcomeText: Type.Optional(Type.Union([Type.String({ maxLength: 4096 }), Type.Null()])),
  welcomeTemplate: Type.Optional(OptionalTemplate),
  sessionTemplate: Type.Optional(OptionalTemplate),
};

export const CreateWhatsappNumberBody = Type.Object(numberFields, { additionalProperties: false });

/** Absent fields stay as they are; a secret left out keeps the stored one. */
export const UpdateWhatsappNumberBody = Type.Partial(Type.Object(numberFields, { additionalProperties: false }));
