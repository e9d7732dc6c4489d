import {
  evaluateContractExecution,
  evaluateRiskRules,
  formatPeriod,
  kpiValue,
  monthOf,
  type Period,
  periodDays,
  quarterOf,
  systemActor,
  trailingQuarters,
} from '@outpost/core';
import { type Database, kpiMonthlyRollups, type SlaTarget } from '@outpost/db';
import { and, gte, inArray, lt } from 'drizzle-orm';
import type { SeedContext } from './context.ts';

type Computation = Parameters<typeof kpiValue>[0];
/** The KPIs a demo contract may commit to per month, and which way is better. */
const monthly: { kpiKey: string; computation: Computation; comparator: 'gte' | 'lte' }[] = [
  { kpiKey: 'processing_timeliness', computation: 'share_within_sla', comparator: 'gte' },
  { kpiKey: 'compliance_rate', computation: 'share_passed', comparator: 'gte' },
  { kpiKey: 'customer_satisfaction', computation: 'average_rating', comparator: 'gte' },
];

/**
 * The months the demo evaluates: from the start of the last ended quarter to the last ended month,
 * and that quarter — e.g. on 3 December: July to November, and Q3.
 */
export function demoExecutionPeriods(now: Date): { months: Period[]; quarter: Period } {
  const current = monthOf(now);
  const lastMonth = (current.index === 1
    ? { kind: 'month', year: current.year - 1, index: 12 }
    : { kind: 'month', year: current.year, index: current.index - 1 }) satisfies Period as Period;
  // The last quarter that has ended (the one before the current quarter).
  const quarter = trailingQuarters(quarterOf(now), 2)[0]!;
  const months: Period[] = [];
  for (let i = (quarter.index - 1) * 3 + 1; ; i++) {
    const m: Period = {
      kind: 'month',
      year: quarter.year + Math.floor((i - 1) / 12),
      index: ((i - 1) % 12) + 1,
    };
    months.push(m);
    if (m.year === lastMonth.year && m.index === lastMonth.index) break;
  }
  return { months, quarter };
}

/**
 * SLA targets for the demo contracts, read off each partner's own seeded figures so the story is
 * the one the issue asks for: every contract meets its service levels in every evaluated month but
 * one — a single missed monthly service level in the newest month (the risk alert's source). A
 * target sits just below the partner's worst month; the breaching one between its newest month and
 * its other months. Deterministic for the seeded events.
 */
export async function demoSlaTargets(
  db: Database,
  partnerIds: string[],
  now: Date,
): Promise<Map<string, SlaTarget[]>> {
  const { months } = demoExecutionPeriods(now);
  const range = { from: periodDays(months[0]!).from, to: periodDays(months.at(-1)!).to };
  const rows = await db
    .select()
    .from(kpiMonthlyRollups)
    .where(
      and(
        inArray(kpiMonthlyRollups.partnerId, partnerIds),
        gte(kpiMonthlyRollups.month, range.from),
        lt(kpiMonthlyRollups.month, range.to),
      ),
    );
  const newest = periodDays(months.at(-1)!).from;
  const monthValues = (partnerId: string, computation: Computation) =>
    rows
      .filter((r) => r.partnerId === partnerId)
      .map((r) => ({
        month: String(r.month),
        value: kpiValue(computation, {
          ...r,
          ratingsSum: Number(r.ratingsSum),
          handledAmount: Number(r.handledAmount),
          lossAmount: Number(r.lossAmount),
        }).value,
      }))
      .filter((v): v is { month: string; value: number } => v.value !== null);

  // The breach: the first partner and KPI whose newest month is strictly its lowest.
  let breach: { partnerId: string; sla: SlaTarget } | null = null;
  for (const partnerId of partnerIds) {
    for (const kpi of monthly) {
      if (breach) break;
      const values = monthValues(partnerId, kpi.computation);
      const last = values.find((v) => v.month === newest)?.value;
      const others = values.filter((v) => v.month !== newest).map((v) => v.value);
      if (last === undefined || others.length < months.length - 1) continue;
      const floor = Math.min(...others);
      if (!(last < floor)) continue;
      const whole = Math.ceil(last + 1e-9);
      const target = whole <= floor ? whole : Math.round(((last + floor) / 2) * 10_000) / 10_000;
      breach = { partnerId, sla: { kpiKey: kpi.kpiKey, comparator: 'gte', target, period: 'month' } };
    }
  }

  const targets = new Map<string, SlaTarget[]>();
  for (const partnerId of partnerIds) {
    const values = monthValues(partnerId, 'share_within_sla').map((v) => v.value);
    const floor = values.length ? Math.floor(Math.min(...values)) : 90;
    const own: SlaTarget[] = [
      { kpiKey: 'processing_timeliness', comparator: 'gte', target: floor, period: 'month' },
      // Complaints per 1,000 closed cases over the quarter: generous, met by every demo partner.
      { kpiKey: 'complaint_rate', comparator: 'lte', target: 20, period: 'quarter' },
    ];
    if (breach?.partnerId === partnerId) {
      const i = own.findIndex((s) => s.kpiKey === breach.sla.kpiKey);
      if (i >= 0) own[i] = breach.sla;
      else own.push(breach.sla);
    }
    targets.set(partnerId, own);
  }
  return targets;
}

/**
 * Execution results as the monthly and quarterly job leaves them: every month since the last
 * ended quarter began, and that quarter, evaluated (claimed as the schedule's runs, so the worker
 * does not run them again); then the risk rules, so the one breach shows as an alert.
 */
export async function seedContractExecution(context: SeedContext) {
  const { db, now } = context;
  const { months, quarter } = demoExecutionPeriods(now);
  const actor = systemActor('contract-execution');
  for (const period of [...months, quarter]) {
    await evaluateContractExecution(
      db,
      actor,
      { period: formatPeriod(period) },
      { trigger: 'schedule', now },
    );
  }
  await evaluateRiskRules(db, { kinds: ['contract_breach'], now });
}
