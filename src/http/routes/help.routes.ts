import { Type } from 'typebox';
import { PORTAL_ACCESS } from '../../core/portal/portal.policy.ts';
import { signedInContact } from '../plugins/auth.ts';
import { errorResponses } from '../schemas/common.ts';
import {
  FeedbackBody,
  FeedbackSchema,
  HelpArticleListQuery,
  HelpArticleSchema,
  HelpArticleSummarySchema,
  HelpTreeSchema,
  SlugParams,
  SuggestionOpenedBody,
  SuggestionQuery,
} from '../schemas/kb.ts';
import type { RouteDeps, TypedApp } from '../types.ts';

const tags = ['help centre'];
/** Per IP and minute for the anonymous "¿Le fue útil?" counter, so a script cannot pump it. */
const FEEDBACK_RATE_LIMIT = { max: 20, timeWindow: 60_000 };

/**
 * The public help centre's JSON (anonymous: public articles only, whatever is asked) and the
 * portal's suggestions on the new-ticket form.
 */
export function helpRoutes(app: TypedApp, deps: RouteDeps) {
  const help = deps.services.helpCentre;

  app.get(
    '/api/v1/help/categories',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'The category tree with each category’s table of contents (public articles only)',
        response: { 200: HelpTreeSchema, ...errorResponses },
      },
    },
    async () => ({ categories: await help.tree() }),
  );

  app.get(
    '/api/v1/help/articles',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'Search public articles (q, accent-insensitive with Spanish stems) or list a category’s',
        querystring: HelpArticleListQuery,
        response: { 200: Type.Object({ items: Type.Array(HelpArticleSummarySchema) }), ...errorResponses },
      },
    },
    async (request) => ({ items: await help.articles(request.query) }),
  );

  app.get(
    '/api/v1/help/articles/:slug',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'A public article: safe HTML, category, previous and next in the category’s order',
        params: SlugParams,
        response: { 200: HelpArticleSchema, ...errorResponses },
      },
    },
    async (request) => help.article(request.params.slug),
  );

  app.post(
    '/api/v1/help/articles/:slug/feedback',
    {
      config: { access: 'public', rateLimit: FEEDBACK_RATE_LIMIT },
      schema: {
        tags,
        summary: '"¿Le fue útil?": count a yes or a no',
        params: SlugParams,
        body: FeedbackBody,
        response: { 200: FeedbackSchema, ...errorResponses },
      },
    },
    async (request) => help.feedback(request.params.slug, request.body.helpful),
  );

  app.get(
    '/api/v1/portal/kb/suggestions',
    {
      config: { access: PORTAL_ACCESS },
      schema: {
        tags,
        summary: 'Public articles matching the subject the customer is typing (new-ticket form)',
        querystring: SuggestionQuery,
        response: { 200: Type.Object({ items: Type.Array(HelpArticleSummarySchema) }), ...errorResponses },
      },
    },
    async (request) => ({
      items: await help.suggestions(signedInContact(request.contactAuth).actor, request.query.subject),
    }),
  );

  app.post(
    '/api/v1/portal/kb/suggestions/opened',
    {
      config: { access: PORTAL_ACCESS },
      schema: {
        tags,
        summary: 'The customer opened a suggested article (counts towards tickets avoided)',
        body: SuggestionOpenedBody,
        response: { 204: Type.Null(), ...errorResponses },
      },
    },
    async (request, reply) => {
      await help.suggestionOpened(signedInContact(request.contactAuth).actor, request.body);
      return reply.status(204).send(null);
    },
  );
}
