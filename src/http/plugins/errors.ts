import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Locale } from '../../core/shared/actor.ts';
import { AppError, ERROR_STATUS, type ErrorCode } from '../../core/shared/app-error.ts';
import { isDatabaseUnavailable } from '../../db/create-db.ts';
import type { MessageKey } from '../../i18n/es.ts';
import { hasMessage, localeFromHeader, translate } from '../../i18n/translate.ts';

interface ValidationIssue {
  instancePath?: string;
  keyword?: string;
  message?: string;
  params?: Record<string, unknown>;
}

export function requestLocale(request: FastifyRequest): Locale {
  return (
    request.auth?.actor.locale ??
    request.contactAuth?.actor.locale ??
    localeFromHeader(request.headers['accept-language'])
  );
}

/** The one place that turns errors into `{ error: { code, message, details } }` responses. */
export function registerErrorHandling(app: FastifyInstance, opts: { bodyLimit: number }): void {
  app.setErrorHandler((error: FastifyError | AppError, request, reply) => {
    const locale = requestLocale(request);
    const appError = toAppError(error, opts.bodyLimit, locale);
    const status = ERROR_STATUS[appError.code];
    if (appError.code === 'DATABASE_UNAVAILABLE') {
      request.log.warn({ err: error }, 'database unavailable');
      // The pool opens new connections by itself; a client may simply ask again shortly.
      reply.header('retry-after', '5');
    } else if (status >= 500) request.log.error({ err: error }, 'request failed');
    else request.log.info({ code: appError.code }, 'request refused');
    return sendError(reply, appError, locale);
  });
}

// Errors whose message was already written in the request's language (validation problems).
const localized = new WeakSet<AppError>();

/** Routes a customer calls: Spanish speaks to them as usted, to agents as tú. */
const CUSTOMER_PATHS = ['/api/v1/portal/', '/api/v1/help/', '/api/v1/satisfaction/'];

function isCustomerRequest(request: FastifyRequest): boolean {
  return request.contactAuth != null || CUSTOMER_PATHS.some((prefix) => request.url.startsWith(prefix));
}

export function sendError(reply: FastifyReply, error: AppError, locale: Locale) {
  const customerKey = `errors.customer.${error.code}`;
  const key = isCustomerRequest(reply.request) && hasMessage(customerKey) ? customerKey : `errors.${error.code}`;
  const generic = hasMessage(key) ? translate(locale, key, error.details) : error.message;
  // The domain writes precise English messages; other languages get the catalog's wording.
  const precise = locale === 'en' && error.message !== error.code && ERROR_STATUS[error.code] < 500;
  const message = localized.has(error) || precise ? error.message : generic;
  return reply
    .status(ERROR_STATUS[error.code])
    .type('application/json; charset=utf-8')
    .send({ error: { code: error.code, message, details: error.details } });
}

function toAppError(error: FastifyError | AppError, bodyLimit: number, locale: Locale): AppError {
  if (error instanceof AppError) return error;
  if (error.validation) return validationError(error.validation as ValidationIssue[], error.validationContext, locale);
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new AppError('PAYLOAD_TOO_LARGE', undefined, { limit: bodyLimit });
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new AppError('UNSUPPORTED_MEDIA_TYPE', undefined, { contentType: error.message });
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return localizedError('BAD_REQUEST', translate(locale, 'validation.body_invalid_json'));
  }
  if (error instanceof SyntaxError)
    return localizedError('BAD_REQUEST', translate(locale, 'validation.body_invalid_json'));
  if (error.statusCode === 429) return new AppError('RATE_LIMITED');
  // PostgreSQL's data exceptions (class 22: text it cannot store, a number out of range) come
  // from what the client sent, whatever route let it through: a 400, never a 500.
  if (isDataException(error)) return new AppError('BAD_REQUEST', 'A value sent cannot be stored');
  if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
    return new AppError(statusCode(error.statusCode), error.message);
  }
  if (isDatabaseUnavailable(error)) return new AppError('DATABASE_UNAVAILABLE');
  return new AppError('INTERNAL');
}

function isDataException(error: { code?: unknown; severity?: unknown }): boolean {
  return typeof error.code === 'string' && /^22[0-9A-Z]{3}$/.test(error.code) && typeof error.severity === 'string';
}

// Errors from plugins carry only a status; these are the general codes for them.
const GENERIC_CODES: Record<number, ErrorCode> = {
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  409: 'CONFLICT',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  422: 'UNPROCESSABLE',
  429: 'RATE_LIMITED',
};

function statusCode(status: number): ErrorCode {
  return GENERIC_CODES[status] ?? 'BAD_REQUEST';
}

/**
 * Lists every problem in the request's language with the field it concerns, e.g.
 * `{ field: "body.role", problem: "body.role debe ser uno de estos valores: admin, supervisor, agent" }`.
 */
function validationError(issues: ValidationIssue[], part: string | undefined, locale: Locale): AppError {
  const fieldOf = (issue: ValidationIssue) => `${part ?? 'body'}${(issue.instancePath ?? '').replaceAll('/', '.')}`;
  // A union fails once per member and once as a whole: the members' issues only feed the whole's message.
  const unions = new Set(issues.filter((issue) => issue.keyword === 'anyOf').map(fieldOf));
  const members = (field: string) => issues.filter((issue) => fieldOf(issue) === field && issue.keyword !== 'anyOf');
  const errors = issues
    .filter((issue) => issue.keyword !== 'boolean' && (issue.keyword === 'anyOf' || !unions.has(fieldOf(issue))))
    .flatMap((issue) => describeIssue(issue, fieldOf(issue), locale, members));
  const error = new AppError('VALIDATION_FAILED', errors.map((e) => e.problem).join('; '), { errors });
  localized.add(error);
  return error;
}

type Problem = { field: string; problem: string };

function describeIssue(
  issue: ValidationIssue,
  field: string,
  locale: Locale,
  members: (field: string) => ValidationIssue[],
): Problem[] {
  const params = issue.params ?? {};
  const say = (key: MessageKey, extra: Record<string, unknown> = {}): Problem[] => [
    { field, problem: translate(locale, key, { field, ...extra }) },
  ];
  switch (issue.keyword) {
    case 'additionalProperties':
    case 'required': {
      const names = params.additionalProperties ?? params.requiredProperties ?? params.missingProperty;
      const key = issue.keyword === 'required' ? 'validation.required' : 'validation.unknown_field';
      return (Array.isArray(names) ? names : [names]).map((name) => {
        const named = `${field}.${String(name)}`;
        return { field: named, problem: translate(locale, key, { field: named }) };
      });
    }
    case 'type':
      return say('validation.type', { type: typeNames(params.type, locale) });
    case 'const':
    case 'enum':
      return say('validation.one_of', { allowed: allowedValues([issue]) });
    case 'anyOf': {
      const inner = members(field);
      if (inner.length > 0 && inner.every((i) => i.keyword === 'const' || i.keyword === 'enum')) {
        return say('validation.one_of', { allowed: allowedValues(inner) });
      }
      if (inner.length > 0 && inner.every((i) => i.keyword === 'type')) {
        return say('validation.type', {
          type: typeNames(
            inner.flatMap((i) => i.params?.type ?? []),
            locale,
          ),
        });
      }
      return say('validation.invalid_field');
    }
    case 'minLength':
      return say('validation.min_length', params);
    case 'maxLength':
      return say('validation.max_length', params);
    case 'minimum':
      return say('validation.minimum', params);
    case 'maximum':
      return say('validation.maximum', params);
    case 'exclusiveMinimum':
      return say('validation.exclusive_minimum', params);
    case 'exclusiveMaximum':
      return say('validation.exclusive_maximum', params);
    case 'minItems':
      return say('validation.min_items', params);
    case 'maxItems':
      return say('validation.max_items', params);
    case 'uniqueItems':
      return say('validation.unique_items');
    case 'pattern':
      return say('validation.pattern');
    case 'format': {
      const key = `validation.format.${String(params.format)}`;
      return hasMessage(key) ? say(key) : say('validation.format', params);
    }
    default:
      return say('validation.invalid_field');
  }
}

function allowedValues(issues: ValidationIssue[]): string {
  const values = issues.flatMap((i) =>
    i.keyword === 'enum' ? ((i.params?.allowedValues as unknown[]) ?? []) : [i.params?.allowedValue],
  );
  return values.map((value) => (typeof value === 'string' ? value : JSON.stringify(value))).join(', ');
}

function typeNames(types: unknown, locale: Locale): string {
  const names = [...new Set((Array.isArray(types) ? types : [types]).map(String))].map((type) => {
    const key = `validation.type.${type}`;
    return hasMessage(key) ? translate(locale, key) : type;
  });
  return names.join(translate(locale, 'validation.or'));
}

function localizedError(code: ErrorCode, message: string): AppError {
  const error = new AppError(code, message);
  localized.add(error);
  return error;
}
