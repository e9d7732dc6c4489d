import { AppError, isAppError } from './errors.ts';

/**
 * The one place where what PostgreSQL refuses becomes a 4xx. Schemas (fields.ts) and
 * existence checks in the services refuse bad input first, with the better message; this
 * is the net under them, so that a value a schema let through is still the caller's
 * error naming its field, never a 500. Each transport maps errors through `asAppError`
 * (API onError, portal form and loader helpers, Slack's error view).
 *
 * The SQLSTATE codes (PostgreSQL appendix A) and what they become:
 * - 23503 foreign key violation → 422 validation_failed, "no such …" on the column's field
 * - 23505 unique violation → 409 conflict on the column's field
 * - 23502 not-null violation → 422 on the column's field
 * - 22003 numeric out of range, 22007/22008 bad or out-of-range date/time, 22P02 invalid
 *   text representation, 22021 / 22P05 bad character (NUL in text or jsonb), 22001 text too long, 2201W/2201X bad
 *   LIMIT/OFFSET, 54000 a value too large to store → 422 validation_failed
 * - 22P02 on a uuid (an id that is not one) → 404 not_found: nothing has that id.
 * - a lost connection (class 08, 57P01–57P03, the driver's CONNECTION_CLOSED …) → 503 unavailable.
 */
interface PgError {
  code: string;
  message: string;
  detail?: string;
  column?: string;
  column_name?: string;
  constraint?: string;
  constraint_name?: string;
}

const valueCodes = new Set([
  '22003',
  '22007',
  '22008',
  '22P02',
  '22P05',
  '22021',
  '22001',
  '2201W',
  '2201X',
  '54000',
  '23502',
]);

/** The PostgreSQL error in a chain of causes (drizzle wraps the driver's; PGlite and postgres.js name fields differently). */
export function postgresErrorOf(error: unknown): PgError | null {
  for (let e: unknown = error, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) && typeof (e as Error).message === 'string') {
      return e as PgError;
    }
  }
  return null;
}

const camel = (column: string) => column.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());

/** The field a constraint error is about: the column in `Key (col)=(…)`, or the column the driver names. */
function fieldOf(pg: PgError): string | null {
  const fromDetail = pg.detail?.match(/^Key \(([a-z0-9_]+)(?:,[^)]*)?\)=/)?.[1];
  const column = fromDetail ?? pg.column ?? pg.column_name;
  return column ? camel(column) : null;
}

/**
 * The database went away under the request (decision record 054): SQLSTATE class 08 (connection
 * exception) or 57P01–57P03 (the server shutting down, crashed, or still starting), or the driver's
 * or socket's own code for a closed, refused or timed-out connection (the socket codes could
 * also come from another service reached in a request; a 503 is right for those too). Not our
 * bug and not the caller's: a restart or failover, over in seconds.
 */
const unavailableStates = /^(08[0-9A-Z]{3}|57P0[123])$/;
const unavailableCodes = new Set([
  'CONNECTION_CLOSED',
  'CONNECTION_ENDED',
  'CONNECTION_DESTROYED',
  'CONNECT_TIMEOUT',
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
]);

export function isDatabaseUnavailable(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && (unavailableStates.test(code) || unavailableCodes.has(code))) return true;
  }
  return false;
}

/** A database refusal as the caller's error, or null when it is not one (a real failure stays a 500). */
export function databaseProblem(error: unknown): AppError | null {
  if (isDatabaseUnavailable(error)) {
    // 503 with Retry-After, so a client retries (an idempotent call such as POST /v1/events safely)
    // and the log shows an outage, not a bug. The request may or may not have committed.
    return new AppError(
      'unavailable',
      'Outpost cannot reach its database for a moment (restarting or unreachable); try again in a few seconds.',
      { details: { retryAfterSeconds: 2 }, cause: error },
    );
  }
  const pg = postgresErrorOf(error);
  if (!pg) return null;
  const field = fieldOf(pg);
  const fields = (message: string) => [{ path: field ?? 'input', message }];
  if (pg.code === '23503') {
    const message = 'No such item: the id does not name anything that exists.';
    return new AppError('validation_failed', `${field ?? 'A referenced id'}: ${message}`, {
      messageKey: 'api.errors.no_such_reference',
      details: { ...(field ? { field } : {}), fields: fields(message) },
      cause: error,
    });
  }
  if (pg.code === '23505') {
    const message = 'This value is already taken.';
    return new AppError('conflict', `${field ?? 'A value'}: ${message}`, {
      messageKey: 'api.errors.already_taken',
      details: { ...(field ? { field } : {}), fields: fields(message) },
      cause: error,
    });
  }
  if (pg.code === '22P02' && /type uuid/.test(pg.message)) {
    return new AppError('not_found', 'Nothing has this id.', {
      messageKey: 'errors.not_found',
      cause: error,
    });
  }
  if (valueCodes.has(pg.code)) {
    const message = 'This value cannot be stored: it is out of range, too long or not valid for its type.';
    return new AppError('validation_failed', `${field ?? 'A value'}: ${message}`, {
      messageKey: 'api.errors.value_out_of_range',
      details: { ...(field ? { field } : {}), fields: fields(message), sqlState: pg.code },
      cause: error,
    });
  }
  return null;
}

/** The domain error an error means for the caller: itself, or the database's refusal mapped above. */
export function asAppError(error: unknown): AppError | null {
  if (isAppError(error)) return error;
  return databaseProblem(error);
}
