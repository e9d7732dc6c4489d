import { type Actor, listContractExecution, listKpis } from '@outpost/core';
import type { Database } from '@outpost/db';
import { formatDateTime, formatNumber, type Locale } from '@outpost/i18n';

/** A deviation (0–1) as a percentage for reading; "—" when nothing was measured. */
export const deviationText = (locale: Locale, deviation: number | null) =>
  deviation === null ? '—' : `${formatNumber(locale, deviation * 100, 1)} %`;
export const centsText = (locale: Locale, cents: number) => formatNumber(locale, cents / 100, 2);

/**
 * A contract's execution results worded for the reader (staff or the contract's partner; core
 * decides who may read and strips what is internal): one entry per period with its SLA lines.
 */
export async function executionView(db: Database, actor: Actor, locale: Locale, contractId: string) {
  const [results, kpis] = await Promise.all([
    listContractExecution(db, actor, contractId),
    listKpis(db, actor),
  ]);
  const kpi = new Map(kpis.map((k) => [k.key, k]));
  const unitOf = (key: string) => {
    const unit = kpi.get(key)?.unit;
    return unit === 'percent' ? ' %' : unit === 'per_thousand' ? ' ‰' : '';
  };
  return results.map((r) => ({
    period: r.period,
    periodKind: r.periodKind,
    committed: r.committed,
    measured: r.measured,
    missed: r.missed,
    materialBreaches: r.materialBreaches,
    deviation: deviationText(locale, r.deviation),
    overTarget: r.deviation !== null && r.deviation > 0.02,
    credit: centsText(locale, r.creditCents),
    creditCapped: r.creditCapped,
    creditPercent: formatNumber(locale, r.creditPercent, 2),
    fee: centsText(locale, r.feeCents),
    provisional: r.provisional,
    evaluatedAt: formatDateTime(locale, r.evaluatedAt),
    slas: r.slaResults.map((s) => {
      const def = kpi.get(s.kpiKey);
      return {
        kpi: def ? (locale === 'en' ? def.nameEn : def.nameZh) : s.kpiKey,
        period: s.period,
        comparator: s.comparator,
        target: `${formatNumber(locale, s.target, 2)}${unitOf(s.kpiKey)}`,
        actual: s.actual === null ? null : `${formatNumber(locale, s.actual, 2)}${unitOf(s.kpiKey)}`,
        sampleSize: s.sampleSize,
        outcome: s.outcome,
        consecutiveMisses: s.consecutiveMisses ?? null,
        materialBreach: s.materialBreach === true,
        credit: centsText(locale, s.creditCents),
      };
    }),
  }));
}
export type ExecutionView = Awaited<ReturnType<typeof executionView>>;
