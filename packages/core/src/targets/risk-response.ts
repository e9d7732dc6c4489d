import { type Database, rowsOf } from '@outpost/db';
import { sql } from 'drizzle-orm';
import { judgedAlerts } from '../risk/response-figures.ts';

export interface PartnerResponse {
  due: number;
  within24h: number;
  share24h: number | null;
  medianMinutes: number | null;
}

/**
 * Per partner, the alerts raised in the range that were due and those answered within 24 h, with
 * the median time: the same counting as `alertResponseFigures` (the shared `judgedAlerts`), for
 * the dashboard's partner table.
 */
export async function responseByPartner(
  db: Database,
  range: { from: string; to: string },
  partnerIds: string[] | null,
  now = new Date(),
): Promise<Map<string, PartnerResponse>> {
  const rows = rowsOf<{ partner_id: string; due: number; within_24h: number; median_minutes: number | null }>(
    await db.execute(sql`
      with ${judgedAlerts(range, now, partnerIds ?? undefined)}
      select partner_id, count(*) filter (where due)::int as due,
        count(*) filter (where responded_at <= raised_at + interval '24 hours')::int as within_24h,
        percentile_cont(0.5) within group (order by extract(epoch from responded_at - raised_at) / 60)
          filter (where responded_at is not null) as median_minutes
      from j group by partner_id`),
  );
  return new Map(
    rows.map((r) => {
      const due = Number(r.due);
      const within24h = Number(r.within_24h);
      return [
        r.partner_id,
        {
          due,
          within24h,
          share24h: due > 0 ? within24h / due : null,
          medianMinutes: r.median_minutes === null ? null : Math.round(Number(r.median_minutes) * 10) / 10,
        },
      ];
    }),
  );
}
