import {
  type Database,
  partners,
  peerDistributions,
  peerScoreRefreshes,
  peerScores,
  rowsOf,
} from '@outpost/db';
import { eq, inArray, sql } from 'drizzle-orm';
import { percentileAmong } from './kpi-values.ts';
import { formatPeriod, type Period, periodDays } from './periods.ts';
import { sumsByPartner } from './rollup-sums.ts';
import type { PeerDistribution } from './scorecard-read.ts';
import { type KpiRule, scorePartner } from './score-partner.ts';

/** Partners that are ranked and serve as peers: those working with the insurer or winding down. */
export const rankedStatuses = ['active', 'suspended', 'exiting'] as const;

/**
 * How old a period's peer distribution may be before a reader rebuilds it. A partner's own
 * values and score are always live; where it stands among its peers may lag by this much,
 * which spares every scorecard view from scoring every peer (1,000 partners × 12 months).
 */
export const PEER_SCORES_MAX_AGE_MS = 60_000;

const REFRESH_LOCK = 7240303;
const INSERT_CHUNK = 2_000;

export interface PeerStanding {
  category: string;
  /** Scored peers in the category, the partner itself excluded. */
  peerCount: number;
  /** Share of those peers it scores above (ties count half), 0–100; null without peers. */
  percentile: number | null;
}

export const isStale = (refreshedAt: Date | null, maxAgeMs = PEER_SCORES_MAX_AGE_MS, now = Date.now()) =>
  refreshedAt === null || now - refreshedAt.getTime() > maxAgeMs;

/** First index in an ascending array whose value is not below (`strict`: not at most) `value`. */
function bound(sorted: number[], value: number, strict: boolean): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (sorted[mid]! < value || (strict && sorted[mid] === value)) low = mid + 1;
    else high = mid;
  }
  return low;
}

/**
 * Where a live score stands in a stored distribution, per category: the partner's own stored
 * score is taken out first, so it is compared with its peers only (percentileAmong's rule).
 */
export function standingsIn(
  distribution: PeerDistribution,
  categories: readonly string[],
  score: number,
): PeerStanding[] {
  return categories.map((category) => {
    const { scores: all, includesSelf } = distribution.scores.get(category) ?? {
      scores: [],
      includesSelf: false,
    };
    const mine = distribution.storedScore;
    const self = includesSelf && mine !== null ? 1 : 0;
    const total = all.length - self;
    if (total === 0) return { category, peerCount: 0, percentile: null };
    let below = bound(all, score, false);
    let equal = bound(all, score, true) - below;
    if (self && mine! < score) below -= 1;
    if (self && mine === score) equal -= 1;
    return { category, peerCount: total, percentile: Math.round(((below + equal / 2) / total) * 100) };
  });
}

/**
 * Rebuilds a period's peer scores from the monthly rollups. One process rebuilds at a time
 * (advisory lock per period); while it does, others keep reading the stale distribution, or
 * wait for it when there is none yet. Returns whether the distribution may have changed.
 */
export async function refreshPeerScores(
  db: Database,
  period: Period,
  defs: KpiRule[],
  options: { maxAgeMs?: number; stale?: boolean } = {},
): Promise<boolean> {
  const label = formatPeriod(period);
  const maxAgeMs = options.maxAgeMs ?? 0;
  return db.transaction(async (tx) => {
    const [tried] = rowsOf<{ locked: boolean }>(
      await tx.execute(sql`select pg_try_advisory_xact_lock(${REFRESH_LOCK}, hashtext(${label})) as locked`),
    );
    if (!tried?.locked) {
      if (options.stale) return false;
      await tx.execute(sql`select pg_advisory_xact_lock(${REFRESH_LOCK}, hashtext(${label}))`);
    }
    // Another process may have rebuilt it while this one waited for the lock.
    const [last] = await tx
      .select({ refreshedAt: peerScoreRefreshes.refreshedAt })
      .from(peerScoreRefreshes)
      .where(eq(peerScoreRefreshes.period, label));
    if (last && Date.now() - last.refreshedAt.getTime() <= maxAgeMs) return true;

    const scored = await scoreRankedPartners(tx, period, defs);
    await tx.delete(peerScores).where(eq(peerScores.period, label));
    const rows = scored.flatMap((p) =>
      p.score === null
        ? []
        : [{ period: label, partnerId: p.id, serviceCategories: p.serviceCategories, score: p.score }],
    );
    for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
      await tx.insert(peerScores).values(rows.slice(i, i + INSERT_CHUNK));
    }
    await tx.delete(peerDistributions).where(eq(peerDistributions.period, label));
    const byCategory = new Map<(typeof rows)[number]['serviceCategories'][number], number[]>();
    for (const row of rows) {
      for (const category of row.serviceCategories) {
        const scores = byCategory.get(category) ?? [];
        scores.push(row.score);
        byCategory.set(category, scores);
      }
    }
    if (byCategory.size > 0) {
      await tx.insert(peerDistributions).values(
        [...byCategory].map(([category, scores]) => ({
          period: label,
          category,
          scores: scores.sort((a, b) => a - b),
        })),
      );
    }
    await tx
      .insert(peerScoreRefreshes)
      .values({ period: label, refreshedAt: new Date() })
      .onConflictDoUpdate({ target: peerScoreRefreshes.period, set: { refreshedAt: new Date() } });
    return true;
  });
}

/** Every ranked partner scored for a period, from one grouped read of the monthly rollups. */
export async function scoreRankedPartners(db: Database, period: Period, defs: KpiRule[]) {
  const [sums, ranked] = await Promise.all([
    sumsByPartner(db, periodDays(period)),
    db
      .select({ id: partners.id, serviceCategories: partners.serviceCategories })
      .from(partners)
      .where(inArray(partners.status, [...rankedStatuses])),
  ]);
  return ranked.map((p) => {
    const result = scorePartner(defs, p.serviceCategories, sums.get(p.id));
    return { ...p, result, score: result.score };
  });
}

/** Peer standings of every scored partner at once, as of now (quarterly review drafting). */
export function standingsAmong(
  scored: { id: string; serviceCategories: readonly string[]; score: number | null }[],
  partner: { id: string; serviceCategories: readonly string[]; score: number | null },
): PeerStanding[] {
  return partner.serviceCategories.map((category) => {
    const others = scored
      .filter((o) => o.id !== partner.id && o.serviceCategories.includes(category) && o.score !== null)
      .map((o) => o.score!);
    return {
      category,
      peerCount: others.length,
      percentile: partner.score === null ? null : percentileAmong(partner.score, others),
    };
  });
}

/** KPI definitions changed: every stored score is wrong, so the next reader rebuilds. */
export async function invalidatePeerScores(db: Database) {
  await db.delete(peerScoreRefreshes);
}
