import { type TSchema, Type } from 'typebox';
import { Email, ListQuery, Locale, Name } from './common.ts';

const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
const Timestamp = Type.String({ format: 'date-time' });
const Ref = Type.String({ minLength: 1, maxLength: 100 });

export const AccountTierSchema = Type.Union([Type.Literal('general'), Type.Literal('special')]);
export const OrganizationRoleSchema = Type.Union([
  Type.Literal('owner'),
  Type.Literal('admin'),
  Type.Literal('main_contact'),
  Type.Literal('member'),
]);
/** ISO 3166-1 alpha-2: `CR`, `MX`, `GT`… */
const CountryCode = Type.String({ pattern: '^[A-Za-z]{2}$', description: 'ISO 3166-1 alpha-2 country code' });
const Tag = Type.String({ minLength: 1, maxLength: 50, pattern: '^[^"\\\\]+$' });

// Organizations

const organizationProperties = {
  id: Type.String(),
  name: Type.String(),
  code: Nullable(Type.String()),
  taxId: Nullable(Type.String()),
  tier: AccountTierSchema,
  accountLeaderId: Nullable(Type.String()),
  domains: Type.Array(Type.String()),
  notes: Type.String(),
  tags: Type.Array(Type.String()),
  /** false: none of its contacts may sign in to the customer portal. */
  active: Type.Boolean(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
};

export const OrganizationSchema = Type.Object(organizationProperties, { $id: 'Organization' });

export const OrganizationDetailSchema = Type.Object(
  {
    ...organizationProperties,
    accountLeader: Nullable(Type.Object({ id: Type.String(), name: Type.String(), email: Type.String() })),
    openTicketCount: Type.Integer(),
    contactCount: Type.Integer(),
  },
  { $id: 'OrganizationDetail' },
);

export const OrganizationSuggestions = Type.Object({
  items: Type.Array(
    Type.Object({ id: Type.String(), name: Type.String(), code: Nullable(Type.String()), tier: AccountTierSchema }),
  ),
});

const organizationFields = {
  name: Name,
  code: Nullable(Type.String({ maxLength: 100, description: 'Customer code, e.g. "ID Wolk 1234"; unique' })),
  taxId: Nullable(Type.String({ maxLength: 50, description: 'Cédula jurídica, RFC, NIT…; unique' })),
  taxIdCountry: CountryCode,
  domains: Type.Array(Type.String({ minLength: 3, maxLength: 253 }), { maxItems: 50 }),
  tier: AccountTierSchema,
  accountLeaderId: Nullable(Ref),
  notes: Type.String({ maxLength: 20_000 }),
  tags: Type.Array(Tag, { maxItems: 50 }),
};

export const CreateOrganizationBody = Type.Object(
  {
    name: organizationFields.name,
    code: Type.Optional(organizationFields.code),
    taxId: Type.Optional(organizationFields.taxId),
    taxIdCountry: Type.Optional(organizationFields.taxIdCountry),
    domains: Type.Optional(organizationFields.domains),
    tier: Type.Optional(organizationFields.tier),
    accountLeaderId: Type.Optional(organizationFields.accountLeaderId),
    notes: Type.Optional(organizationFields.notes),
    tags: Type.Optional(organizationFields.tags),
  },
  { additionalProperties: false },
);

export const UpdateOrganizationBody = Type.Partial(Type.Object({ ...organizationFields, active: Type.Boolean() }), {
  additionalProperties: false,
  minProperties: 1,
});

export const OrganizationListQuery = Type.Object(
  {
    ...ListQuery,
    q: Type.Optional(Type.String({ maxLength: 200, description: 'Name, code, tax id or domain contains' })),
    tier: Type.Optional(AccountTierSchema),
    tag: Type.Optional(Tag),
  },
  { additionalProperties: false },
);

export const AutocompleteQuery = Type.Object(
  { q: Type.String({ minLength: 1, maxLength: 100 }) },
  { additionalProperties: false },
);

// Contacts

const contactProperties = {
  id: Type.String(),
  name: Type.String(),
  title: Nullable(Type.String()),
  organizationId: Nullable(Type.String()),
  organizationName: Nullable(Type.String()),
  organizationRole: OrganizationRoleSchema,
  locale: Locale,
  notes: Type.String(),
  emails: Type.Array(Type.Object({ email: Type.String(), primary: Type.Boolean() })),
  phones: Type.Array(Type.Object({ phone: Type.String(), whatsapp: Type.Boolean(), label: Nullable(Type.String()) })),
  mergedIntoId: Nullable(Type.String()),
  createdAt: Timestamp,
  updatedAt: Timestamp,
};

export const ContactSchema = Type.Object(contactProperties, { $id: 'Contact' });

export const ContactDetailSchema = Type.Object(
  { ...contactProperties, openTicketCount: Type.Integer() },
  { $id: 'ContactDetail' },
);

const contactFields = {
  name: Name,
  title: Nullable(Type.String({ maxLength: 200, description: 'Title / position, e.g. "Coordinador de secundaria"' })),
  organizationId: Nullable(Ref),
  organizationName: Type.String({
    minLength: 1,
    maxLength: 200,
    description: 'Finds the organization by normalized name, or creates it',
  }),
  organizationRole: OrganizationRoleSchema,
  locale: Locale,
  notes: Type.String({ maxLength: 20_000 }),
  emails: Type.Array(
    Type.Object({ email: Email, primary: Type.Optional(Type.Boolean()) }, { additionalProperties: false }),
    {
      maxItems: 20,
    },
  ),
  phones: Type.Array(
    Type.Object(
      {
        phone: Type.String({ minLength: 1, maxLength: 40 }),
        whatsapp: Type.Optional(Type.Boolean()),
        label: Type.Optional(Nullable(Type.String({ maxLength: 50 }))),
      },
      { additionalProperties: false },
    ),
    { maxItems: 20 },
  ),
  defaultCountry: CountryCode,
};

export const CreateContactBody = Type.Object(
  {
    name: contactFields.name,
    title: Type.Optional(contactFields.title),
    organizationId: Type.Optional(contactFields.organizationId),
    organizationName: Type.Optional(contactFields.organizationName),
    organizationRole: Type.Optional(contactFields.organizationRole),
    locale: Type.Optional(contactFields.locale),
    notes: Type.Optional(contactFields.notes),
    emails: Type.Optional(contactFields.emails),
    phones: Type.Optional(contactFields.phones),
    defaultCountry: Type.Optional(contactFields.defaultCountry),
  },
  { additionalProperties: false },
);

export const UpdateContactBody = Type.Partial(Type.Object(contactFields), {
  additionalProperties: false,
  minProperties: 1,
});

export const ContactListQuery = Type.Object(
  {
    ...ListQuery,
    q: Type.Optional(Type.String({ maxLength: 200, description: 'Name, email or phone contains' })),
    organizationId: Type.Optional(Ref),
  },
  { additionalProperties: false },
);

export const MergeContactBody = Type.Object({ sourceId: Ref }, { additionalProperties: false });
