import type { serviceEventTypes } from '@outpost/db';
import type { z } from 'zod';
import { AppError } from '../errors.ts';
import { assertCleanInput } from '../input-guard.ts';
import { isAfter, toUtcIso } from '../utc-instants.ts';
import { type EventIssue, eventIssues } from './event-issues.ts';
import { FUTURE_TOLERANCE_MS, MAX_EVENTS_PER_BATCH, serviceEventSchema } from './event-schema.ts';

/** One event as it is stored: the common columns and the type's fields as payload. */
export interface EventRow {
  external_id: string;
  type: (typeof serviceEventTypes)[number];
  occurred_at: string;
  payload: Record<string, unknown>;
  corrects: string | null;
}

export interface BadEvent {
  index: number;
  externalId: string | null;
  /** Every problem in one English sentence (kept for existing API clients). */
  reason: string;
  /** Each bad field with a code and params to translate, and its English message. */
  issues: EventIssue[];
}

/** Enough to fix a batch without a response the size of the batch itself. */
const MAX_REPORTED = 200;

export function batchError(bad: BadEvent[]): AppError {
  return new AppError(
    'validation_failed',
    `${bad.length} event(s) are not valid; nothing in this batch was stored.`,
    {
      messageKey: 'errors.events_invalid',
      details: { invalidCount: bad.length, events: bad.slice(0, MAX_REPORTED) },
    },
  );
}

/**
 * Checks a whole batch before anything is stored: shape and types per event, no unknown
 * fields, no timestamp beyond the future tolerance, no id twice. Throws one
 * `validation_failed` listing every bad event by index; otherwise returns the rows.
 */
export function validateBatch(events: unknown, now = Date.now()): EventRow[] {
  // Every source (API, file import): NUL and broken surrogates never reach the jsonb payload.
  assertCleanInput({ events });
  if (!Array.isArray(events)) {
    throw new AppError('validation_failed', 'Send the events as an array in "events".', {
      details: { fields: [{ path: 'events', message: 'Expected an array of events.' }] },
    });
  }
  if (events.length === 0 || events.length > MAX_EVENTS_PER_BATCH) {
    throw new AppError(
      'validation_failed',
      `Send between 1 and ${MAX_EVENTS_PER_BATCH} events per batch; this one has ${events.length}.`,
      {
        messageKey: 'errors.events_batch_size',
        details: {
          maxEvents: MAX_EVENTS_PER_BATCH,
          received: events.length,
          fields: [{ path: 'events', message: `1 to ${MAX_EVENTS_PER_BATCH} events.` }],
        },
      },
    );
  }
  const latest = now + FUTURE_TOLERANCE_MS;
  const bad: BadEvent[] = [];
  const rows: EventRow[] = [];
  const seen = new Map<string, number>();
  events.forEach((raw, index) => {
    const claimedId =
      typeof (raw as { externalId?: unknown })?.externalId === 'string'
        ? (raw as { externalId: string }).externalId
        : null;
    // Checked first and for invalid events too: an id sent twice is a bug in the sender either way.
    const first = claimedId === null ? undefined : seen.get(claimedId);
    if (first !== undefined) {
      const reason = `externalId ${claimedId} is also used by the event at index ${first}.`;
      bad.push({
        index,
        externalId: claimedId,
        reason,
        issues: [{ path: 'externalId', code: 'duplicate_id', params: { first }, message: reason }],
      });
      return;
    }
    if (claimedId !== null) seen.set(claimedId, index);
    const checked = checkEvent(raw, latest);
    if ('issues' in checked) bad.push({ index, externalId: claimedId, ...checked });
    else rows.push(checked.row);
  });
  if (bad.length > 0) throw batchError(bad);
  return rows;
}

/**
 * One event against the wire schema and the rules beyond it (not in the future, a correction
 * not of itself): the stored row, or every bad field. Shared by the API's batches and the file
 * import, so both report the same codes.
 */
export function checkEvent(
  raw: unknown,
  latest: number,
): { row: EventRow } | { reason: string; issues: EventIssue[] } {
  const result = serviceEventSchema.safeParse(raw);
  const record = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  const issues = result.success ? [] : eventIssues(raw, result.error);
  const reasons = result.success ? [] : [describe(result.error)];
  const occurredAt = record.occurredAt;
  if (
    typeof occurredAt === 'string' &&
    !issues.some((i) => i.path === 'occurredAt') &&
    isAfter(occurredAt, latest)
  ) {
    const reason = `occurredAt ${occurredAt} is more than 5 minutes in the future.`;
    reasons.push(reason);
    issues.push({
      path: 'occurredAt',
      code: 'in_future',
      params: { toleranceMinutes: FUTURE_TOLERANCE_MS / 60_000 },
      message: reason,
    });
  }
  if (
    record.type === 'correction' &&
    typeof record.correctsExternalId === 'string' &&
    record.correctsExternalId === record.externalId
  ) {
    const reason = 'A correction cannot correct itself.';
    reasons.push(reason);
    issues.push({ path: 'correctsExternalId', code: 'self_correction', params: {}, message: reason });
  }
  if (!result.success || issues.length > 0) return { reason: reasons.join('; '), issues };
  const { externalId, type, occurredAt: at, ...fields } = result.data;
  const payload: Record<string, unknown> = fields;
  const corrects =
    type === 'correction' ? (fields as { correctsExternalId: string }).correctsExternalId : null;
  // Normalise instants to UTC so stored payloads compare and sort the same way everywhere.
  if (typeof payload.slaDueAt === 'string') payload.slaDueAt = toUtcIso(payload.slaDueAt);
  return {
    row: {
      external_id: externalId,
      type,
      occurred_at: toUtcIso(at),
      payload,
      corrects,
    },
  };
}

function describe(error: z.ZodError): string {
  return error.issues
    .map((issue) => {
      const field = issue.path.join('.');
      if (issue.code === 'unrecognized_keys') return `unknown field(s): ${issue.keys.join(', ')}`;
      if (issue.code === 'invalid_union' && field === 'type')
        return 'type: must be one of case_opened, case_closed, customer_rating, compliance_check, loss, complaint, correction';
      return field ? `${field}: ${issue.message}` : issue.message;
    })
    .join('; ');
}
