import { type Database, type KpiDefinition, kpiDefinitions } from '@outpost/db';
import { eq } from 'drizzle-orm';
import { formatPeriod, monthOf } from '../../performance/periods.ts';
import { type ConditionScope, memoised } from './types.ts';

/** The rule's KPI if it is still active and event-based; a rule on a removed KPI finds nothing. */
export async function activeKpi(
  db: Database,
  key: string,
  scope: ConditionScope,
): Promise<KpiDefinition | null> {
  const all = await memoised(scope, 'kpis', () =>
    db.select().from(kpiDefinitions).where(eq(kpiDefinitions.active, true)),
  );
  const kpi = all.find((k) => k.key === key);
  return kpi && kpi.computation !== 'external' ? kpi : null;
}

/** The staff scorecard's drill-down to the events behind the KPI, this month. */
export const drillDownHref = (partnerId: string, kpiKey: string, now: Date) =>
  `/s/scorecards/${partnerId}?period=${formatPeriod(monthOf(now))}&kpi=${kpiKey}#events`;
