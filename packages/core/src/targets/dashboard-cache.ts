import { type Database, rowsOf, targetDashboardCache, targetDashboardCacheRows } from '@outpost/db';
import { eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Actor } from '../actor.ts';
import { pageNumber, pageSize } from '../fields.ts';
import { assertCan } from '../permissions.ts';
import { recentQuarters } from '../risk/response-figures.ts';
import { parse } from '../validation.ts';
import { type TargetPartnerRow, targetDashboard, targetDashboardInput } from './dashboard.ts';

/** How long computed figures are served before they are computed again. */
export const TARGET_DASHBOARD_MAX_AGE_MS = 60_000;

type Dashboard = Awaited<ReturnType<typeof targetDashboard>>;

export const cachedTargetDashboardInput = targetDashboardInput.extend({
  page: pageNumber().default(1),
  pageSize: pageSize(200).default(50),
  /** How many of the partners not compliant the drill-down lists. */
  drillDown: pageSize(200).default(20),
});

export type CachedTargetDashboard = Omit<Dashboard, 'partners' | 'nonCompliant'> & {
  /** This page of the partner table, in the chosen order. */
  partners: TargetPartnerRow[];
  partnerTotal: number;
  page: number;
  /** The first partners not compliant, most reasons first. */
  nonCompliant: TargetPartnerRow[];
  nonCompliantTotal: number;
  computedAt: string;
};

/**
 * The target dashboard as staff open it (decision record 056): the figures of a quarter, filter
 * and sort are computed at most once a minute for all web processes and kept in
 * `target_dashboard_cache`; a view within that minute reads back the figures and only its page of
 * the partner table, cut out by PostgreSQL (a thousand partners' rows never cross to the web
 * process for a page of fifty). The permission is checked before anything is read. Changing the
 * satisfaction baseline clears the cache at once (baseline.ts); other changes (a document
 * accepted, an alert answered) show within the minute, and the page says when the figures were
 * computed. A quarter the dashboard does not offer is refused by `targetDashboard` as before.
 */
export async function cachedTargetDashboard(
  db: Database,
  actor: Actor,
  raw: z.input<typeof cachedTargetDashboardInput> = {},
  { now = new Date(), maxAgeMs = TARGET_DASHBOARD_MAX_AGE_MS }: { now?: Date; maxAgeMs?: number } = {},
): Promise<CachedTargetDashboard> {
  assertCan(actor, 'read:scorecard:any');
  const { page: wanted, pageSize: size, drillDown, ...input } = parse(cachedTargetDashboardInput, raw);
  const quarter = input.quarter || recentQuarters(now)[0]!;
  const key = [quarter, input.serviceCategory ?? '', input.region ?? '', input.sort, input.dir].join('|');
  // One statement, one snapshot: the head and its rows from the same computation.
  const found = rowsOf<{
    head: Omit<Dashboard, 'partners' | 'nonCompliant'>;
    partnerTotal: number;
    nonCompliantTotal: number;
    partners: TargetPartnerRow[];
    nonCompliant: TargetPartnerRow[];
    computedAt: string;
  }>(
    await db.execute(sql`
      with hit as (
        select key, figures, partner_total, non_compliant_total, computed_at,
          -- The page asked for, or the last one when the list has become shorter.
          (greatest(least(${wanted}::int, ceil(partner_total::float / ${size}::int)::int), 1) - 1) * ${size}::int as skip
        from target_dashboard_cache
        where key = ${key}
          and computed_at > ${new Date(now.getTime() - maxAgeMs).toISOString()}::timestamptz
          -- Figures computed "in the future" (a test's or a skewed clock) are not trusted either.
          and computed_at <= ${now.toISOString()}::timestamptz
      )
      select figures as head, partner_total as "partnerTotal", non_compliant_total as "nonCompliantTotal",
        coalesce((select jsonb_agg(r.row order by r.position) from target_dashboard_cache_rows r
                  where r.key = hit.key and r.list = 'partners' and r.position > skip and r.position <= skip + ${size}::int),
                 '[]'::jsonb) as partners,
        coalesce((select jsonb_agg(r.row order by r.position) from target_dashboard_cache_rows r
                  where r.key = hit.key and r.list = 'non_compliant' and r.position <= ${drillDown}::int),
                 '[]'::jsonb) as "nonCompliant",
        computed_at as "computedAt"
      from hit`),
  );
  const pages = (total: number) => Math.max(1, Math.ceil(total / size));
  const hit = found[0];
  if (hit) {
    return {
      ...hit.head,
      partners: hit.partners,
      partnerTotal: hit.partnerTotal,
      page: Math.min(wanted, pages(hit.partnerTotal)),
      nonCompliant: hit.nonCompliant,
      nonCompliantTotal: hit.nonCompliantTotal,
      computedAt: new Date(hit.computedAt).toISOString(),
    };
  }
  // Sorted as asked by targetDashboard itself; each sort is its own entry.
  const figures = await targetDashboard(db, actor, input, now);
  await store(db, key, figures, now);
  const page = Math.min(wanted, pages(figures.partners.length));
  return {
    ...figures,
    partners: figures.partners.slice((page - 1) * size, page * size),
    partnerTotal: figures.partners.length,
    page,
    nonCompliant: figures.nonCompliant.slice(0, drillDown),
    nonCompliantTotal: figures.nonCompliant.length,
    computedAt: now.toISOString(),
  };
}

/**
 * Replaces one entry whole, in one transaction. Two processes computing the same entry at once take
 * turns on a lock of the key (else the second's rows would collide with the first's on the primary
 * key); the later wins, both being correct.
 */
async function store(db: Database, key: string, figures: Dashboard, now: Date) {
  const { partners, nonCompliant, ...head } = figures;
  const rows = [
    ...partners.map((row, i) => ({ key, list: 'partners' as const, position: i + 1, row })),
    ...nonCompliant.map((row, i) => ({ key, list: 'non_compliant' as const, position: i + 1, row })),
  ].map((r) => ({ ...r, row: r.row as unknown as Record<string, unknown> }));
  await db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`target_dashboard_cache:${key}`}))`);
    await tx.delete(targetDashboardCache).where(eq(targetDashboardCache.key, key));
    await tx.insert(targetDashboardCache).values({
      key,
      figures: head as unknown as Record<string, unknown>,
      partnerTotal: partners.length,
      nonCompliantTotal: nonCompliant.length,
      computedAt: now,
    });
    for (let i = 0; i < rows.length; i += 1000) {
      await tx.insert(targetDashboardCacheRows).values(rows.slice(i, i + 1000));
    }
  });
}
