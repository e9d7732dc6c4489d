import { translate } from '@outpost/i18n';
import type { KpiDefinition } from '@outpost/db';

/** Sums of the daily rollup columns over a period: everything any KPI needs. */
export interface RollupSums {
  casesOpened: number;
  casesClosed: number;
  closedWithinSla: number;
  ratingsCount: number;
  ratingsSum: number;
  checksTotal: number;
  checksPassed: number;
  complaints: number;
  handledAmount: number;
  lossAmount: number;
  /** Training compliance snapshots (monthly rollups only; see the training job). */
  trainingPeople: number;
  trainingMet: number;
}

export const emptySums = (): RollupSums => ({
  casesOpened: 0,
  casesClosed: 0,
  closedWithinSla: 0,
  ratingsCount: 0,
  ratingsSum: 0,
  checksTotal: 0,
  checksPassed: 0,
  complaints: 0,
  handledAmount: 0,
  lossAmount: 0,
  trainingPeople: 0,
  trainingMet: 0,
});

/**
 * A KPI's status against its definition (decision 024): `met` at or better than the target,
 * `below_target` worse than the target but no worse than the warning threshold, `warning`
 * worse than the warning threshold, `critical` worse than the critical threshold.
 */
export const kpiStatuses = ['met', 'below_target', 'warning', 'critical', 'no_data'] as const;
export type KpiStatus = (typeof kpiStatuses)[number];
const statusTexts = Object.fromEntries(
  kpiStatuses.map((s) => [s, translate('en', `kpi_status.${s}`)]),
) as Record<KpiStatus, string>;

/** The status in words (English for API clients; the portal translates `kpi_status.<status>`). */
export const statusText = (status: KpiStatus) => statusTexts[status];

type Computation = KpiDefinition['computation'];

/** A KPI's value and the number of observations behind it; null when there is nothing to measure. */
export function kpiValue(
  computation: Computation,
  s: RollupSums,
): { value: number | null; sampleSize: number } {
  const ratio = (numerator: number, denominator: number, scale: number) => ({
    value: denominator > 0 ? round((numerator / denominator) * scale) : null,
    sampleSize: denominator,
  });
  switch (computation) {
    case 'average_rating':
      return ratio(s.ratingsSum, s.ratingsCount, 1);
    case 'share_within_sla':
      return ratio(s.closedWithinSla, s.casesClosed, 100);
    case 'share_passed':
      return ratio(s.checksPassed, s.checksTotal, 100);
    case 'loss_ratio':
      return ratio(s.lossAmount, s.handledAmount, 100);
    case 'rate_per_cases':
      return ratio(s.complaints, s.casesClosed, 1000);
    case 'external':
      // The one external KPI is training compliance, fed from the training records (training/kpi-feed.ts).
      return ratio(s.trainingMet, s.trainingPeople, 100);
  }
}

type Thresholds = Pick<KpiDefinition, 'direction' | 'target' | 'warningThreshold' | 'criticalThreshold'>;

/**
 * Met at or better than the target (in the KPI's direction); below target while no worse than
 * the warning threshold; warning once worse than it; critical once worse than the critical one.
 */
export function kpiStatus(def: Thresholds, value: number | null): KpiStatus {
  if (value === null) return 'no_data';
  const worse = (a: number, b: number) => (def.direction === 'higher_better' ? a < b : a > b);
  if (worse(value, def.criticalThreshold)) return 'critical';
  if (worse(value, def.warningThreshold)) return 'warning';
  if (worse(value, def.target)) return 'below_target';
  return 'met';
}

const severity: Record<KpiStatus, number> = { no_data: 0, met: 1, below_target: 2, warning: 3, critical: 4 };

/** The worst status among a partner's KPIs (no data only when no KPI has data). */
export function worstKpiStatus(statuses: readonly KpiStatus[]): KpiStatus {
  return statuses.reduce<KpiStatus>((worst, s) => (severity[s] > severity[worst] ? s : worst), 'no_data');
}

/**
 * 0–100 points for one KPI: 100 at or beyond the target, 60 (the pass mark) at the critical
 * threshold, linear in between and beyond, clamped. Direction-agnostic because it is
 * measured along the line from critical to target.
 */
export function kpiScore(def: Thresholds, value: number | null): number | null {
  if (value === null) return null;
  const progress = (value - def.criticalThreshold) / (def.target - def.criticalThreshold);
  return Math.min(100, Math.max(0, 60 + 40 * progress));
}

/** Weighted mean of the KPIs that have data; KPIs without data do not drag the score down. */
export function overallScore(items: { weight: number; score: number | null }[]): number | null {
  let weights = 0;
  let total = 0;
  for (const { weight, score } of items) {
    if (score === null || weight <= 0) continue;
    weights += weight;
    total += weight * score;
  }
  return weights > 0 ? Math.round((total / weights) * 10) / 10 : null;
}

export const grades = ['A', 'B', 'C', 'D', 'E'] as const;
export type Grade = (typeof grades)[number];

export function gradeOf(score: number | null): Grade | null {
  if (score === null) return null;
  if (score >= 90) return 'A';
  if (score >= 80) return 'B';
  if (score >= 70) return 'C';
  if (score >= 60) return 'D';
  return 'E';
}

/** Share of peers scoring below (ties count half), 0–100: "better than N% of peers". */
export function percentileAmong(score: number, peers: number[]): number | null {
  if (peers.length === 0) return null;
  const below = peers.filter((p) => p < score).length;
  const equal = peers.filter((p) => p === score).length;
  return Math.round(((below + equal / 2) / peers.length) * 100);
}

const round = (n: number) => Math.round(n * 10_000) / 10_000;
