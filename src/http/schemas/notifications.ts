import { Type } from 'typebox';
import { NOTICE_EVENTS, RECIPIENT_KINDS } from '../../core/notifications/notification-matrix.ts';
import { TEMPLATE_KEYS } from '../../core/templates/default-templates.ts';

const NoticeEventSchema = Type.Enum(NOTICE_EVENTS);
const ChannelsSchema = Type.Enum(['console', 'email', 'both', 'none'] as const);

export const MatrixEntrySchema = Type.Object(
  {
    event: NoticeEventSchema,
    recipient: Type.Enum(RECIPIENT_KINDS),
    agentId: Type.Union([Type.String({ minLength: 1, maxLength: 100 }), Type.Null()]),
    template: Type.Enum(TEMPLATE_KEYS),
  },
  { additionalProperties: false },
);

export const NotificationMatrixSchema = Type.Object({
  scope: Type.String(),
  inherited: Type.Boolean(),
  entries: Type.Array(MatrixEntrySchema),
});

export const SaveMatrixBody = Type.Object(
  { entries: Type.Array(MatrixEntrySchema, { maxItems: 500 }) },
  { additionalProperties: false },
);

/** What the matrix screen offers: its events, recipients and the templates each recipient reads. */
export const MatrixOptionsSchema = Type.Object({
  events: Type.Array(Type.String()),
  recipients: Type.Array(Type.String()),
  customerTemplates: Type.Array(Type.String()),
  agentTemplates: Type.Array(Type.String()),
  defaultAgentTemplates: Type.Record(Type.String(), Type.String()),
});

export const NoticePreferenceSchema = Type.Object(
  { event: NoticeEventSchema, channels: ChannelsSchema },
  { additionalProperties: false },
);

export const SavePreferencesBody = Type.Object(
  { items: Type.Array(NoticePreferenceSchema, { maxItems: NOTICE_EVENTS.length }) },
  { additionalProperties: false },
);
