/**
 * The risk codes the pages render. Route components may not import runtime values from
 * @outpost/db (its driver would be bundled for the browser), so they are repeated here;
 * apps/portal/test/risk-codes.test.ts keeps them equal to the schema's.
 */
export const riskLevelCodes = ['notice', 'warning', 'critical'] as const;
export const riskAlertStatusCodes = ['open', 'acknowledged', 'resolved', 'dismissed'] as const;
export const serviceCategoryCodes = [
  'agency',
  'sales_channel',
  'claims',
  'loss_adjusting',
  'underwriting',
  'customer_service',
  'it',
] as const;
