import { z } from 'zod';
import { instant as isoInstant } from '../fields.ts';

/** A batch holds at most this many events: big enough for throughput, small enough to validate and roll back whole. */
export const MAX_EVENTS_PER_BATCH = 5000;
/** Partners' clocks drift; an event stamped further ahead than this is refused as a clock or data error. */
export const FUTURE_TOLERANCE_MS = 5 * 60 * 1000;

const externalId = z
  .string()
  .min(1, 'Give every event your own id (externalId).')
  .max(128, 'Keep externalId to 128 characters.')
  .regex(/^[^\p{Cc}]+$/u, 'externalId must not contain control characters.');
/** Service events are about this century's business; an earlier year is a data error. */
export const EARLIEST_EVENT_YEAR = 2000;
const instant = isoInstant({ fromYear: EARLIEST_EVENT_YEAR });
const caseId = z.string().min(1).max(128);
const text = z.string().min(1).max(500);
/** Yuan with at most two decimals, so sums in numeric(20,2) are exact. */
const money = z
  .number()
  .finite()
  .min(0)
  .max(1e15)
  .refine((n) => Math.abs(n * 100 - Math.round(n * 100)) < 1e-6, {
    message: 'Use at most two decimals for amounts.',
    params: { code: 'too_many_decimals' },
  });

const base = { externalId, occurredAt: instant };

/**
 * The wire shape of one service event: common fields plus the fields of its type, flat.
 * Strict objects: an unknown field is an error, not silently dropped data.
 */
export const serviceEventSchema = z.discriminatedUnion('type', [
  z.strictObject({ ...base, type: z.literal('case_opened'), caseId, slaDueAt: instant }),
  z.strictObject({
    ...base,
    type: z.literal('case_closed'),
    caseId,
    slaDueAt: instant,
    amount: money.optional(),
  }),
  z.strictObject({
    ...base,
    type: z.literal('customer_rating'),
    rating: z.number().int().min(1).max(5),
    caseId: caseId.optional(),
  }),
  z.strictObject({
    ...base,
    type: z.literal('compliance_check'),
    passed: z.boolean(),
    checkType: text.optional(),
    caseId: caseId.optional(),
  }),
  z.strictObject({
    ...base,
    type: z.literal('loss'),
    amount: money.refine((n) => n > 0, {
      message: 'A loss amount must be above 0.',
      params: { code: 'not_positive' },
    }),
    cause: text.optional(),
    caseId: caseId.optional(),
  }),
  z.strictObject({
    ...base,
    type: z.literal('complaint'),
    category: text.optional(),
    caseId: caseId.optional(),
  }),
  z.strictObject({ ...base, type: z.literal('correction'), correctsExternalId: externalId, reason: text }),
]);
export type ServiceEventInput = z.input<typeof serviceEventSchema>;
