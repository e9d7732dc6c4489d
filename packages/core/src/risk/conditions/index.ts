import type { RiskRuleKind } from '../rule-params.ts';
import { blacklistHit } from './blacklist-hit.ts';
import { concentration } from './concentration.ts';
import { contractLapsing } from './contract-lapsing.ts';
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
  contract_lapsing: contractLapsing,
  concentration,
};

/** The kinds whose data an ingestion batch changes: the only ones evaluated after a batch. */
export const eventDrivenKinds: readonly RiskRuleKind[] = [
  'kpi_threshold',
  'kpi_sudden_change',
  'concentration',
];
/** The kinds the daily contract job's changes (expiring, expired) affect: evaluated right after it. */
export const contractDrivenKinds: readonly RiskRuleKind[] = ['contract_lapsing'];
export type { Condition, ConditionScope, Finding } from './types.ts';
