import type { RiskRuleKind } from '../rule-params.ts';
import { blacklistHit } from './blacklist-hit.ts';
import { contractBreach } from './contract-breach.ts';
import { documentExpiry } from './document-expiry.ts';
import { kpiSuddenChange } from './kpi-sudden-change.ts';
import { kpiThreshold } from './kpi-threshold.ts';
import { trainingComplianceBelow } from './training-compliance.ts';
import type { Condition } from './types.ts';

export const conditions: Record<RiskRuleKind, Condition> = {
  kpi_threshold: kpiThreshold,
  kpi_sudden_change: kpiSuddenChange,
  document_expiry: documentExpiry,
  blacklist_hit: blacklistHit,
  training_compliance: trainingComplianceBelow,
  contract_breach: contractBreach,
};

/** The kinds whose data an ingestion batch changes: the only ones evaluated after a batch. */
export const eventDrivenKinds: readonly RiskRuleKind[] = ['kpi_threshold', 'kpi_sudden_change'];
export type { Condition, ConditionScope, Finding } from './types.ts';
