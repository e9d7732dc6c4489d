import { kpiValue } from '../../performance/kpi-values.ts';
import type { RuleParams } from '../rule-params.ts';
import { weeklySums } from './daily-sums.ts';
import { activeKpi, drillDownHref } from './kpi-definition.ts';
import { partnersInScope } from './partners-in-scope.ts';
import type { Condition } from './types.ts';

/** Fewer trailing weeks with data than this and there is no "own history" to compare with. */
const MIN_HISTORY_WEEKS = 4;

/**
 * The last 7 days' value is more than `sigma` standard deviations worse (in the KPI's direction)
 * than the mean of the partner's trailing weeks. Weeks with fewer than `minSample` observations
 * are left out of both sides. A perfectly flat history (deviation 0) raises nothing: any change
 * would be "infinitely" many deviations away.
 */
export const kpiSuddenChange: Condition = async (db, rule, scope) => {
  const params = rule.params as RuleParams<'kpi_sudden_change'>;
  const kpi = await activeKpi(db, params.kpiKey, scope);
  if (!kpi) return [];
  const partners = await partnersInScope(db, rule, scope);
  const sums = await weeklySums(
    db,
    partners.map((p) => p.id),
    scope.today,
    7 * (params.trailingWeeks + 1),
  );
  return partners.flatMap((p) => {
    const weeks = sums.get(p.id);
    if (!weeks) return [];
    const weekValue = (bucket: number) => {
      const s = weeks.get(bucket);
      if (!s) return null;
      const v = kpiValue(kpi.computation, s);
      return v.value !== null && v.sampleSize >= params.minSample ? v : null;
    };
    const current = weekValue(0);
    if (!current) return [];
    const history: number[] = [];
    for (let b = 1; b <= params.trailingWeeks; b++) {
      const v = weekValue(b);
      if (v) history.push(v.value!);
    }
    if (history.length < MIN_HISTORY_WEEKS) return [];
    const mean = history.reduce((a, b) => a + b, 0) / history.length;
    const sd = Math.sqrt(history.reduce((a, b) => a + (b - mean) ** 2, 0) / (history.length - 1));
    if (sd === 0) return [];
    const deviations = (current.value! - mean) / sd;
    const worse = kpi.direction === 'higher_better' ? -deviations : deviations;
    if (worse <= params.sigma) return [];
    return [
      {
        partnerId: p.id,
        conditionKey: `kpi:${kpi.key}`,
        evidence: {
          kpiKey: kpi.key,
          kpiNameZh: kpi.nameZh,
          kpiNameEn: kpi.nameEn,
          unit: kpi.unit,
          value: current.value,
          sampleSize: current.sampleSize,
          mean: Math.round(mean * 100) / 100,
          standardDeviation: Math.round(sd * 100) / 100,
          deviations: Math.round(worse * 10) / 10,
          weeks: history.length,
          href: drillDownHref(p.id, kpi.key, scope.now),
        },
      },
    ];
  });
};
