/** Contract renewal, withdrawal in review or approval, material breach, list markers (decision record 047). English. */
export const contractsRenewalEn = {
  'errors.contracts.renewal_end': 'The new term must end after the current one. Choose a later end date.',
  'errors.contracts.withdraw_reason': 'Say why it is withdrawn (at least 3 characters).',
  'errors.contracts.amendment_approved':
    'It is approved and awaits its signature; it can no longer be withdrawn.',
  'contracts.term.termStartDate': 'start of the renewed term',

  'contracts.renewal.section': 'Renewal',
  'contracts.renewal.intro':
    'Renew the contract for a new term. The renewal is reviewed by legal (when required), approved and signed like an amendment; once signed the contract is renewed and in force until the new end date.',
  'contracts.renewal.currentEnd': 'The current term ends on {date}; a new term starts on {start}.',
  'contracts.renewal.endDate': 'New end date',
  'contracts.renewal.annualValue': 'Annual value of the new term, in {currency} (optional)',
  'contracts.renewal.annualValueHint': 'Leave empty to keep {value}. SLA targets are changed in the draft.',
  'contracts.renewal.annualValueInvalid': 'Enter the annual value as an amount of 0 or more.',
  'contracts.renewal.reason': 'Note (optional)',
  'contracts.renewal.start': 'Start a renewal',
  'contracts.renewal.underWay': 'Renewal version {version} is under way: {status}.',
  'contracts.renewal.open': 'Open the renewal',
  'contracts.renewal.title': 'Renewal (version {version}) of {reference}',
  'contracts.renewal.newTerm': 'New term: {from} – {to}',
  'contracts.renewal.ballot':
    'Renewal (version {version}) of a contract in force: a new term until {endDate}. Reason: {reason}',
  'contracts.renewal.withdrawn': 'The renewal is withdrawn; the version in force is unchanged.',
  'contracts.renewal.renewedNotice': 'Renewed: in force until {date}.',
  'contracts.renewal.toSign': 'Renewal to sign (version {version})',
  'contracts.renewal.withdraw': 'Withdraw the renewal',
  'contracts.signedCopies.kind.renewal': 'renewal',
  'contracts.history.kind.renewal': 'Renewal',

  'contracts.withdraw.reason': 'Why is it withdrawn?',
  'contracts.withdraw.reasonHint':
    'Required once it is in legal review or approval; the approvers and the history keep it.',
  'contracts.withdraw.reasonLabel': 'Withdrawn because',
  'contracts.withdraw.button': 'Withdraw',
  'contracts.ballot.withdrawn': 'Withdrawn; nothing is left to decide.',
  'contracts.ballot.withdrawnReason': 'Withdrawn: {reason}',

  'contracts.list.amendmentUnderWay': 'Amendment under way',
  'contracts.list.renewalUnderWay': 'Renewal under way',

  'contracts.execution.material': 'Material breach',
  'contracts.execution.consecutive': '{count, plural, one {missed # month} other {missed # months in a row}}',
  'contracts.execution.materialCount': '{count, plural, one {# material breach} other {# material breaches}}',
  'contracts.execution.materialHint':
    'A service level missed in as many consecutive months as the contract’s cure period is a material breach (service-standards clause).',
  'risk.evidence.materialBreaches': 'Material breaches (missed for the cure period in a row)',
} as const;
