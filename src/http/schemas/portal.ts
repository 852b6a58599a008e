import { Type } from 'typebox';
import { Email, Locale, Name } from './common.ts';
import { OrganizationRoleSchema } from './customers.ts';

/** The signed-in contact, as the portal shows them. */
export const PortalContactSchema = Type.Object(
  {
    id: Type.String(),
    name: Type.String(),
    email: Type.Union([Type.String(), Type.Null()]),
    organizationId: Type.Union([Type.String(), Type.Null()]),
    organizationName: Type.Union([Type.String(), Type.Null()]),
    organizationRole: OrganizationRoleSchema,
    locale: Locale,
    isMainContact: Type.Boolean(),
  },
  { $id: 'PortalContact' },
);

export const PortalSessionResponse = Type.Object({ contact: PortalContactSchema, csrfToken: Type.String() });

/** A user of the organization on the main contact's "Usuarios" page. */
export const PortalUserSchema = Type.Object(
  {
    id: Type.String(),
    name: Type.String(),
    email: Type.Union([Type.String(), Type.Null()]),
    organizationRole: OrganizationRoleSchema,
    isMainContact: Type.Boolean(),
    active: Type.Boolean(),
    hasPassword: Type.Boolean(),
  },
  { $id: 'PortalUser' },
);

export const CreatePortalUserBody = Type.Object(
  { name: Name, email: Email, locale: Type.Optional(Locale) },
  { additionalProperties: false },
);

export const UpdatePortalUserBody = Type.Object(
  { active: Type.Optional(Type.Boolean()), name: Type.Optional(Name) },
  { additionalProperties: false, minProperties: 1 },
);

export const ForgotPasswordBody = Type.Object(
  { email: Type.String({ minLength: 1, maxLength: 254 }) },
  { additionalProperties: false },
);

export const SetPasswordBody = Type.Object(
  { token: Type.String({ minLength: 1, maxLength: 200 }), password: Type.String({ minLength: 1, maxLength: 200 }) },
  { additionalProperties: false },
);

/** Where a set-password link went and until when it works. */
export const AccessLinkSent = Type.Object({ sentTo: Type.String(), expiresAt: Type.String({ format: 'date-time' }) });

/** A contact's portal access as staff see it on the contact page. */
export const PortalAccessSchema = Type.Object({
  active: Type.Boolean(),
  hasPassword: Type.Boolean({ description: 'Has set a password (accepted an invitation)' }),
  organizationActive: Type.Boolean({ description: 'An inactive organization keeps all its contacts out' }),
});

export const PortalAccessBody = Type.Object({ active: Type.Boolean() }, { additionalProperties: false });
