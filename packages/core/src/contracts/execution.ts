import {
  contractExecutionRuns,
  contracts,
  contractVersions,
  type Database,
  kpiDefinitions,
} from '@outpost/db';
import { addMonths, todayInChina } from '@outpost/i18n';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { type Actor, systemActor } from '../actor.ts';
import { audit } from '../audit.ts';
import { AppError } from '../errors.ts';
import { assertCan } from '../permissions.ts';
import {
  formatPeriod,
  isProvisional,
  monthOf,
  type Period,
  parsePeriod,
  periodDays,
  quarterOf,
} from '../performance/periods.ts';
import { sumsByPartnerMonth } from '../performance/rollup-sums.ts';
import {
  MAX_CURE_MONTHS,
  compensationRule,
  cureMonthsOf,
  type ExecutionFigures,
  executionFigures,
  termOverlaps,
} from './execution-rules.ts';
import { inForceStatuses } from './in-force.ts';

/** Contracts in force are evaluated: active, expiring (in force until their end) and renewed. */
const evaluatedStatuses = inForceStatuses;

export interface ContractExecution extends ExecutionFigures {
  contractId: string;
  partnerId: string;
  reference: string;
  serviceCategory: string;
  version: number;
}

/** A month or quarter from its text (`2026-07`, `2026-Q3`); a year or a period not yet begun is refused. */
export function executionPeriod(text: string, now = new Date()): Period {
  let period: Period;
  try {
    period = parsePeriod(String(text ?? ''));
  } catch {
    throw new AppError('validation_failed', 'Write the period as 2026-Q3 or 2026-07.', {
      messageKey: 'contracts.execution.badPeriod',
      details: { field: 'period' },
    });
  }
  const fail = (message: string, messageKey: string) =>
    new AppError('validation_failed', message, { messageKey, details: { field: 'period' } });
  if (period.kind === 'year') {
    throw fail('Evaluate a month (2026-07) or a quarter (2026-Q3).', 'contracts.execution.badPeriod');
  }
  if (periodDays(period).from > todayInChina(now)) {
    throw fail('That period has not begun yet.', 'contracts.execution.notBegun');
  }
  return period;
}

/**
 * Every in-force contract's execution in a month or quarter, computed from the monthly KPI
 * rollups (never the raw events): two reads — the contracts with their current versions, and the
 * partners' sums per month — then the rules of execution-rules.ts. Stores nothing.
 */
export async function computeContractExecution(
  db: Database,
  period: Period,
  options: { partnerIds?: readonly string[] } = {},
): Promise<ContractExecution[]> {
  const days = periodDays(period);
  const where = [inArray(contracts.status, [...evaluatedStatuses])];
  if (options.partnerIds) {
    if (options.partnerIds.length === 0) return [];
    where.push(inArray(contracts.partnerId, [...options.partnerIds]));
  }
  const [rows, defs] = await Promise.all([
    db
      .select({
        contractId: contracts.id,
        partnerId: contracts.partnerId,
        reference: contracts.reference,
        serviceCategory: contracts.serviceCategory,
        version: contracts.currentVersion,
        terms: contractVersions.terms,
        values: contractVersions.values,
        slaTargets: contractVersions.slaTargets,
        clauseKinds: sql<
          string[]
        >`(select coalesce(array_agg(distinct c->>'kind'), '{}') from jsonb_array_elements(${contractVersions.clauses}) c)`,
      })
      .from(contracts)
      .innerJoin(
        contractVersions,
        and(
          eq(contractVersions.contractId, contracts.id),
          eq(contractVersions.version, contracts.currentVersion),
        ),
      )
      .where(and(...where)),
    db.select({ key: kpiDefinitions.key, computation: kpiDefinitions.computation }).from(kpiDefinitions),
  ]);
  const inForce = rows.filter((r) => termOverlaps(r.terms, period));
  const computations = new Map(defs.map((d) => [d.key, d.computation]));
  // The partners with a contract in force, as a subquery: one statement whatever their number.
  // The months before the period too, as far back as the longest cure period: a run of misses
  // may have begun before it (decision record 047).
  const lookback = Math.min(
    MAX_CURE_MONTHS,
    Math.max(
      0,
      ...inForce.map(
        (r) =>
          (cureMonthsOf(
            r.clauseKinds.map((kind) => ({ kind: kind as never })),
            r.values,
          ) ?? 1) - 1,
      ),
    ),
  );
  const sums = await sumsByPartnerMonth(
    db,
    { from: addMonths(days.from, -lookback), to: days.to },
    options.partnerIds
      ? [...new Set(inForce.map((r) => r.partnerId))]
      : sql`(select ${contracts.partnerId} from ${contracts} where ${inArray(contracts.status, [...inForceStatuses])})`,
  );
  return inForce.map((r) => {
    const byMonth = sums.get(r.partnerId);
    const kinds = r.clauseKinds.map((kind) => ({ kind: kind as never }));
    const figures = executionFigures({
      period,
      terms: r.terms,
      slaTargets: r.slaTargets,
      rule: compensationRule(kinds, r.values),
      cureMonths: cureMonthsOf(kinds, r.values),
      computations,
      sumsOfMonth: (month) => byMonth?.get(month),
    });
    return {
      contractId: r.contractId,
      partnerId: r.partnerId,
      reference: r.reference,
      serviceCategory: r.serviceCategory,
      version: r.version,
      ...figures,
    };
  });
}

export interface ExecutionRunResult {
  period: string;
  /** False when the schedule had already evaluated this period (nothing was done). */
  ran: boolean;
  runId: string | null;
  contracts: number;
  breaches: number;
}

const CHUNK = 2000;

/**
 * Evaluates and stores a month's or quarter's execution for every contract in force. Each
 * contract's row for the period is replaced (upsert), the run is recorded and audited once, all in
 * one transaction. A scheduled run claims the period first (one per period across workers and
 * reruns); staff may evaluate again whenever they like ("evaluate now").
 */
export async function evaluateContractExecution(
  db: Database,
  actor: Actor,
  raw: { period: string },
  options: { trigger?: 'schedule' | 'staff'; now?: Date } = {},
): Promise<ExecutionRunResult> {
  const trigger = options.trigger ?? 'staff';
  if (actor.type !== 'system') assertCan(actor, 'manage:contract');
  const now = options.now ?? new Date();
  const period = executionPeriod(raw.period, now);
  const label = formatPeriod(period);
  const days = periodDays(period);
  const results = await computeContractExecution(db, period);
  const provisional = isProvisional(period, now);
  return db.transaction(async (tx) => {
    const [run] = await tx
      .insert(contractExecutionRuns)
      .values({
        period: label,
        trigger,
        contracts: results.length,
        breaches: results.reduce((n, r) => n + r.missed, 0),
        requestedBy: actor.type === 'staff' ? actor.userId : null,
      })
      .onConflictDoNothing()
      .returning({ id: contractExecutionRuns.id });
    if (!run) return { period: label, ran: false, runId: null, contracts: 0, breaches: 0 };
    // Every row as one JSON parameter expanded by PostgreSQL: one short statement to plan
    // instead of twenty parameters per contract (decision record 038, the benchmark).
    for (let i = 0; i < results.length; i += CHUNK) {
      const rows = results.slice(i, i + CHUNK).map((r) => ({
        contract_id: r.contractId,
        partner_id: r.partnerId,
        version: r.version,
        sla_results: r.slaResults,
        committed: r.committed,
        measured: r.measured,
        missed: r.missed,
        material_breaches: r.materialBreaches,
        deviation: r.deviation,
        fee_cents: r.feeCents,
        credit_percent: r.creditPercent,
        credit_cents: r.creditCents,
        credit_capped: r.creditCapped,
      }));
      await tx.execute(sql`
        insert into contract_execution_results (contract_id, partner_id, version, period, period_kind,
          period_from, period_to, sla_results, committed, measured, missed, material_breaches, deviation, fee_cents,
          credit_percent, credit_cents, credit_capped, provisional, run_id, created_at)
        select x.contract_id, x.partner_id, x.version, ${label}, ${period.kind}, ${days.from}, ${days.to},
          x.sla_results, x.committed, x.measured, x.missed, x.material_breaches, x.deviation, x.fee_cents, x.credit_percent,
          x.credit_cents, x.credit_capped, ${provisional}, ${run.id}::uuid, ${now.toISOString()}::timestamptz
        from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as x(contract_id uuid, partner_id uuid,
          version int, sla_results jsonb, committed int, measured int, missed int, material_breaches int, deviation float8,
          fee_cents bigint, credit_percent float8, credit_cents bigint, credit_capped boolean)
        on conflict (contract_id, period) do update set ${sql.raw(
          UPDATED.map((c) => `${c} = excluded.${c}`).join(', '),
        )}`);
    }
    const breaches = results.reduce((n, r) => n + r.missed, 0);
    await audit(tx, actor, {
      action: 'contract.execution_evaluated',
      entityType: 'contract_execution_run',
      entityId: run.id,
      data: {
        period: label,
        trigger,
        contracts: results.length,
        breaches,
        contractsInBreach: results.filter((r) => r.missed > 0).length,
        materialBreaches: results.reduce((n, r) => n + r.materialBreaches, 0),
        provisional,
      },
    });
    return { period: label, ran: true, runId: run.id, contracts: results.length, breaches };
  });
}

/** What a re-run replaces of a contract's row for the period (its id stays). */
const UPDATED = [
  'partner_id',
  'version',
  'sla_results',
  'committed',
  'measured',
  'missed',
  'material_breaches',
  'deviation',
  'fee_cents',
  'credit_percent',
  'credit_cents',
  'credit_capped',
  'provisional',
  'run_id',
  'created_at',
];

/**
 * The schedule's run at `now`: the month just ended and, on a quarter's first month, the quarter
 * just ended (China time). Each period is claimed once, so the days after the 1st only catch up.
 */
export async function runScheduledContractExecution(db: Database, now = new Date()) {
  const thisMonth = monthOf(now);
  const lastMonth: Period =
    thisMonth.index === 1
      ? { kind: 'month', year: thisMonth.year - 1, index: 12 }
      : { kind: 'month', year: thisMonth.year, index: thisMonth.index - 1 };
  const periods = [lastMonth];
  if (thisMonth.index % 3 === 1)
    periods.push(quarterOf(new Date(Date.parse(`${periodDays(lastMonth).from}T12:00:00+08:00`))));
  const actor = systemActor('contract-execution');
  const runs: ExecutionRunResult[] = [];
  for (const p of periods) {
    runs.push(
      await evaluateContractExecution(db, actor, { period: formatPeriod(p) }, { trigger: 'schedule', now }),
    );
  }
  return runs;
}
