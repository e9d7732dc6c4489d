import { contractExecutionResults as r, contracts } from '@outpost/db';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { inForceStatuses } from '../../contracts/in-force.ts';
import type { RuleParams } from '../rule-params.ts';
import { partnersInScope } from './partners-in-scope.ts';
import type { Condition } from './types.ts';

/**
 * A contract in force whose latest stored execution result (the newest period end; a month before
 * the quarter that ends with it, being the more recent signal) missed at least `minMisses` SLA
 * targets — or any SLA missed for the contract's whole cure period in a row, a material breach
 * (decision record 047), whatever `minMisses` says. The condition key is the contract, so a
 * contract missing month after month keeps one alert; a clean next period clears it.
 */
export const contractBreach: Condition = async (db, rule, scope) => {
  const params = rule.params as RuleParams<'contract_breach'>;
  const partners = await partnersInScope(db, rule, scope);
  if (partners.length === 0) return [];
  const rows = await db
    .selectDistinctOn([r.contractId], {
      contractId: r.contractId,
      partnerId: r.partnerId,
      reference: contracts.reference,
      period: r.period,
      missed: r.missed,
      materialBreaches: r.materialBreaches,
      measured: r.measured,
      deviation: r.deviation,
      creditCents: r.creditCents,
      slaResults: r.slaResults,
    })
    .from(r)
    .innerJoin(contracts, eq(contracts.id, r.contractId))
    .where(
      and(
        inArray(
          r.partnerId,
          partners.map((p) => p.id),
        ),
        inArray(contracts.status, [...inForceStatuses]),
      ),
    )
    .orderBy(r.contractId, sql`${r.periodTo} desc`, sql`${r.periodKind} asc`);
  return rows
    .filter((row) => row.missed >= params.minMisses || row.materialBreaches > 0)
    .map((row) => ({
      partnerId: row.partnerId,
      conditionKey: `contract:${row.contractId}`,
      evidence: {
        contractId: row.contractId,
        reference: row.reference,
        period: row.period,
        missed: row.missed,
        materialBreaches: row.materialBreaches,
        materialKpiKeys: [...new Set(row.slaResults.filter((s) => s.materialBreach).map((s) => s.kpiKey))],
        measured: row.measured,
        deviation: row.deviation,
        creditCents: row.creditCents,
        kpiKeys: [...new Set(row.slaResults.filter((s) => s.outcome === 'missed').map((s) => s.kpiKey))],
        threshold: params.minMisses,
        href: `/s/contracts/${row.contractId}#execution`,
      },
    }));
};
