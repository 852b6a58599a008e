import { Type } from 'typebox';
import { ErrorResponse } from './common.ts';

const Rating = Type.Union([Type.Literal('good'), Type.Literal('bad')]);
const NullableRating = Type.Union([Rating, Type.Null()]);

/** The token of a survey link: base64url, as long as an HMAC-SHA256. */
export const SurveyParams = Type.Object(
  { token: Type.String({ minLength: 1, maxLength: 100 }) },
  { additionalProperties: false },
);

export const SurveyQuery = Type.Object(
  { rating: Type.Optional(Rating) },
  { additionalProperties: false, description: "The mail's link preselects an answer with ?rating=good|bad" },
);

export const RateBody = Type.Object(
  { rating: Rating, comment: Type.Optional(Type.Union([Type.String({ maxLength: 2000 }), Type.Null()])) },
  { additionalProperties: false },
);

/** What the public survey page sees: nothing internal about the ticket. */
export const PublicSurveySchema = Type.Object(
  {
    ticket: Type.Object({ number: Type.String(), subject: Type.String() }),
    rating: NullableRating,
    comment: Type.Union([Type.String(), Type.Null()]),
    ratedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
    open: Type.Boolean({ description: 'False once the ticket is closed: the answer can no longer change' }),
    choice: NullableRating,
  },
  { additionalProperties: false, $id: 'PublicSurvey' },
);

export const RatingHistorySchema = Type.Object({
  items: Type.Array(
    Type.Object({
      rating: Rating,
      comment: Type.Union([Type.String(), Type.Null()]),
      contactId: Type.String(),
      createdAt: Type.String({ format: 'date-time' }),
    }),
  ),
});

/** The public routes' errors: a void link is 410, not 404. */
export const surveyErrors = {
  400: ErrorResponse,
  404: ErrorResponse,
  409: ErrorResponse,
  410: ErrorResponse,
  429: ErrorResponse,
} as const;
