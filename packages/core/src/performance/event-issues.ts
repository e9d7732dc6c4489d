import { z } from 'zod';
import { instant as isoInstant } from '../fields.ts';
import { EARLIEST_EVENT_YEAR, serviceEventSchema } from './event-schema.ts';

/**
 * What is wrong with one field of one event, as a code a transport can translate (the portal's
 * import page renders `performance.import.issue.<code>` with `params`) and an English
 * `message` for logs and API clients. Every bad field of an event is listed, not only the first.
 */
export type EventIssueCode =
  /** A field the event's type needs is missing or empty. */
  | 'required'
  /** params.expected: string | number | int | boolean. */
  | 'invalid_type'
  /** Not a timestamp we can read. */
  | 'invalid_datetime'
  /** params.fromYear, params.toYear. */
  | 'year_out_of_range'
  /** params.allowed: the values allowed, comma-separated. */
  | 'invalid_value'
  /** params.min. */
  | 'too_small'
  /** params.max. */
  | 'too_big'
  /** params.max: characters. */
  | 'too_long'
  | 'too_many_decimals'
  | 'not_positive'
  /** The field is not used by this type of event; params.type. */
  | 'not_for_type'
  | 'invalid_characters'
  /** params.toleranceMinutes. */
  | 'in_future'
  | 'self_correction'
  /** The external id is used by another event of the batch or file; params.first: its index or row. */
  | 'duplicate_id'
  /** A correction names no event of this partner; params.target. */
  | 'unknown_target'
  | 'correction_of_correction'
  /** params.target, params.by: the correction that voided it already. */
  | 'already_corrected'
  | 'invalid';

export interface EventIssue {
  /** The field (for an import, the column). */
  path: string;
  code: EventIssueCode;
  params: Record<string, string | number>;
  /** English, for logs and API clients. */
  message: string;
}

export const serviceEventTypeList = [
  'case_opened',
  'case_closed',
  'customer_rating',
  'compliance_check',
  'loss',
  'complaint',
  'correction',
] as const;

/** The common fields, checked on their own when the type is missing or unknown. */
const commonFields = z.object({
  externalId: z.string().min(1).max(128),
  occurredAt: isoInstant({ fromYear: EARLIEST_EVENT_YEAR }),
});

const controlCharacters = /\p{Cc}/u;

function issueOf(issue: z.core.$ZodIssue, raw: Record<string, unknown>): EventIssue[] {
  const path = issue.path.map(String).join('.');
  const value = raw[String(issue.path[0] ?? '')];
  const issueText = (message: string) => (path ? `${path}: ${message}` : message);
  const make = (code: EventIssueCode, params: Record<string, string | number> = {}): EventIssue => ({
    path,
    code,
    params,
    message: issueText(issue.message),
  });
  switch (issue.code) {
    case 'unrecognized_keys':
      return issue.keys.map((key) => ({
        path: key,
        code: 'not_for_type',
        params: { type: String(raw.type ?? '') },
        message: `${key}: not a field of a ${String(raw.type ?? '')} event; leave it out.`,
      }));
    case 'invalid_union':
      if (path === 'type') {
        if (value === undefined || value === null || value === '')
          return [{ path, code: 'required', params: {}, message: 'type: required.' }];
        return [
          {
            path,
            code: 'invalid_value',
            params: { allowed: serviceEventTypeList.join(', ') },
            message: `type: must be one of ${serviceEventTypeList.join(', ')}`,
          },
        ];
      }
      return [make('invalid')];
    case 'invalid_type':
      if (value === undefined || value === null) return [make('required')];
      return [make('invalid_type', { expected: String(issue.expected) })];
    case 'invalid_format':
      if (issue.format === 'datetime') return [make('invalid_datetime')];
      if (issue.format === 'regex' && typeof value === 'string' && controlCharacters.test(value))
        return [make('invalid_characters')];
      return [make('invalid')];
    case 'too_small':
      if (issue.origin === 'string' && Number(issue.minimum) <= 1) return [make('required')];
      return [make('too_small', { min: Number(issue.minimum) })];
    case 'too_big':
      if (issue.origin === 'string') return [make('too_long', { max: Number(issue.maximum) })];
      return [make('too_big', { max: Number(issue.maximum) })];
    case 'custom': {
      const params = (issue.params ?? {}) as Record<string, string | number>;
      const { code, ...rest } = params;
      if (code === 'too_many_decimals' || code === 'not_positive' || code === 'year_out_of_range')
        return [make(code, rest)];
      return [make('invalid')];
    }
    default:
      return [make('invalid')];
  }
}

/**
 * Every field issue of one event against the wire schema. When the type is missing or unknown
 * the schema cannot say which fields the event needs, so the common fields are checked on their
 * own too — a row with a bad type and a bad time names both.
 */
export function eventIssues(raw: unknown, error?: z.ZodError): EventIssue[] {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return [
      { path: '', code: 'invalid_type', params: { expected: 'object' }, message: 'Not an event object.' },
    ];
  }
  const record = raw as Record<string, unknown>;
  const failure = error ?? serviceEventSchema.safeParse(raw).error;
  if (!failure) return [];
  const issues = failure.issues.flatMap((issue) => issueOf(issue, record));
  if (issues.some((i) => i.path === 'type')) {
    const common = commonFields.safeParse(raw);
    if (!common.success) issues.push(...common.error.issues.flatMap((issue) => issueOf(issue, record)));
  }
  // One issue per field: the first (zod may report a field twice, e.g. format and range).
  const seen = new Set<string>();
  return issues.filter((i) => {
    if (seen.has(i.path)) return false;
    seen.add(i.path);
    return true;
  });
}
