import { Type } from 'typebox';
import { TaskSchema } from './conversation.ts';

const Id = Type.String({ minLength: 1, maxLength: 100 });
const DateTime = Type.String({ format: 'date-time' });
const Owner = Type.Union([Type.Literal('starter'), Type.Literal('account_leader')]);

const PlaybookStepSchema = Type.Object({
  position: Type.Integer(),
  title: Type.String(),
  description: Type.Union([Type.String(), Type.Null()]),
  owner: Owner,
  optional: Type.Boolean(),
  dependsOn: Type.Array(Type.Integer()),
});

export const PlaybookSchema = Type.Object(
  {
    id: Type.String(),
    name: Type.String(),
    description: Type.Union([Type.String(), Type.Null()]),
    departmentId: Type.Union([Type.String(), Type.Null()]),
    steps: Type.Array(PlaybookStepSchema),
    createdAt: DateTime,
    updatedAt: DateTime,
  },
  { $id: 'Playbook' },
);

export const CreatePlaybookBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 200 }),
    description: Type.Optional(Type.Union([Type.String({ maxLength: 5000 }), Type.Null()])),
    departmentId: Type.Optional(Type.Union([Id, Type.Null()])),
    steps: Type.Array(
      Type.Object(
        {
          title: Type.String({ minLength: 1, maxLength: 300 }),
          description: Type.Optional(Type.Union([Type.String({ maxLength: 5000 }), Type.Null()])),
          owner: Type.Optional(Owner),
          optional: Type.Optional(Type.Boolean()),
          dependsOn: Type.Optional(Type.Array(Type.Integer({ minimum: 1 }), { maxItems: 100 })),
        },
        { additionalProperties: false },
      ),
      { minItems: 1, maxItems: 100 },
    ),
  },
  { additionalProperties: false },
);

export const StartPlaybookBody = Type.Object(
  {
    playbookId: Id,
    contactId: Type.Optional(Id),
    skipSteps: Type.Optional(Type.Array(Type.Integer({ minimum: 1 }), { maxItems: 100 })),
  },
  { additionalProperties: false },
);

export const PlaybookProgressSchema = Type.Object(
  {
    id: Type.String(),
    playbookId: Type.String(),
    playbookName: Type.String(),
    ticketId: Type.String(),
    ticketNumber: Type.String(),
    createdAt: DateTime,
    done: Type.Integer(),
    total: Type.Integer(),
    tasks: Type.Array(TaskSchema),
  },
  { $id: 'PlaybookProgress' },
);
