import type { serviceEventTypes } from '@outpost/db';
import type { z } from 'zod';
import { AppError } from '../errors.ts';
import { assertCleanInput } from '../input-guard.ts';
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
  reason: string;
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
      bad.push({
        index,
        externalId: claimedId,
        reason: `externalId ${claimedId} is also used by the event at index ${first}.`,
      });
      return;
    }
    if (claimedId !== null) seen.set(claimedId, index);
    const result = serviceEventSchema.safeParse(raw);
    if (!result.success) {
      bad.push({ index, externalId: claimedId, reason: describe(result.error) });
      return;
    }
    const { externalId, type, occurredAt, ...fields } = result.data;
    const occurred = Date.parse(occurredAt);
    if (occurred > latest) {
      bad.push({
        index,
        externalId,
        reason: `occurredAt ${occurredAt} is more than 5 minutes in the future.`,
      });
      return;
    }
    const payload: Record<string, unknown> = fields;
    let corrects: string | null = null;
    if (type === 'correction') {
      corrects = (fields as { correctsExternalId: string }).correctsExternalId;
      if (corrects === externalId) {
        bad.push({ index, externalId, reason: 'A correction cannot correct itself.' });
        return;
      }
    }
    // Normalise instants to UTC so stored payloads compare and sort the same way everywhere.
    if (typeof payload.slaDueAt === 'string') payload.slaDueAt = new Date(payload.slaDueAt).toISOString();
    rows.push({
      external_id: externalId,
      type,
      occurred_at: new Date(occurred).toISOString(),
      payload,
      corrects,
    });
  });
  if (bad.length > 0) throw batchError(bad);
  return rows;
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
