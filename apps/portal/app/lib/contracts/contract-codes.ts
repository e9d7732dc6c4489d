/**
 * The contract codes the pages render. Route components may not import runtime values from
 * @outpost/db (its driver would be bundled for the browser), so they are repeated here;
 * apps/portal/test/contract-codes.test.ts keeps them equal to the schema's.
 */
export const contractStatusCodes = [
  'draft',
  'legal_review',
  'approval',
  'signing',
  'active',
  'expiring',
  'renewed',
  'expired',
  'terminated',
] as const;
