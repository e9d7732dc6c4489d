/** The contract and concentration risk rules: their kinds, parameter fields and evidence (decision record 041). English. */
export const riskRuleKindsEn = {
  'risk.kind.contract_lapsing': 'Contract lapsing',
  'risk.kind.concentration': 'Concentration on one partner',
  'risk.rules.field.includeNoContract': 'Also a partner with no contract in force',
  'risk.rules.hint.includeNoContract':
    'Raises an alert for each service category a partner serves without an active contract. Leave it off until every partner’s contract is in the register.',
  'risk.rules.field.abovePercent': 'Share above (%)',
  'risk.rules.field.minCategoryVolume': 'Minimum cases in the category',
  'risk.rules.summary.contract_lapsing':
    '{days, plural, =0 {Contract expired} other {Contract ending within # days}} without renewal{none, select, yes {, or no contract in force} other {}}',
  'risk.rules.summary.concentration':
    'One partner above {percent} % of a category’s cases opened over {days} days (at least {min} cases)',
  'risk.evidence.contract': 'Contract',
  'risk.evidence.contractEnd': 'End date',
  'risk.evidence.contractState': 'Situation',
  'risk.evidence.contractState.ending': 'Ends without a renewal signed',
  'risk.evidence.contractState.expired': 'Expired, no contract in force',
  'risk.evidence.contractState.none': 'No contract in force',
  'risk.evidence.category': 'Service category',
  'risk.evidence.share': 'Share of the category’s cases',
  'risk.evidence.shareThreshold': 'Share allowed',
  'risk.evidence.partnerVolume': 'Cases opened by the partner',
  'risk.evidence.categoryVolume': 'Cases opened in the category',
  'risk.evidence.partnerCount': 'Partners with cases',
  'risk.evidence.topPartners': 'Largest partners',
  'risk.evidence.topEntry': '{name}: {volume} cases ({percent} %)',
  'risk.evidence.openContract': 'Open the contract',
  'risk.evidence.openPartner': 'Open the partner',
  'risk.evidence.openRanking': 'Open the category’s scorecards',
  'risk.evidence.contractLine': 'Contract {reference} ends {date}',
  'risk.evidence.noContractLine': 'No contract in force for {category}',
  'risk.evidence.shareLine': '{percent} % of {category} cases ({volume} of {total})',
} as const;
