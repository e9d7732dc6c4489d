import { AppError, asAppError, type ErrorCode, errorStatus } from '@outpost/core';
import { loggerFor } from '@outpost/log';
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { ApiEnv } from './context.ts';

/** The one error shape of the API: `{ error: { code, message, requestId, details } }`. */
export function errorBody(c: Context<ApiEnv>, code: ErrorCode | string, message: string, details?: unknown) {
  return { error: { code, message, requestId: c.get('requestId') ?? null, details: details ?? null } };
}

export function errorResponse(c: Context<ApiEnv>, error: unknown) {
  // A domain error, or what the database refused mapped to one (core's database-errors.ts).
  const appError = asAppError(error);
  if (appError) {
    // A rate limit or a database briefly away (decision record 054): when to try again.
    const retryable = appError.code === 'too_many_requests' || appError.code === 'unavailable';
    if (retryable && typeof appError.details?.retryAfterSeconds === 'number') {
      c.header('Retry-After', String(appError.details.retryAfterSeconds));
    }
    return c.json(
      errorBody(c, appError.code, appError.message, appError.details),
      appError.status as ContentfulStatusCode,
    );
  }
  if (error instanceof HTTPException) {
    const { code, message } = describeHttpException(error);
    return c.json(errorBody(c, code, message), error.status as ContentfulStatusCode);
  }
  // Anything else is our bug: log it with the request id, tell the client nothing internal.
  loggerFor('api').error({ err: error, requestId: c.get('requestId') }, 'unhandled error in an API route');
  return c.json(
    errorBody(
      c,
      'internal_error',
      'Something went wrong on our side; nothing was changed. Quote the requestId when reporting it.',
    ),
    500,
  );
}

function describeHttpException(error: HTTPException): { code: string; message: string } {
  if (error.status === 400 && /json/i.test(error.message)) {
    return { code: 'invalid_json', message: 'The request body is not valid JSON.' };
  }
  if (error.status === 413) {
    return { code: 'payload_too_large', message: 'The request body is too large.' };
  }
  const byStatus = Object.entries(errorStatus).find(([, status]) => status === error.status);
  return { code: byStatus?.[0] ?? 'bad_request', message: error.message || 'The request was not valid.' };
}

export const validationError = (issues: { path: PropertyKey[]; message: string }[]) =>
  new AppError('validation_failed', 'Some fields are not valid; see details.', {
    details: { fields: issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message })) },
  });
