import { signedIn } from '../plugins/auth.ts';
import { errorResponses } from '../schemas/common.ts';
import { SettingsSchema, UpdateSettingsBody } from '../schemas/settings.ts';
import type { RouteDeps, TypedApp } from '../types.ts';

const tags = ['settings'];

export function settingsRoutes(app: TypedApp, deps: RouteDeps) {
  const settings = deps.services.settings;
  const defaults = { attachmentLimitBytes: deps.config.attachmentLimitBytes };
  const manage = { access: 'settings.manage' as const };

  app.get(
    '/api/v1/settings',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Settings admins change at runtime (the attachment limit), with their defaults',
        response: { 200: SettingsSchema, ...errorResponses },
      },
    },
    async (request) => settings.read(signedIn(request.auth).actor, defaults),
  );

  app.put(
    '/api/v1/settings',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Change the attachment limit; it applies to the next upload on every instance',
        body: UpdateSettingsBody,
        response: { 200: SettingsSchema, ...errorResponses },
      },
    },
    async (request) => settings.update(signedIn(request.auth).actor, request.body, defaults),
  );
}
