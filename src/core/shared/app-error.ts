/**
 * The one error type the domain throws. `code` is stable (SCREAMING_SNAKE) and maps to an HTTP
 * status at the edge; `message` is an English fallback, translated at the edge by code.
 */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message?: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message ?? code);
    this.name = 'AppError';
  }
}

/** Every error code with the HTTP status it stands for. */
export const ERROR_STATUS = {
  VALIDATION_FAILED: 400,
  BAD_REQUEST: 400,
  UNAUTHENTICATED: 401,
  INVALID_CREDENTIALS: 401,
  TOKEN_INVALID: 401,
  CSRF_TOKEN_INVALID: 403,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  AGENT_NOT_FOUND: 404,
  DEPARTMENT_NOT_FOUND: 404,
  TOKEN_NOT_FOUND: 404,
  TICKET_NOT_FOUND: 404,
  CONFLICT: 409,
  EMAIL_TAKEN: 409,
  DEPARTMENT_NAME_TAKEN: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  UNPROCESSABLE: 422,
  REFERENCE_NOT_FOUND: 422,
  LAST_ADMIN: 422,
  RATE_LIMITED: 429,
  INTERNAL: 500,
  NOT_READY: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;
