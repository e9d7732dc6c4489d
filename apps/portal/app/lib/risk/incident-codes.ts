/**
 * The incident codes the pages render, repeated from the schema (route components may not import
 * runtime values from @outpost/db); apps/portal/test/risk-incident-codes.test.ts keeps them equal.
 */
export const riskIncidentStatusCodes = ['open', 'contained', 'closed'] as const;
export const riskTaskStatusCodes = ['open', 'submitted', 'verified'] as const;
export const riskPlanScenarioCodes = [
  'data_breach',
  'service_outage',
  'misconduct',
  'fraud',
  'complaint_surge',
  'other',
] as const;
