import { type Database, kpiDailyRollups } from '@outpost/db';
import { addDays } from '@outpost/i18n';
import { and, gte, inArray, lte, sql } from 'drizzle-orm';
import { emptySums, type RollupSums } from '../../performance/kpi-values.ts';

const t = kpiDailyRollups;

/**
 * Rollup sums per partner and per 7-day bucket counted back from `to` (bucket 0 is the last 7
 * days), over `buckets` buckets. Reads the daily rollups only — never the events — so a rule
 * costs the same however much history a partner has (issue 12: no rescan per batch).
 */
export async function weeklySums(
  db: Database,
  partnerIds: string[],
  to: string,
  days: number,
  bucketDays = 7,
): Promise<Map<string, Map<number, RollupSums>>> {
  const result = new Map<string, Map<number, RollupSums>>();
  if (partnerIds.length === 0) return result;
  const bucket = sql<number>`((${to}::date - ${t.day}) / ${bucketDays}::int)::int`;
  const rows = await db
    .select({
      partnerId: t.partnerId,
      bucket,
      casesOpened: sql<number>`sum(${t.casesOpened})::int`,
      casesClosed: sql<number>`sum(${t.casesClosed})::int`,
      closedWithinSla: sql<number>`sum(${t.closedWithinSla})::int`,
      ratingsCount: sql<number>`sum(${t.ratingsCount})::int`,
      ratingsSum: sql<number>`sum(${t.ratingsSum})::bigint`,
      checksTotal: sql<number>`sum(${t.checksTotal})::int`,
      checksPassed: sql<number>`sum(${t.checksPassed})::int`,
      complaints: sql<number>`sum(${t.complaints})::int`,
      handledAmount: sql<string>`sum(${t.handledAmount})::text`,
      lossAmount: sql<string>`sum(${t.lossAmount})::text`,
    })
    .from(t)
    .where(and(inArray(t.partnerId, partnerIds), lte(t.day, to), gte(t.day, addDays(to, -(days - 1)))))
    // By position: the bucket expression carries parameters, which PostgreSQL would not match textually.
    .groupBy(t.partnerId, sql`2`);
  for (const { partnerId, bucket: b, ...raw } of rows) {
    const sums = emptySums();
    for (const [k, v] of Object.entries(raw)) (sums as unknown as Record<string, number>)[k] = Number(v);
    const byBucket = result.get(partnerId) ?? new Map<number, RollupSums>();
    byBucket.set(Number(b), sums);
    result.set(partnerId, byBucket);
  }
  return result;
}
