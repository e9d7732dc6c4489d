import { type Database, partners, type ReviewSnapshot } from '@outpost/db';
import { inArray } from 'drizzle-orm';
import { percentileAmong } from '../performance/kpi-values.ts';
import { formatPeriod, type Period, periodDays } from '../performance/periods.ts';
import { sumsByPartner } from '../performance/rollup-sums.ts';
import { rankedStatuses } from '../performance/scorecard.ts';
import { activeKpis, scorePartner } from '../performance/score-partner.ts';

/**
 * Scorecard snapshots of a quarter for many partners at once, with the same rules as
 * getScorecard (score, grade, percentile among scored peers of each category, peers never
 * named) but from one grouped rollup query, so drafting 1,000 partners is not 1,000² reads.
 */
export async function quarterSnapshots(db: Database, period: Period): Promise<Map<string, ReviewSnapshot>> {
  const days = periodDays(period);
  const [defs, sums, ranked] = await Promise.all([
    activeKpis(db),
    sumsByPartner(db, days),
    db
      .select({ id: partners.id, serviceCategories: partners.serviceCategories })
      .from(partners)
      .where(inArray(partners.status, [...rankedStatuses])),
  ]);
  const scored = ranked.map((p) => ({
    ...p,
    result: scorePartner(defs, p.serviceCategories, sums.get(p.id)),
  }));
  const snapshots = new Map<string, ReviewSnapshot>();
  for (const p of scored) {
    const score = p.result.score;
    const peers = p.serviceCategories.map((category) => {
      const others = scored
        .filter((o) => o.id !== p.id && o.serviceCategories.includes(category) && o.result.score !== null)
        .map((o) => o.result.score!);
      return {
        category,
        peerCount: others.length,
        percentile: score === null ? null : percentileAmong(score, others),
      };
    });
    snapshots.set(p.id, {
      period: { label: formatPeriod(period), from: days.from, to: days.to },
      score,
      grade: p.result.grade,
      kpis: p.result.kpis.map(({ statusText: _text, ...k }) => k),
      peers,
    });
  }
  return snapshots;
}

/** The lowest of the category percentiles: a review reads the partner's weakest standing. */
export function lowestPercentile(snapshot: ReviewSnapshot): number | null {
  const values = snapshot.peers.map((p) => p.percentile).filter((v): v is number => v !== null);
  return values.length ? Math.min(...values) : null;
}
