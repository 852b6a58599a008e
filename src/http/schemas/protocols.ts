import { Type } from 'typebox';

const Id = Type.String({ minLength: 1, maxLength: 100 });
const DateTime = Type.String({ format: 'date-time' });
const Nullable = <T extends ReturnType<typeof Type.String>>(schema: T) => Type.Union([schema, Type.Null()]);

const SetField = Type.Union([
  Type.Literal('type'),
  Type.Literal('priority'),
  Type.Literal('status'),
  Type.Literal('category'),
  Type.Literal('customField'),
]);
const SetValue = Type.Union([Type.String({ maxLength: 2000 }), Type.Number(), Type.Boolean()]);

/** The ticket field a step sets when ticked: a status, type or category (by id), a priority, a custom field. */
const StepSetsSchema = Type.Union([
  Type.Object({ field: SetField, key: Type.Union([Type.String(), Type.Null()]), value: SetValue }),
  Type.Null(),
]);

const StepSetsBody = Type.Object(
  {
    field: SetField,
    /** The custom field's key (field `customField` only). */
    key: Type.Optional(Type.Union([Type.String({ minLength: 1, maxLength: 100 }), Type.Null()])),
    /** A status, type or category by id or name; a priority (baja … critica); a custom field's value. */
    value: SetValue,
  },
  { additionalProperties: false },
);

export const ProtocolSchema = Type.Object(
  {
    id: Type.String(),
    title: Type.String(),
    scenario: Type.String(),
    observations: Nullable(Type.String()),
    departmentId: Nullable(Type.String()),
    articleId: Nullable(Type.String()),
    steps: Type.Array(
      Type.Object({
        position: Type.Integer(),
        text: Type.String(),
        macroId: Nullable(Type.String()),
        macroName: Nullable(Type.String()),
        sets: StepSetsSchema,
      }),
    ),
    scripts: Type.Array(Type.Object({ macroId: Type.String(), name: Type.String() })),
    /** In the list, for those who manage protocols: how many tickets it was applied on. */
    timesApplied: Type.Optional(Type.Integer({ minimum: 0 })),
    createdAt: DateTime,
    updatedAt: DateTime,
  },
  { $id: 'Protocol' },
);

export const CreateProtocolBody = Type.Object(
  {
    title: Type.String({ minLength: 1, maxLength: 300 }),
    scenario: Type.String({ minLength: 1, maxLength: 5000 }),
    observations: Type.Optional(Type.Union([Type.String({ maxLength: 10000 }), Type.Null()])),
    departmentId: Type.Optional(Type.Union([Id, Type.Null()])),
    articleId: Type.Optional(Type.Union([Id, Type.Null()])),
    steps: Type.Array(
      Type.Object(
        {
          text: Type.String({ minLength: 1, maxLength: 2000 }),
          macroId: Type.Optional(Type.Union([Id, Type.Null()])),
          sets: Type.Optional(Type.Union([StepSetsBody, Type.Null()])),
        },
        { additionalProperties: false },
      ),
      { minItems: 1, maxItems: 100 },
    ),
    scriptMacroIds: Type.Optional(Type.Array(Id, { maxItems: 50 })),
  },
  { additionalProperties: false },
);

export const AppliedProtocolSchema = Type.Object(
  {
    id: Type.String(),
    ticketId: Type.String(),
    protocolId: Type.String(),
    title: Type.String(),
    appliedById: Nullable(Type.String()),
    appliedByName: Nullable(Type.String()),
    appliedAt: DateTime,
    completedAt: Type.Union([DateTime, Type.Null()]),
    steps: Type.Array(
      Type.Object({
        position: Type.Integer(),
        text: Type.String(),
        macroId: Nullable(Type.String()),
        macroName: Nullable(Type.String()),
        sets: StepSetsSchema,
        doneAt: Type.Union([DateTime, Type.Null()]),
        doneById: Nullable(Type.String()),
        doneByName: Nullable(Type.String()),
      }),
    ),
  },
  { $id: 'AppliedProtocol' },
);

export const ApplyProtocolBody = Type.Object({ protocolId: Id }, { additionalProperties: false });

export const AppliedProtocolParams = Type.Object(
  { id: Id, appliedId: Id, step: Type.Integer({ minimum: 1, maximum: 1000 }) },
  { additionalProperties: false },
);

export const TickStepBody = Type.Object({ done: Type.Boolean() }, { additionalProperties: false });
