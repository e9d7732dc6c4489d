import { type Database, kpiDefinitions, serviceEvents, type serviceEventTypes } from '@outpost/db';
import { and, asc, count, eq, gte, inArray, lt, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { z } from 'zod';
import type { Actor } from '../actor.ts';
import { notFound } from '../errors.ts';
import { parse } from '../validation.ts';
import { formatPeriod, periodDays, periodSchema, ROLLUP_TIME_ZONE } from './periods.ts';
import { readablePartner } from './scorecard.ts';
import { pageNumber, pageSize } from '../fields.ts';

type EventType = (typeof serviceEventTypes)[number];

/** The event types each computation reads: the facts behind a KPI's number. */
const sourceTypes: Record<string, EventType[]> = {
  average_rating: ['customer_rating'],
  share_within_sla: ['case_closed'],
  share_passed: ['compliance_check'],
  loss_ratio: ['loss', 'case_closed'],
  rate_per_cases: ['complaint', 'case_closed'],
  external: [],
};

export const eventsBehindInput = z.object({
  partnerId: z.string().max(100),
  kpiKey: z.string().max(60),
  period: periodSchema,
  page: pageNumber().default(1),
  pageSize: pageSize(200).default(50),
});

/**
 * Whether a closed case missed its SLA, as the timeliness KPI counts it: closed after
 * `slaDueAt` (rollup-sql.ts counts `occurred_at <= slaDueAt` as within SLA). Null when the
 * event has no SLA (every type but `case_closed`); `minutesLate` is how late, rounded up.
 */
export function slaOutcome(event: { type: string; occurredAt: Date | string; payload: unknown }): {
  late: boolean | null;
  minutesLate: number | null;
} {
  const due = (event.payload as { slaDueAt?: unknown } | null)?.slaDueAt;
  if (event.type !== 'case_closed' || typeof due !== 'string') return { late: null, minutesLate: null };
  const overBy = new Date(event.occurredAt).getTime() - Date.parse(due);
  if (!Number.isFinite(overBy)) return { late: null, minutesLate: null };
  return overBy > 0
    ? { late: true, minutesLate: Math.ceil(overBy / 60_000) }
    : { late: false, minutesLate: null };
}

/**
 * The raw events behind one KPI of one partner in a period, oldest first, paginated.
 * Voided events are listed with the correction that voided them (they no longer count);
 * closed cases say whether they missed their SLA (`late`, `minutesLate`).
 */
export async function eventsBehind(db: Database, actor: Actor, raw: z.input<typeof eventsBehindInput>) {
  const input = parse(eventsBehindInput, raw);
  const partner = await readablePartner(db, actor, input.partnerId);
  const [kpi] = await db.select().from(kpiDefinitions).where(eq(kpiDefinitions.key, input.kpiKey));
  if (!kpi) throw notFound('KPI');
  const types = sourceTypes[kpi.computation] ?? [];
  const days = periodDays(input.period);
  const page = {
    period: formatPeriod(input.period),
    kpiKey: kpi.key,
    page: input.page,
    pageSize: input.pageSize,
  };
  if (types.length === 0) return { ...page, items: [], total: 0 };

  // Period boundaries are midnights in China Standard Time, as for the rollups.
  const at = (day: string) => sql`(${day}::date::timestamp at time zone ${sql.raw(`'${ROLLUP_TIME_ZONE}'`)})`;
  const where = and(
    eq(serviceEvents.partnerId, partner.id),
    inArray(serviceEvents.type, types),
    gte(serviceEvents.occurredAt, at(days.from)),
    lt(serviceEvents.occurredAt, at(days.to)),
  );
  const correction = alias(serviceEvents, 'correction');
  const [items, [total]] = await Promise.all([
    db
      .select({
        id: serviceEvents.id,
        externalId: serviceEvents.externalId,
        type: serviceEvents.type,
        occurredAt: serviceEvents.occurredAt,
        payload: serviceEvents.payload,
        receivedAt: serviceEvents.receivedAt,
        voidedBy: correction.externalId,
      })
      .from(serviceEvents)
      .leftJoin(
        correction,
        and(
          eq(correction.partnerId, serviceEvents.partnerId),
          eq(correction.corrects, serviceEvents.externalId),
        ),
      )
      .where(where)
      .orderBy(asc(serviceEvents.occurredAt), asc(serviceEvents.id))
      .limit(input.pageSize)
      .offset((input.page - 1) * input.pageSize),
    db.select({ n: count() }).from(serviceEvents).where(where),
  ]);
  return { ...page, items: items.map((e) => ({ ...e, ...slaOutcome(e) })), total: total?.n ?? 0 };
}
