import { Type } from 'typebox';
import { MAX_ATTACHMENT_LIMIT_BYTES } from '../../core/settings/settings-limits.ts';

export const SettingsSchema = Type.Object(
  {
    attachmentLimitBytes: Type.Integer({ description: 'The largest attachment accepted now, in bytes' }),
    attachmentLimitDefaultBytes: Type.Integer({
      description: 'The configured default (ATTACHMENT_LIMIT_BYTES), in force when no admin value is set',
    }),
    attachmentLimitMaxBytes: Type.Integer({ description: 'The largest limit an admin may set' }),
  },
  { $id: 'Settings' },
);

export const UpdateSettingsBody = Type.Object(
  {
    attachmentLimitBytes: Type.Union([Type.Integer({ minimum: 1, maximum: MAX_ATTACHMENT_LIMIT_BYTES }), Type.Null()], {
      description: 'The largest attachment in bytes (e.g. 10485760 for 10 MB); null restores the default',
    }),
  },
  { additionalProperties: false },
);
