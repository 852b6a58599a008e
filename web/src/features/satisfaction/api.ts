import type { Static } from 'typebox';
import type { PublicSurveySchema } from '../../../../src/http/schemas/satisfaction.ts';
import { api } from '../../app/api.ts';

export type PublicSurvey = Static<typeof PublicSurveySchema>;
export type Rating = NonNullable<PublicSurvey['rating']>;

const path = (token: string) => `/satisfaction/${encodeURIComponent(token)}`;

export const surveyQuery = (token: string, rating: Rating | undefined) => ({
  queryKey: ['satisfaction', token, rating ?? null] as const,
  queryFn: ({ signal }: { signal: AbortSignal }) => api<PublicSurvey>(path(token), { signal, query: { rating } }),
  // A void link stays void: no retries against a public, rate-limited route.
  retry: false,
});

export const rateSurvey = (token: string, body: { rating: Rating; comment: string | null }) =>
  api<PublicSurvey>(path(token), { method: 'POST', body });
