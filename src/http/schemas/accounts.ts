import { Type } from 'typebox';
import { Email, Locale, Name, RoleSchema } from './common.ts';

export const AgentSchema = Type.Object(
  {
    id: Type.String(),
    email: Type.String(),
    name: Type.String(),
    initials: Type.String(),
    role: RoleSchema,
    locale: Locale,
    timeZone: Type.String(),
    skills: Type.Array(Type.String()),
    departmentIds: Type.Array(Type.String()),
    active: Type.Boolean(),
    createdAt: Type.String({ format: 'date-time' }),
    updatedAt: Type.String({ format: 'date-time' }),
  },
  { $id: 'Agent' },
);

const agentFields = {
  email: Email,
  name: Name,
  initials: Type.String({ minLength: 1, maxLength: 6 }),
  role: RoleSchema,
  locale: Locale,
  timeZone: Type.String({ minLength: 1, maxLength: 64 }),
  skills: Type.Array(Type.String({ minLength: 1, maxLength: 40 }), { maxItems: 200 }),
  departmentIds: Type.Array(Type.String({ minLength: 1, maxLength: 100 }), { maxItems: 100 }),
  password: Type.String({ minLength: 8, maxLength: 200 }),
  active: Type.Boolean(),
};

export const CreateAgentBody = Type.Object(
  {
    email: agentFields.email,
    name: agentFields.name,
    initials: Type.Optional(agentFields.initials),
    role: Type.Optional(agentFields.role),
    locale: Type.Optional(agentFields.locale),
    timeZone: Type.Optional(agentFields.timeZone),
    skills: Type.Optional(agentFields.skills),
    departmentIds: Type.Optional(agentFields.departmentIds),
    password: Type.Optional(agentFields.password),
    active: Type.Optional(agentFields.active),
  },
  { additionalProperties: false },
);

export const UpdateAgentBody = Type.Partial(Type.Object(agentFields), {
  additionalProperties: false,
  minProperties: 1,
});

export const CreatedAgent = Type.Object({
  agent: AgentSchema,
  generatedPassword: Type.Union([Type.String(), Type.Null()]),
});

const DepartmentEntitlement = Type.Union([Type.Literal('open'), Type.Literal('contract_required'), Type.Null()], {
  description: 'Who may open tickets in this department; null follows the global `entitlement` setting',
});

export const DepartmentSchema = Type.Object(
  {
    id: Type.String(),
    name: Type.String(),
    kind: Type.Union([Type.Literal('external'), Type.Literal('internal')]),
    timeZone: Type.String(),
    email: Type.Union([Type.String(), Type.Null()]),
    active: Type.Boolean(),
    entitlement: DepartmentEntitlement,
    createdAt: Type.String({ format: 'date-time' }),
    updatedAt: Type.String({ format: 'date-time' }),
  },
  { $id: 'Department' },
);

const departmentFields = {
  name: Name,
  kind: Type.Union([Type.Literal('external'), Type.Literal('internal')]),
  timeZone: Type.String({ minLength: 1, maxLength: 64 }),
  email: Type.Union([Email, Type.Null()]),
  active: Type.Boolean(),
  entitlement: DepartmentEntitlement,
};

export const CreateDepartmentBody = Type.Object(
  {
    name: departmentFields.name,
    kind: Type.Optional(departmentFields.kind),
    timeZone: Type.Optional(departmentFields.timeZone),
    email: Type.Optional(departmentFields.email),
    active: Type.Optional(departmentFields.active),
    entitlement: Type.Optional(departmentFields.entitlement),
  },
  { additionalProperties: false },
);

export const UpdateDepartmentBody = Type.Partial(Type.Object(departmentFields), {
  additionalProperties: false,
  minProperties: 1,
});

export const SessionResponse = Type.Object({ user: AgentSchema, csrfToken: Type.Union([Type.String(), Type.Null()]) });

export const LoginBody = Type.Object(
  { email: Type.String({ minLength: 1, maxLength: 254 }), password: Type.String({ minLength: 1, maxLength: 200 }) },
  { additionalProperties: false },
);

export const UpdateMeBody = Type.Object(
  { locale: Type.Optional(Locale), timeZone: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })) },
  { additionalProperties: false, minProperties: 1 },
);

export const ChangePasswordBody = Type.Object(
  {
    currentPassword: Type.String({ minLength: 1, maxLength: 200 }),
    newPassword: Type.String({ minLength: 1, maxLength: 200 }),
  },
  { additionalProperties: false },
);

export const ApiTokenSchema = Type.Object(
  {
    id: Type.String(),
    agentId: Type.String(),
    name: Type.String(),
    tokenPrefix: Type.String(),
    createdAt: Type.String({ format: 'date-time' }),
    lastUsedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
    revokedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  },
  { $id: 'ApiToken' },
);

export const CreateTokenBody = Type.Object(
  { name: Type.String({ minLength: 1, maxLength: 100 }), agentId: Type.Optional(Type.String({ minLength: 1 })) },
  { additionalProperties: false },
);
