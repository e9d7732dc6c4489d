import { addDays } from '@outpost/i18n';
import { kpiStatus, kpiValue } from '../../performance/kpi-values.ts';
import type { RuleParams } from '../rule-params.ts';
import { weeklySums } from './daily-sums.ts';
import { activeKpi, drillDownHref } from './kpi-definition.ts';
import { partnersInScope } from './partners-in-scope.ts';
import type { Condition } from './types.ts';

/**
 * The KPI over the last `windowDays` days (today included) is worse than its warning threshold
 * (breach "warning": warning or critical) or its critical threshold, with at least `minSample`
 * observations — a single bad case on a quiet day is not a trend.
 */
export const kpiThreshold: Condition = async (db, rule, scope) => {
  const params = rule.params as RuleParams<'kpi_threshold'>;
  const kpi = await activeKpi(db, params.kpiKey, scope);
  if (!kpi) return [];
  const partners = await partnersInScope(db, rule, scope);
  const sums = await weeklySums(
    db,
    partners.map((p) => p.id),
    scope.today,
    params.windowDays,
    params.windowDays,
  );
  const from = addDays(scope.today, -(params.windowDays - 1));
  return partners.flatMap((p) => {
    const window = sums.get(p.id)?.get(0);
    if (!window) return [];
    const { value, sampleSize } = kpiValue(kpi.computation, window);
    if (value === null || sampleSize < params.minSample) return [];
    const status = kpiStatus(kpi, value);
    const breached =
      params.breach === 'critical' ? status === 'critical' : status === 'warning' || status === 'critical';
    if (!breached) return [];
    return [
      {
        partnerId: p.id,
        conditionKey: `kpi:${kpi.key}`,
        evidence: {
          kpiKey: kpi.key,
          kpiNameZh: kpi.nameZh,
          kpiNameEn: kpi.nameEn,
          unit: kpi.unit,
          value,
          status,
          sampleSize,
          threshold: params.breach === 'critical' ? kpi.criticalThreshold : kpi.warningThreshold,
          target: kpi.target,
          from,
          to: scope.today,
          href: drillDownHref(p.id, kpi.key, scope.now),
        },
      },
    ];
  });
};
