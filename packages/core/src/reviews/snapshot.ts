import type { Database, ReviewSnapshot } from '@outpost/db';
import { computeContractExecution } from '../contracts/execution.ts';
import { scoreRankedPartners, standingsAmong } from '../performance/peer-scores.ts';
import { formatPeriod, type Period, periodDays } from '../performance/periods.ts';
import { activeKpis } from '../performance/score-partner.ts';

/**
 * Scorecard snapshots of a quarter for many partners at once, with the same rules as
 * getScorecard (score, grade, percentile among scored peers of each category, peers never
 * named) but from one grouped rollup query, so drafting 1,000 partners is not 1,000² reads.
 */
export async function quarterSnapshots(db: Database, period: Period): Promise<Map<string, ReviewSnapshot>> {
  const days = periodDays(period);
  const [scored, executions] = await Promise.all([
    activeKpis(db).then((kpis) => scoreRankedPartners(db, period, kpis)),
    computeContractExecution(db, period),
  ]);
  const byPartner = Map.groupBy(executions, (e) => e.partnerId);
  const snapshots = new Map<string, ReviewSnapshot>();
  for (const p of scored) {
    snapshots.set(p.id, {
      period: { label: formatPeriod(period), from: days.from, to: days.to },
      score: p.score,
      grade: p.result.grade,
      kpis: p.result.kpis.map(({ statusText: _text, ...k }) => k),
      peers: standingsAmong(scored, p),
      contractExecution: executionSummary(byPartner.get(p.id) ?? []),
    });
  }
  return snapshots;
}

/** The lowest of the category percentiles: a review reads the partner's weakest standing. */
export function lowestPercentile(snapshot: ReviewSnapshot): number | null {
  const values = snapshot.peers.map((p) => p.percentile).filter((v): v is number => v !== null);
  return values.length ? Math.min(...values) : null;
}

/** The quarter's execution over a partner's contracts: misses over measured service levels. */
function executionSummary(
  list: Awaited<ReturnType<typeof computeContractExecution>>,
): NonNullable<ReviewSnapshot['contractExecution']> {
  const measured = list.reduce((n, e) => n + e.measured, 0);
  const missed = list.reduce((n, e) => n + e.missed, 0);
  return {
    deviation: measured > 0 ? missed / measured : null,
    measured,
    missed,
    creditCents: list.reduce((n, e) => n + e.creditCents, 0),
    contracts: list.map((e) => ({
      contractId: e.contractId,
      reference: e.reference,
      deviation: e.deviation,
      measured: e.measured,
      missed: e.missed,
      creditCents: e.creditCents,
    })),
  };
}
