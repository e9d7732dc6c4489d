import { type Database, targetDashboardCache } from '@outpost/db';
import { and, eq, gt, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Actor } from '../actor.ts';
import { assertCan } from '../permissions.ts';
import { recentQuarters } from '../risk/response-figures.ts';
import { parse } from '../validation.ts';
import { sortRows, targetDashboard, targetDashboardInput } from './dashboard.ts';

/** How long computed figures are served before they are computed again. */
export const TARGET_DASHBOARD_MAX_AGE_MS = 60_000;

type Dashboard = Awaited<ReturnType<typeof targetDashboard>>;

/**
 * The target dashboard as staff open it (decision record 056): the figures of a quarter and
 * filter are computed at most once a minute for all web processes and kept in
 * `target_dashboard_cache`; every view within that minute reads them back and only sorts the
 * partner table its own way. The permission is checked before anything is read. Changing the
 * satisfaction baseline clears the cache at once (baseline.ts); other changes (a document
 * accepted, an alert answered) show within the minute, and the page says when the figures were
 * computed. A quarter the dashboard does not offer is refused by `targetDashboard` as before.
 */
export async function cachedTargetDashboard(
  db: Database,
  actor: Actor,
  raw: z.input<typeof targetDashboardInput> = {},
  { now = new Date(), maxAgeMs = TARGET_DASHBOARD_MAX_AGE_MS }: { now?: Date; maxAgeMs?: number } = {},
): Promise<Dashboard & { computedAt: string }> {
  assertCan(actor, 'read:scorecard:any');
  const input = parse(targetDashboardInput, raw);
  const quarter = input.quarter || recentQuarters(now)[0]!;
  const key = [quarter, input.serviceCategory ?? '', input.region ?? ''].join('|');
  const [hit] = await db
    .select()
    .from(targetDashboardCache)
    .where(
      and(
        eq(targetDashboardCache.key, key),
        gt(targetDashboardCache.computedAt, new Date(now.getTime() - maxAgeMs)),
        // Figures computed "in the future" (a test's or a skewed clock) are not trusted either.
        sql`${targetDashboardCache.computedAt} <= ${now.toISOString()}::timestamptz`,
      ),
    );
  let figures: Dashboard;
  let computedAt = now;
  if (hit) {
    figures = hit.figures as unknown as Dashboard;
    computedAt = hit.computedAt;
  } else {
    figures = await targetDashboard(db, actor, { ...input, sort: 'compliance', dir: 'asc' }, now);
    await db
      .insert(targetDashboardCache)
      .values({ key, figures: figures as unknown as Record<string, unknown>, computedAt: now })
      .onConflictDoUpdate({
        target: targetDashboardCache.key,
        set: { figures: figures as unknown as Record<string, unknown>, computedAt: now },
      });
  }
  const partners = [...figures.partners];
  sortRows(partners, input.sort, input.dir);
  return { ...figures, sort: input.sort, dir: input.dir, partners, computedAt: computedAt.toISOString() };
}

/** Drops every cached figure: the next view computes afresh (a setting behind a figure changed). */
export async function clearTargetDashboardCache(db: Database): Promise<void> {
  await db.delete(targetDashboardCache);
}
