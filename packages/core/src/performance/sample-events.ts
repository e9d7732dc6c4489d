import type { ServiceEventInput } from './event-schema.ts';

/** Deterministic, realistic service events for tests, the demo and the benchmark: a seed gives the same events every run. */
export function seededRandom(seed: number): () => number {
  // mulberry32: tiny, fast, good enough for test data.
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface SampleOptions {
  seed: number;
  count: number;
  /** Prefix of externalIds, so several generators never collide. */
  prefix: string;
  /** Events are spread over [start, start + days). */
  start: Date;
  days: number;
}

const HOUR = 3_600_000;

/** A mix like a claims handler's feed: many openings and closings, some ratings and checks, few losses and complaints. */
export function sampleEvents({ seed, count, prefix, start, days }: SampleOptions): ServiceEventInput[] {
  const random = seededRandom(seed);
  const pick = () => random();
  const events: ServiceEventInput[] = [];
  for (let i = 0; i < count; i++) {
    const at = new Date(start.getTime() + Math.floor(pick() * days * 24 * HOUR));
    const occurredAt = at.toISOString();
    const externalId = `${prefix}-${i}`;
    const caseId = `${prefix}-case-${Math.floor(i / 3)}`;
    const roll = pick();
    if (roll < 0.3) {
      events.push({
        externalId,
        type: 'case_opened',
        occurredAt,
        caseId,
        slaDueAt: new Date(at.getTime() + 72 * HOUR).toISOString(),
      });
    } else if (roll < 0.6) {
      // About nine in ten cases close within their SLA.
      const due = new Date(
        at.getTime() + (pick() < 0.9 ? 1 : -1) * Math.ceil(pick() * 48) * HOUR,
      ).toISOString();
      events.push({
        externalId,
        type: 'case_closed',
        occurredAt,
        caseId,
        slaDueAt: due,
        amount: Math.round(pick() * 2_000_000) / 100,
      });
    } else if (roll < 0.8) {
      events.push({
        externalId,
        type: 'customer_rating',
        occurredAt,
        rating: 1 + Math.min(4, Math.floor(Math.sqrt(pick()) * 5)),
        caseId,
      });
    } else if (roll < 0.95) {
      events.push({
        externalId,
        type: 'compliance_check',
        occurredAt,
        passed: pick() < 0.97,
        checkType: 'call_recording_review',
      });
    } else if (roll < 0.98) {
      events.push({
        externalId,
        type: 'loss',
        occurredAt,
        amount: Math.round(pick() * 50_000) / 100 + 0.01,
        cause: 'overpayment',
      });
    } else {
      events.push({ externalId, type: 'complaint', occurredAt, category: 'slow_response', caseId });
    }
  }
  return events;
}
