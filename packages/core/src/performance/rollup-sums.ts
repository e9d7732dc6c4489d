import { type Database, kpiMonthlyRollups } from '@outpost/db';
import { and, eq, gte, inArray, lt, sql, type SQL } from 'drizzle-orm';
import type { RollupSums } from './kpi-values.ts';

// Every reporting period is whole months, so sums read the monthly rollups: at most 12 rows
// per partner for a year, instead of 365 daily ones.
const t = kpiMonthlyRollups;
const sums = {
  casesOpened: sql<number>`coalesce(sum(${t.casesOpened}), 0)::int`,
  casesClosed: sql<number>`coalesce(sum(${t.casesClosed}), 0)::int`,
  closedWithinSla: sql<number>`coalesce(sum(${t.closedWithinSla}), 0)::int`,
  ratingsCount: sql<number>`coalesce(sum(${t.ratingsCount}), 0)::int`,
  ratingsSum: sql<number>`coalesce(sum(${t.ratingsSum}), 0)::bigint`,
  checksTotal: sql<number>`coalesce(sum(${t.checksTotal}), 0)::int`,
  checksPassed: sql<number>`coalesce(sum(${t.checksPassed}), 0)::int`,
  complaints: sql<number>`coalesce(sum(${t.complaints}), 0)::int`,
  handledAmount: sql<string>`coalesce(sum(${t.handledAmount}), 0)::text`,
  lossAmount: sql<string>`coalesce(sum(${t.lossAmount}), 0)::text`,
  trainingPeople: sql<number>`coalesce(sum(${t.trainingPeople}), 0)::int`,
  trainingMet: sql<number>`coalesce(sum(${t.trainingMet}), 0)::int`,
};

type Raw = { [K in keyof typeof sums]: number | string };
export const toSums = (r: Raw): RollupSums =>
  Object.fromEntries(Object.keys(sums).map((k) => [k, Number(r[k as keyof Raw])])) as unknown as RollupSums;

/** A range of whole months [from, to), both the first day of a month, as periodDays gives. */
export interface MonthRange {
  from: string;
  to: string;
}

function months(range: MonthRange): SQL[] {
  if (!range.from.endsWith('-01') || !range.to.endsWith('-01')) {
    throw new Error(`rollup sums need whole months, got ${range.from}..${range.to}`);
  }
  return [gte(t.month, range.from), lt(t.month, range.to)];
}

/** Rollup sums per partner over the months [from, to); partners without rows are absent. */
export async function sumsByPartner(
  db: Database,
  range: MonthRange,
  partnerIds?: string[],
): Promise<Map<string, RollupSums>> {
  const where = months(range);
  if (partnerIds) {
    if (partnerIds.length === 0) return new Map();
    where.push(partnerIds.length === 1 ? eq(t.partnerId, partnerIds[0]!) : inArray(t.partnerId, partnerIds));
  }
  const rows = await db
    .select({ partnerId: t.partnerId, ...sums })
    .from(t)
    .where(and(...where))
    .groupBy(t.partnerId);
  return new Map(rows.map(({ partnerId, ...r }) => [partnerId, toSums(r)]));
}

/**
 * The same sums as one JSON object, for a read that gathers several results in one statement
 * (the scorecard). Over `kpi_monthly_rollups` rows, unaliased.
 */
export const sumsAsJson = sql`json_build_object(${sql.join(
  Object.entries(sums).map(([key, expression]) => sql`${sql.raw(`'${key}'`)}, ${expression}`),
  sql`, `,
)})`;

/**
 * Rollup sums per partner and month over the months [from, to): the figures a per-month
 * comparison needs (contract execution), in one grouped read. Keyed `partnerId` → `YYYY-MM-01`.
 */
export async function sumsByPartnerMonth(
  db: Database,
  range: MonthRange,
  /** Ids, or a subquery yielding them (one statement, not a list of a thousand parameters). */
  partners: string[] | SQL,
): Promise<Map<string, Map<string, RollupSums>>> {
  if (Array.isArray(partners) && partners.length === 0) return new Map();
  const rows = await db
    .select({ partnerId: t.partnerId, month: t.month, ...sums })
    .from(t)
    .where(and(...months(range), inArray(t.partnerId, partners)))
    .groupBy(t.partnerId, t.month);
  const out = new Map<string, Map<string, RollupSums>>();
  for (const { partnerId, month, ...r } of rows) {
    const byMonth = out.get(partnerId) ?? new Map<string, RollupSums>();
    out.set(partnerId, byMonth);
    byMonth.set(String(month), toSums(r));
  }
  return out;
}
