/**
 * The four quantified targets the insurer measures every quarter (DOMAIN.md step 8; decision
 * record 046). Each figure is a share or a change, 0–1; `direction` says which side is good.
 */
export const targetKeys = ['compliance', 'contract_deviation', 'satisfaction', 'risk_response'] as const;
export type TargetKey = (typeof targetKeys)[number];

export const targets: Record<TargetKey, { target: number; direction: 'at_least' | 'at_most' }> = {
  /** Share of active partners meeting every requirement: ≥ 98 %. */
  compliance: { target: 0.98, direction: 'at_least' },
  /** Contract execution deviation: ≤ 2 %. */
  contract_deviation: { target: 0.02, direction: 'at_most' },
  /** Mean customer rating against the baseline period's: +10 % or more. */
  satisfaction: { target: 0.1, direction: 'at_least' },
  /** Risk warnings answered within 24 h: every one (100 %). */
  risk_response: { target: 1, direction: 'at_least' },
};

/** Whether a value meets its target; null when the figure is not yet measured. */
export function meetsTarget(key: TargetKey, value: number | null): boolean | null {
  if (value === null) return null;
  const t = targets[key];
  // Shares are compared on whole basis points, so 0.98 computed as 49/50 meets ≥ 98 %.
  const v = Math.round(value * 10_000);
  const goal = Math.round(t.target * 10_000);
  return t.direction === 'at_least' ? v >= goal : v <= goal;
}

/** Why a partner is not compliant, in the order the drill-down lists them. */
export const complianceReasons = [
  'documents',
  'training',
  'rectification',
  'critical_alert',
  'contract',
] as const;
export type ComplianceReason = (typeof complianceReasons)[number];
