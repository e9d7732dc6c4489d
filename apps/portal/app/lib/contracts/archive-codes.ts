/**
 * The codes the archive and register pages render (route components may not import runtime values
 * from @outpost/db); apps/portal/test/archive-codes.test.ts keeps them equal to the schema's.
 */
export const clauseKindCodes = [
  'responsibilities',
  'rights',
  'service_standards',
  'breach_liability',
  'compensation',
  'confidentiality',
  'information_security',
  'personal_data',
  'liability_limits',
  'audit_rights',
  'subcontracting',
  'locations',
  'business_continuity',
  'termination',
  'exit_data',
  'training_duties',
] as const;
export const personalDataKindCodes = [
  'identity',
  'contact',
  'financial',
  'health',
  'policy',
  'claims',
  'biometric',
] as const;
export const substitutabilityCodes = ['easy', 'difficult', 'impossible'] as const;
export const exitPossibilityCodes = ['in_house', 'other_provider', 'both', 'none'] as const;
export const expiryWindows = [30, 60, 90] as const;
