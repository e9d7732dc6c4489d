/** Contract execution evaluation (issue 13, decision record 038). English. */
export const contractExecutionEn = {
  'contracts.execution.title': 'Execution against the contract',
  'contracts.execution.intro':
    'Each month and quarter, every SLA target is compared with the KPI actual of its period. A period without observations for a KPI is “not measured”, not a miss. Deviation = missed ÷ measured service levels (target: at most 2 %).',
  'contracts.execution.period': 'Period',
  'contracts.execution.evaluateNow': 'Evaluate now',
  'contracts.execution.evaluatePeriod': 'Evaluate a period (2026-Q3 or 2026-07)',
  'contracts.execution.none': 'Not evaluated yet',
  'contracts.execution.noneHint':
    'Results appear after the first month in force has ended (the evaluation runs on the 1st of each month).',
  'contracts.execution.deviation': 'Deviation',
  'contracts.execution.breaches': '{count, plural, one {# breach} other {# breaches}}',
  'contracts.execution.allMet': 'All met',
  'contracts.execution.notMeasured': 'Not measured',
  'contracts.execution.provisional': 'Provisional',
  'contracts.execution.levels': 'Service levels',
  'contracts.execution.levelsValue': '{missed} missed of {measured} measured ({committed} committed)',
  'contracts.execution.credit': 'Service credit',
  'contracts.execution.creditValue': '{credit} ({percent} % of the period’s fee {fee} per missed level)',
  'contracts.execution.capped': 'capped at the period’s fee or the liability cap',
  'contracts.execution.evaluatedAt': 'Evaluated',
  'contracts.execution.slaCaption': 'SLA targets in {period}',
  'contracts.execution.kpi': 'KPI',
  'contracts.execution.slaPeriod': 'Judged over',
  'contracts.execution.target': 'Target',
  'contracts.execution.actual': 'Actual',
  'contracts.execution.outcome': 'Outcome',
  'contracts.execution.slaCredit': 'Credit',
  'contracts.execution.atLeast': 'at least {target}',
  'contracts.execution.atMost': 'at most {target}',
  'contracts.execution.actualValue': '{value} ({sample} observations)',
  'contracts.execution.outcome.met': 'Met',
  'contracts.execution.outcome.missed': 'Missed',
  'contracts.execution.outcome.not_measured': 'Not measured',
  'contracts.execution.listTitle': 'Contract execution',
  'contracts.execution.listIntro':
    'Contracts in force by their deviation in a period, worst first: the share of measured service levels missed (target at most 2 %).',
  'contracts.execution.listLink': 'Execution results',
  'contracts.execution.back': '← Contracts',
  'contracts.execution.filters': 'Filter the execution results',
  'contracts.execution.latestPeriod': 'Latest evaluated',
  'contracts.execution.count':
    '{count, plural, =0 {No contracts} one {# contract} other {# contracts}} in {period}',
  'contracts.execution.listEmpty': 'No execution results yet',
  'contracts.execution.listEmptyHint':
    'The evaluation runs after each month and quarter ends; evaluate a period now to see its results.',
  'contracts.execution.evaluated':
    '{period} evaluated: {count, plural, one {# contract} other {# contracts}}.',
  'contracts.execution.badPeriod': 'Write the period as a month (2026-07) or a quarter (2026-Q3).',
  'contracts.execution.notBegun': 'That period has not begun yet.',
  'contracts.execution.review': 'Contract execution in the quarter',
  'contracts.execution.reviewValue':
    'Deviation {deviation}: {missed} of {measured} measured service levels missed; service credits {credit}',

  'risk.kind.contract_breach': 'Contract service level missed',
  'risk.rules.field.minMisses': 'Missed service levels (at least)',
  'risk.rules.summary.contract_breach':
    '{count, plural, one {A missed service level} other {# missed service levels}} in a contract’s latest period',
  'risk.evidence.contractPeriod': 'Period',
  'risk.evidence.missedLevels': '{missed} of {measured} measured service levels missed',
  'risk.evidence.openContractExecution': 'Open the contract’s execution',
} as const;
