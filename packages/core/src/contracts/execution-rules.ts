import type { ContractClauseText, ContractTerms, SlaOutcome, SlaResult, SlaTarget } from '@outpost/db';
import { kpiValue, type RollupSums } from '../performance/kpi-values.ts';
import { type Period, formatPeriod, periodDays } from '../performance/periods.ts';

/**
 * The pure rules of contract execution (decision record 038), apart from any database read so a
 * test can hand-compute them:
 * - a month SLA is judged on each month of the period the contract was in force, a quarter SLA on
 *   the quarter; a quarter's result therefore restates its months;
 * - an SLA with no observation for its KPI in its period is **not measured**: neither met nor
 *   missed, and outside the deviation's denominator;
 * - deviation = missed / measured (null when nothing was measured) — the seed's target is ≤ 2 %;
 * - a month SLA missed in `sla_cure_months` consecutive months (the service-standards clause: "missing
 *   them for N consecutive months is a material breach") is a **material breach** (decision record
 *   047); a month not missed (met, or not measured) or outside the term ends the run;
 * - a miss costs `service_credit_percent` (the compensation clause's variable) of the SLA period's
 *   share of the annual value; the period's total is capped at its own fee and at the liability
 *   cap (`liability_cap`) when the contract has one.
 */

/** What the compensation clause yields, read from the contract version's clauses and values. */
export interface CompensationRule {
  /** Percent of the SLA period's fee credited per missed SLA; 0 without a compensation clause. */
  creditPercent: number;
  /** An absolute cap in cents from the liability-limits clause, if any. */
  liabilityCapCents: number | null;
}

export function compensationRule(
  clauses: readonly Pick<ContractClauseText, 'kind'>[],
  values: Record<string, string | number>,
): CompensationRule {
  const has = (kind: string) => clauses.some((c) => c.kind === kind);
  const percent = values.service_credit_percent;
  const cap = values.liability_cap;
  return {
    creditPercent:
      has('compensation') && typeof percent === 'number' && percent > 0 ? Math.min(percent, 100) : 0,
    liabilityCapCents: has('liability_limits') && typeof cap === 'number' && cap >= 0 ? cap : null,
  };
}

/** The longest cure period the evaluation looks back over (months before the period evaluated). */
export const MAX_CURE_MONTHS = 12;

/**
 * The cure period of a contract version, in months: `sla_cure_months` of its service-standards
 * clause; null (no material-breach rule) without that clause or value. At least 1 (a single miss
 * is a material breach), at most MAX_CURE_MONTHS.
 */
export function cureMonthsOf(
  clauses: readonly Pick<ContractClauseText, 'kind'>[],
  values: Record<string, string | number>,
): number | null {
  const cure = values.sla_cure_months;
  if (!clauses.some((c) => c.kind === 'service_standards')) return null;
  if (typeof cure !== 'number' || !Number.isFinite(cure)) return null;
  return Math.min(Math.max(Math.round(cure), 1), MAX_CURE_MONTHS);
}

/** The month `back` months before `month`. */
export function monthBefore(month: Period, back: number): Period {
  const zero = month.year * 12 + (month.index - 1) - back;
  return { kind: 'month', year: Math.floor(zero / 12), index: (zero % 12) + 1 };
}

/** The months of a month or quarter, as `YYYY-MM-01`. */
export function monthsOf(period: Period): Period[] {
  if (period.kind === 'month') return [period];
  const first = (period.index - 1) * 3 + 1;
  return [0, 1, 2].map((i) => ({ kind: 'month' as const, year: period.year, index: first + i }));
}

/** Whether the contract's term (rolling on when it renews automatically) overlaps the period. */
export function termOverlaps(terms: Pick<ContractTerms, 'startDate' | 'endDate' | 'autoRenew'>, p: Period) {
  const { from, to } = periodDays(p);
  return terms.startDate < to && (terms.autoRenew || terms.endDate >= from);
}

export interface ExecutionFigures {
  slaResults: SlaResult[];
  committed: number;
  measured: number;
  missed: number;
  /** Month SLA lines missed for the cure period in a row (decision record 047). */
  materialBreaches: number;
  deviation: number | null;
  feeCents: number;
  creditPercent: number;
  creditCents: number;
  creditCapped: boolean;
}

type Computation = Parameters<typeof kpiValue>[0];

/**
 * One contract's figures for a month or quarter. `sumsOfMonth` gives the partner's rollup sums of
 * a month (`YYYY-MM-01`), undefined when the partner had no row that month.
 */
export function executionFigures(input: {
  period: Period;
  terms: ContractTerms;
  slaTargets: readonly SlaTarget[];
  rule: CompensationRule;
  /** The cure period in months (cureMonthsOf); null or absent: no material-breach rule. */
  cureMonths?: number | null;
  computations: ReadonlyMap<string, Computation>;
  /** Also asked for the months before the period, up to the cure period (the run of misses). */
  sumsOfMonth: (month: string) => RollupSums | undefined;
}): ExecutionFigures {
  const { period, terms, rule, computations } = input;
  const annual = Math.max(0, terms.annualValueCents);
  const feeOf = (kind: 'month' | 'quarter') => annual / (kind === 'month' ? 12 : 4);
  const inForce = monthsOf(period).filter((m) => termOverlaps(terms, m));
  const slaResults: SlaResult[] = [];

  const cure = input.cureMonths ?? null;
  const measure = (sla: SlaTarget, months: Period[]) => {
    const computation = computations.get(sla.kpiKey);
    const sums = months.map((m) => input.sumsOfMonth(periodDays(m).from)).filter((s) => s !== undefined);
    const measured = computation && sums.length > 0 ? kpiValue(computation, addSums(sums)) : null;
    const actual = measured && measured.sampleSize > 0 ? measured.value : null;
    let outcome: SlaOutcome = 'not_measured';
    if (actual !== null) {
      const met = sla.comparator === 'gte' ? actual >= sla.target : actual <= sla.target;
      outcome = met ? 'met' : 'missed';
    }
    return { measured, actual, outcome };
  };
  /** How many months in a row, up to `month`, a missed month SLA has been missed (at most the cure period). */
  const runOfMisses = (sla: SlaTarget, month: Period) => {
    let run = 1;
    while (cure !== null && run < cure) {
      const earlier = monthBefore(month, run);
      if (!termOverlaps(terms, earlier) || measure(sla, [earlier]).outcome !== 'missed') break;
      run += 1;
    }
    return run;
  };

  const judge = (sla: SlaTarget, label: string, months: Period[]) => {
    const { measured, actual, outcome } = measure(sla, months);
    const creditCents = outcome === 'missed' ? Math.round((feeOf(sla.period) * rule.creditPercent) / 100) : 0;
    const breach =
      outcome === 'missed' && sla.period === 'month' && cure !== null
        ? (() => {
            const run = runOfMisses(sla, months[0]!);
            return { consecutiveMisses: run, materialBreach: run >= cure };
          })()
        : {};
    slaResults.push({
      kpiKey: sla.kpiKey,
      period: label,
      comparator: sla.comparator,
      target: sla.target,
      actual,
      sampleSize: measured?.sampleSize ?? 0,
      outcome,
      creditCents,
      ...breach,
    });
  };

  for (const sla of input.slaTargets) {
    if (sla.period === 'month') {
      for (const m of inForce) judge(sla, formatPeriod(m), [m]);
    } else if (period.kind === 'quarter' && inForce.length > 0) {
      judge(sla, formatPeriod(period), inForce);
    }
  }

  const measured = slaResults.filter((r) => r.outcome !== 'not_measured').length;
  const missed = slaResults.filter((r) => r.outcome === 'missed').length;
  const feeCents = Math.round(feeOf(period.kind === 'month' ? 'month' : 'quarter'));
  const uncapped = slaResults.reduce((sum, r) => sum + r.creditCents, 0);
  const cap = Math.min(feeCents, rule.liabilityCapCents ?? Number.POSITIVE_INFINITY);
  return {
    slaResults,
    committed: slaResults.length,
    measured,
    missed,
    materialBreaches: slaResults.filter((r) => r.materialBreach).length,
    deviation: measured > 0 ? missed / measured : null,
    feeCents,
    creditPercent: rule.creditPercent,
    creditCents: Math.min(uncapped, cap),
    creditCapped: uncapped > cap,
  };
}

function addSums(list: RollupSums[]): RollupSums {
  if (list.length === 1) return list[0]!;
  const total = { ...list[0]! };
  for (const s of list.slice(1)) {
    for (const key of Object.keys(total) as (keyof RollupSums)[]) total[key] += s[key];
  }
  return total;
}
