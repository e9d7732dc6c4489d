import { contractExecutionResults, type Database } from '@outpost/db';
import { and, eq, inArray, sql } from 'drizzle-orm';

/**
 * The contract execution deviation of a quarter (≤ 2 % target), portfolio-wide or for some
 * partners: the committed service levels missed over those measured, summed over every contract's
 * quarter result from the execution evaluation (decision record 038) — the same share each
 * contract's own deviation is. Null while no contract has a measured service level in the quarter
 * (not evaluated yet, or nothing measured): never a made-up number (decision record 046).
 */
export async function contractDeviationFigure(
  db: Database,
  quarter: string,
  partnerIds?: string[],
): Promise<{ value: number; contracts: number } | null> {
  if (partnerIds?.length === 0) return null;
  const r = contractExecutionResults;
  const [row] = await db
    .select({
      missed: sql<number>`coalesce(sum(${r.missed}), 0)::int`,
      measured: sql<number>`coalesce(sum(${r.measured}), 0)::int`,
      contracts: sql<number>`count(*) filter (where ${r.measured} > 0)::int`,
    })
    .from(r)
    .where(
      and(
        eq(r.periodKind, 'quarter'),
        eq(r.period, quarter),
        partnerIds ? inArray(r.partnerId, partnerIds) : undefined,
      ),
    );
  if (!row || row.measured === 0) return null;
  return { value: row.missed / row.measured, contracts: row.contracts };
}
