import {
  authenticateApiKey,
  createApiKey,
  ingestEvents,
  MAX_EVENTS_PER_BATCH,
  type ServiceEventInput,
  seededRandom,
} from '@outpost/core';
import { addDays, addMonths } from '@outpost/i18n';
import type { Joined } from './admissions.ts';
import type { SeedContext } from './context.ts';
import type { ActivePartner, Performance } from './partners.ts';

const HOUR = 3_600_000;
const SLA_HOURS = 72;

/** The first day of the quarter two years before the current one: eight full quarters and this one. */
export function eventsStart(today: string): string {
  const [year, month] = today.split('-').map(Number) as [number, number];
  const quarterStart = `${year}-${String(month - ((month - 1) % 3)).padStart(2, '0')}-01`;
  return addMonths(quarterStart, -24);
}

const between = ([from, to]: [number, number], progress: number) => from + (to - from) * progress;
const midnightInChina = (day: string) => new Date(`${day}T00:00:00+08:00`).getTime();

/**
 * Two years of one partner's service events, as its case system would send them: each case is
 * opened, closed (within its 72-hour SLA or not), and may draw a rating, a compliance check, a
 * loss or a complaint. Deterministic for a seed and a date range; nothing after `until`.
 */
export function demoEvents(
  prefix: string,
  seed: number,
  performance: Performance,
  from: string,
  until: string,
): ServiceEventInput[] {
  const random = seededRandom(seed);
  const events: ServiceEventInput[] = [];
  const start = midnightInChina(from);
  const end = midnightInChina(until);
  const span = end - start;
  let n = 0;
  for (let day = from; day < until; day = addDays(day, 1)) {
    const dayStart = midnightInChina(day);
    // Whole cases per day around the partner's mean (weekdays busier than weekends).
    const weekday = new Date(dayStart + 8 * HOUR).getUTCDay();
    const mean = performance.casesPerDay * (weekday === 0 || weekday === 6 ? 0.4 : 1.24);
    const cases = Math.floor(mean + random());
    for (let c = 0; c < cases; c++) {
      const id = `${prefix}-${String(++n).padStart(6, '0')}`;
      const caseId = `${prefix.toUpperCase()}-${day.slice(0, 4)}-${String(n).padStart(6, '0')}`;
      const opened = dayStart + (8 + random() * 11) * HOUR; // 08:00–19:00 Beijing time
      const progress = (opened - start) / span;
      const due = opened + SLA_HOURS * HOUR;
      events.push({
        externalId: `${id}-o`,
        type: 'case_opened',
        occurredAt: new Date(opened).toISOString(),
        caseId,
        slaDueAt: new Date(due).toISOString(),
      });
      const onTime = random() < between(performance.onTime, progress);
      const closed = onTime
        ? opened + (4 + random() * (SLA_HOURS - 6)) * HOUR
        : due + (2 + random() * 70) * HOUR;
      if (closed >= end) continue; // still open
      const amount = Math.round((2_000 + random() * 18_000) * 100) / 100;
      const at = (hours: number) => new Date(Math.min(closed + hours * HOUR, end - HOUR)).toISOString();
      events.push({
        externalId: `${id}-c`,
        type: 'case_closed',
        occurredAt: new Date(closed).toISOString(),
        caseId,
        slaDueAt: new Date(due).toISOString(),
        amount,
      });
      if (random() < 0.6) {
        const average = between(performance.rating, progress);
        const base = Math.floor(average);
        let rating = base + (random() < average - base ? 1 : 0);
        if (random() < 0.04) rating -= 2; // the odd unhappy customer
        events.push({
          externalId: `${id}-r`,
          type: 'customer_rating',
          occurredAt: at(2),
          rating: Math.max(1, Math.min(5, rating)),
          caseId,
        });
      }
      if (random() < 0.4) {
        events.push({
          externalId: `${id}-k`,
          type: 'compliance_check',
          occurredAt: at(24),
          passed: random() < between(performance.compliance, progress),
          checkType: random() < 0.5 ? 'call_recording_review' : 'file_audit',
          caseId,
        });
      }
      if (random() < performance.lossChance) {
        events.push({
          externalId: `${id}-l`,
          type: 'loss',
          occurredAt: at(48),
          amount: Math.round(amount * (0.1 + random() * 0.4) * 100) / 100,
          cause: random() < 0.5 ? 'overpayment' : 'documentation_error',
          caseId,
        });
      }
      if (random() < performance.complaintChance) {
        events.push({
          externalId: `${id}-p`,
          type: 'complaint',
          occurredAt: at(30),
          category: random() < 0.5 ? 'slow_response' : 'service_attitude',
          caseId,
        });
      }
    }
  }
  return events;
}

/**
 * Each active partner's system sends its events as a real integration does: its administrator
 * creates an API key with the "events" scope, and the batches go through ingestEvents with that
 * key's identity — the service behind POST /api/v1/events, rollups and audit included.
 */
export async function seedEvents(
  context: SeedContext,
  partners: { partner: ActivePartner; joined: Joined }[],
): Promise<number> {
  const { db } = context;
  const from = eventsStart(context.today);
  const until = context.today; // up to yesterday midnight: live traffic comes after
  let total = 0;
  for (const [index, { partner, joined }] of partners.entries()) {
    const { key } = await createApiKey(db, joined.admin, { name: '核心业务系统', scopes: ['events'] });
    const actor = await authenticateApiKey(db, key);
    if (!actor) throw new Error('seed: the new API key did not authenticate');
    const events = demoEvents(partner.key, 1000 + index, partner.performance, from, until);
    for (let i = 0; i < events.length; i += MAX_EVENTS_PER_BATCH) {
      const batch = events.slice(i, i + MAX_EVENTS_PER_BATCH);
      const { accepted } = await ingestEvents(db, actor, { events: batch }, context.now.getTime());
      total += accepted;
    }
  }
  return total;
}
