import { kpiMonthlyRollups } from '@outpost/db';
import { and, eq, gt, inArray } from 'drizzle-orm';
import type { RuleParams } from '../rule-params.ts';
import { partnersInScope } from './partners-in-scope.ts';
import type { Condition } from './types.ts';

/**
 * The partner's training compliance this month (the daily training job's figure in the monthly
 * rollup, the same one the scorecard shows) is below `belowPercent`. No roster, no figure: nothing.
 */
export const trainingComplianceBelow: Condition = async (db, rule, scope) => {
  const params = rule.params as RuleParams<'training_compliance'>;
  const partners = await partnersInScope(db, rule, scope);
  if (partners.length === 0) return [];
  const month = `${scope.today.slice(0, 7)}-01`;
  const rows = await db
    .select({
      partnerId: kpiMonthlyRollups.partnerId,
      people: kpiMonthlyRollups.trainingPeople,
      met: kpiMonthlyRollups.trainingMet,
    })
    .from(kpiMonthlyRollups)
    .where(
      and(
        eq(kpiMonthlyRollups.month, month),
        gt(kpiMonthlyRollups.trainingPeople, 0),
        inArray(
          kpiMonthlyRollups.partnerId,
          partners.map((p) => p.id),
        ),
      ),
    );
  return rows.flatMap((r) => {
    const percent = Math.round((r.met / r.people) * 1000) / 10;
    if (percent >= params.belowPercent) return [];
    return [
      {
        partnerId: r.partnerId,
        conditionKey: 'training',
        evidence: {
          percent,
          people: r.people,
          meeting: r.met,
          threshold: params.belowPercent,
          href: `/s/training/partners/${r.partnerId}`,
        },
      },
    ];
  });
};
