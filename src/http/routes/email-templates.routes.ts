import { Type } from 'typebox';
import { signedIn } from '../plugins/auth.ts';
import { errorResponses } from '../schemas/common.ts';
import {
  EmailTemplateSchema,
  PreviewTemplateBody,
  RenderedTemplateSchema,
  TemplateParams,
  UpdateTemplateBody,
} from '../schemas/email.ts';
import type { RouteDeps, TypedApp } from '../types.ts';

const tags = ['email'];

export function emailTemplateRoutes(app: TypedApp, deps: RouteDeps) {
  const templates = deps.services.emailTemplates;

  app.get(
    '/api/v1/email-templates',
    {
      config: { access: 'mail.manage' },
      schema: {
        tags,
        summary: 'The mail templates in Spanish and English (defaults until an admin edits them)',
        response: { 200: Type.Object({ items: Type.Array(EmailTemplateSchema) }), ...errorResponses },
      },
    },
    async (request) => ({ items: await templates.list(signedIn(request.auth).actor) }),
  );

  app.put(
    '/api/v1/email-templates/:key/:locale',
    {
      config: { access: 'mail.manage' },
      schema: {
        tags,
        summary: 'Change a template; placeholders as for macros (unknown ones are refused with 422)',
        params: TemplateParams,
        body: UpdateTemplateBody,
        response: { 200: EmailTemplateSchema, ...errorResponses },
      },
    },
    async (request) => templates.update(signedIn(request.auth).actor, { ...request.params, ...request.body }),
  );

  app.post(
    '/api/v1/email-templates/:key/:locale/preview',
    {
      config: { access: 'mail.manage' },
      schema: {
        tags,
        summary: 'The template (or a draft of it) filled with example values',
        params: TemplateParams,
        body: PreviewTemplateBody,
        response: { 200: RenderedTemplateSchema, ...errorResponses },
      },
    },
    async (request) =>
      templates.preview(signedIn(request.auth).actor, request.params.key, request.params.locale, request.body),
  );
}
