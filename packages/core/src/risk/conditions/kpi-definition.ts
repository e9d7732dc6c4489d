import { type Database, type KpiDefinition, kpiDefinitions } from '@outpost/db';
import { and, eq } from 'drizzle-orm';
import { formatPeriod, monthOf } from '../../performance/periods.ts';

/** The rule's KPI if it is still active and event-based; a rule on a removed KPI finds nothing. */
export async function activeKpi(db: Database, key: string): Promise<KpiDefinition | null> {
  const [kpi] = await db
    .select()
    .from(kpiDefinitions)
    .where(and(eq(kpiDefinitions.key, key), eq(kpiDefinitions.active, true)));
  return kpi && kpi.computation !== 'external' ? kpi : null;
}

/** The staff scorecard's drill-down to the events behind the KPI, this month. */
export const drillDownHref = (partnerId: string, kpiKey: string, now: Date) =>
  `/s/scorecards/${partnerId}?period=${formatPeriod(monthOf(now))}&kpi=${kpiKey}#events`;
