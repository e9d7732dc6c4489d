import { type Database, rowsOf } from '@outpost/db';
import { sql } from 'drizzle-orm';
import { quarterSpan } from './quarters.ts';

export interface RatingSums {
  ratingsSum: number;
  ratingsCount: number;
}

/** The mean rating of sums, or null without ratings. */
export const meanRating = (s: RatingSums | undefined) =>
  s && s.ratingsCount > 0 ? s.ratingsSum / s.ratingsCount : null;

/**
 * The change of a mean rating against the baseline's, as a share (+0.1 is +10 %); null — not yet
 * measured — without a baseline, without ratings in either period, or with a baseline mean of zero.
 */
export function satisfactionChange(current: number | null, baseline: number | null): number | null {
  if (current === null || baseline === null || baseline === 0) return null;
  return (current - baseline) / baseline;
}

/**
 * The customer-satisfaction KPI's sums (ratings_sum / ratings_count of the monthly rollups, the
 * scorecard's `average_rating`) per quarter for the partners given (null: every partner), and per
 * partner and quarter: one statement over at most 3 × quarters months per partner.
 */
export async function ratingSums(db: Database, quarters: string[], partnerIds: string[] | null) {
  const months = quarters.flatMap((q) => quarterSpan(q).months.map((m) => ({ q, m })));
  if (months.length === 0)
    return { byQuarter: new Map<string, RatingSums>(), byPartner: new Map<string, RatingSums>() };
  const partnerFilter =
    partnerIds === null ? sql`` : sql`and r.partner_id = any(${`{${partnerIds.join(',')}}`}::uuid[])`;
  const rows = rowsOf<{ quarter: string; partnerId: string; ratingsSum: number; ratingsCount: number }>(
    await db.execute(sql`
      with m(quarter, month) as (values ${sql.join(
        months.map(({ q, m }) => sql`(${q}, ${m}::date)`),
        sql`, `,
      )})
      select m.quarter, r.partner_id as "partnerId", sum(r.ratings_sum)::float as "ratingsSum",
        sum(r.ratings_count)::float as "ratingsCount"
      from m join kpi_monthly_rollups r on r.month = m.month ${partnerFilter}
      group by m.quarter, r.partner_id`),
  );
  const byQuarter = new Map<string, RatingSums>();
  const byPartner = new Map<string, RatingSums>();
  for (const r of rows) {
    const q = byQuarter.get(r.quarter) ?? { ratingsSum: 0, ratingsCount: 0 };
    q.ratingsSum += Number(r.ratingsSum);
    q.ratingsCount += Number(r.ratingsCount);
    byQuarter.set(r.quarter, q);
    byPartner.set(`${r.quarter}|${r.partnerId}`, {
      ratingsSum: Number(r.ratingsSum),
      ratingsCount: Number(r.ratingsCount),
    });
  }
  return { byQuarter, byPartner };
}
