/**
 * The one error type the domain throws. Each transport maps it once: the API to
 * `{ error: { code, message, requestId, details } }`, the portal to a form error,
 * Slack to an ephemeral message. `message` is English for logs and API clients;
 * `messageKey` lets a transport show the person the same thing in their language.
 */
export const errorStatus = {
  bad_request: 400,
  invalid_json: 400,
  validation_failed: 422,
  invalid_credit_code: 422,
  unauthenticated: 401,
  invalid_credentials: 401,
  forbidden: 403,
  /** The partner is suspended: its people and keys may read, but change nothing. */
  'partner.suspended': 403,
  /** The partner's arrangement ended (termination, decision record 049): nothing more is taken from it. */
  'partner.terminated': 403,
  cross_site_request: 403,
  not_found: 404,
  method_not_allowed: 405,
  conflict: 409,
  /** A stored file no longer matches the digest recorded when it was uploaded. */
  integrity_failed: 409,
  already_decided: 409,
  gone: 410,
  payload_too_large: 413,
  unsupported_media_type: 415,
  too_many_requests: 429,
  unavailable: 503,
} as const;

export type ErrorCode = keyof typeof errorStatus;

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly details: Record<string, unknown> | undefined;
  readonly messageKey: string | undefined;

  constructor(
    code: ErrorCode,
    message: string,
    options: { details?: Record<string, unknown>; messageKey?: string; cause?: unknown } = {},
  ) {
    super(message, { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.status = errorStatus[code];
    this.details = options.details;
    this.messageKey = options.messageKey;
  }
}

/** Works across module copies (a bundled portal and the server could each load core). */
export function isAppError(error: unknown): error is AppError {
  return error instanceof Error && error.name === 'AppError' && typeof (error as AppError).code === 'string';
}

export const notFound = (what: string) =>
  new AppError('not_found', `${what} not found.`, { messageKey: 'errors.not_found' });
