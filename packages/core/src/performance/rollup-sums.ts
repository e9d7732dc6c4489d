import { type Database, kpiDailyRollups } from '@outpost/db';
import { and, gte, inArray, lt, sql, type SQL } from 'drizzle-orm';
import type { RollupSums } from './kpi-values.ts';

const sums = {
  casesOpened: sql<number>`coalesce(sum(${kpiDailyRollups.casesOpened}), 0)::int`,
  casesClosed: sql<number>`coalesce(sum(${kpiDailyRollups.casesClosed}), 0)::int`,
  closedWithinSla: sql<number>`coalesce(sum(${kpiDailyRollups.closedWithinSla}), 0)::int`,
  ratingsCount: sql<number>`coalesce(sum(${kpiDailyRollups.ratingsCount}), 0)::int`,
  ratingsSum: sql<number>`coalesce(sum(${kpiDailyRollups.ratingsSum}), 0)::bigint`,
  checksTotal: sql<number>`coalesce(sum(${kpiDailyRollups.checksTotal}), 0)::int`,
  checksPassed: sql<number>`coalesce(sum(${kpiDailyRollups.checksPassed}), 0)::int`,
  complaints: sql<number>`coalesce(sum(${kpiDailyRollups.complaints}), 0)::int`,
  handledAmount: sql<string>`coalesce(sum(${kpiDailyRollups.handledAmount}), 0)::text`,
  lossAmount: sql<string>`coalesce(sum(${kpiDailyRollups.lossAmount}), 0)::text`,
};

type Raw = { [K in keyof typeof sums]: number | string };
const toSums = (r: Raw): RollupSums =>
  Object.fromEntries(Object.keys(sums).map((k) => [k, Number(r[k as keyof Raw])])) as unknown as RollupSums;

/** Rollup sums per partner over the days [from, to); partners without rows are absent. */
export async function sumsByPartner(
  db: Database,
  range: { from: string; to: string },
  partnerIds?: string[],
): Promise<Map<string, RollupSums>> {
  const where: SQL[] = [gte(kpiDailyRollups.day, range.from), lt(kpiDailyRollups.day, range.to)];
  if (partnerIds) {
    if (partnerIds.length === 0) return new Map();
    where.push(inArray(kpiDailyRollups.partnerId, partnerIds));
  }
  const rows = await db
    .select({ partnerId: kpiDailyRollups.partnerId, ...sums })
    .from(kpiDailyRollups)
    .where(and(...where))
    .groupBy(kpiDailyRollups.partnerId);
  return new Map(rows.map(({ partnerId, ...r }) => [partnerId, toSums(r)]));
}

/** One partner's sums per calendar quarter (keyed `2026-Q3`) over [from, to). */
export async function sumsByQuarter(
  db: Database,
  partnerId: string,
  range: { from: string; to: string },
): Promise<Map<string, RollupSums>> {
  const quarter = sql<string>`to_char(${kpiDailyRollups.day}, 'YYYY-"Q"Q')`;
  const rows = await db
    .select({ quarter, ...sums })
    .from(kpiDailyRollups)
    .where(
      and(
        sql`${kpiDailyRollups.partnerId} = ${partnerId}`,
        gte(kpiDailyRollups.day, range.from),
        lt(kpiDailyRollups.day, range.to),
      ),
    )
    .groupBy(quarter);
  return new Map(rows.map(({ quarter: q, ...r }) => [q, toSums(r)]));
}
