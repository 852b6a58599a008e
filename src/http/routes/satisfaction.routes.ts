import { signedIn } from '../plugins/auth.ts';
import { errorResponses, IdParams } from '../schemas/common.ts';
import {
  PublicSurveySchema,
  RateBody,
  RatingHistorySchema,
  SurveyParams,
  SurveyQuery,
  surveyErrors,
} from '../schemas/satisfaction.ts';
import type { RouteDeps, TypedApp } from '../types.ts';

const tags = ['satisfaction'];

/** Per IP and minute: the survey is public, its token the only credential, so guessing is slowed down. */
const SURVEY_RATE_LIMIT = { max: 30, timeWindow: 60_000 };

export function satisfactionRoutes(app: TypedApp, deps: RouteDeps) {
  const satisfaction = deps.services.satisfaction;

  app.get(
    '/api/v1/satisfaction/:token',
    {
      config: { access: 'public', rateLimit: SURVEY_RATE_LIMIT },
      schema: {
        tags,
        summary: "A survey link's ticket (number and subject) and its answer so far; no sign-in",
        params: SurveyParams,
        querystring: SurveyQuery,
        response: { 200: PublicSurveySchema, ...surveyErrors },
      },
    },
    async (request) => satisfaction.view(request.params.token, request.query.rating),
  );

  app.post(
    '/api/v1/satisfaction/:token',
    {
      config: { access: 'public', rateLimit: SURVEY_RATE_LIMIT },
      schema: {
        tags,
        summary: 'Answer the survey (good or bad, an optional comment); the answer may change until the ticket closes',
        params: SurveyParams,
        body: RateBody,
        response: { 200: PublicSurveySchema, ...surveyErrors },
      },
    },
    async (request) => satisfaction.rate(request.params.token, request.body),
  );

  app.get(
    '/api/v1/tickets/:id/satisfaction',
    {
      config: { access: 'tickets.read' },
      schema: {
        tags,
        summary: "Every answer the requester gave to the ticket's survey, oldest first (kept for reports)",
        params: IdParams,
        response: { 200: RatingHistorySchema, ...errorResponses },
      },
    },
    async (request) => ({ items: await satisfaction.history(signedIn(request.auth).actor, request.params.id) }),
  );
}
