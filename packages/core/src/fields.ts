import { z } from 'zod';
import { utcYearOf } from './utc-instants.ts';

/**
 * The building blocks of every input schema (core's, and the API's route schemas that
 * document them): each bounds what its column and the domain can hold, so a value
 * PostgreSQL would refuse — text too long, an integer beyond 32 bits, a year outside
 * 1–9999 — is a field error before any query. NUL and unpaired surrogates are refused
 * for every field by the input guard (input-guard.ts).
 */

/** A name, a title, a short label: one line, trimmed. */
export const shortText = (max = 200, message?: string) => z.string().trim().max(max, message);
/** Comments, findings, reasons: several paragraphs. */
export const longText = (max = 10_000, message?: string) => z.string().trim().max(max, message);
/** A person's display name. */
export const personName = (message = 'Enter a name of 1 to 100 characters.') =>
  z.string().trim().min(1, message).max(100, message);
/** An e-mail address (RFC 5321 caps it at 254 characters). */
export const emailAddress = (message = 'Enter a valid e-mail address.') =>
  z.string().trim().max(254, message).pipe(z.email(message));
/** A code or key chosen by staff (`customer_satisfaction`, `business_licence`). */
export const codeKey = (max = 60) => z.string().trim().min(1).max(max);
/** The id of a row (UUID). */
export const rowId = (message?: string) => z.uuid(message);
/** Any id sent by a client that is not ours to check beyond its size (their own ids, tokens). */
export const clientId = (max = 128) => z.string().min(1).max(max);

/** An `integer` column. */
export const int32 = (message = 'Use a whole number from -2147483648 to 2147483647.') => z.int32({ message });
/** A score from 0 to 100 (assessments, inspections, pilots). */
export const score100 = (message = 'Scores run from 0 to 100.') =>
  z.int32({ message }).min(0, message).max(100, message);
/** A page number: beyond this, no list has pages. */
export const pageNumber = () => z.coerce.number().int().min(1).max(100_000);
/** A page size between 1 and `max`. */
export const pageSize = (max: number) => z.coerce.number().int().min(1).max(max);
/** A finite number a double-precision column holds with room to compute with it. */
export const boundedNumber = (limit = 1e12) => z.number().finite().min(-limit).max(limit);

const FIRST_BUSINESS_YEAR = 1900;
const LAST_BUSINESS_YEAR = 2999;
const yearOf = (text: string) => Number(text.slice(0, 4));

/**
 * A calendar date (YYYY-MM-DD) in a window a business record can have: issue and expiry
 * dates, inspections, due dates. Year 0 and years past 9999 never reach PostgreSQL.
 */
export const calendarDate = (message = 'Use a date like 2026-01-31.') =>
  z.iso
    .date(message)
    .refine(
      (text) => yearOf(text) >= FIRST_BUSINESS_YEAR && yearOf(text) <= LAST_BUSINESS_YEAR,
      `Use a date between ${FIRST_BUSINESS_YEAR}-01-01 and ${LAST_BUSINESS_YEAR}-12-31.`,
    );

/** An ISO 8601 instant with a time zone, from `from` to 9999 (PostgreSQL has no year 0). */
export const instant = (options: { message?: string; fromYear?: number } = {}) => {
  const fromYear = options.fromYear ?? 1;
  return z.iso
    .datetime({
      offset: true,
      message:
        options.message ?? 'Use an ISO 8601 timestamp with a time zone, e.g. 2026-07-01T09:30:00+08:00.',
    })
    .refine(
      (text) => {
        const year = utcYearOf(text);
        return year >= fromYear && year <= 9999;
      },
      {
        message: `Use a time between the years ${fromYear} and 9999.`,
        params: { code: 'year_out_of_range', fromYear, toYear: 9999 },
      },
    );
};
