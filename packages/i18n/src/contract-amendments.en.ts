/** Contract amendments, clause editing, signed copies and contract work in the queue (decision record 040). English. */
export const contractAmendmentsEn = {
  'errors.contracts.version_locked':
    'The version in force is locked. Start an amendment to change it; the amendment is reviewed, approved and signed on its own.',
  'errors.contracts.amendment_open':
    'An amendment of this contract is already under way; finish or withdraw it before starting another.',
  'errors.contracts.not_in_force':
    'Only a signed contract in force can be amended; change the draft instead.',
  'errors.contracts.no_amendment_draft': 'There is no amendment or renewal under way to withdraw.',

  'contracts.versionStatus.draft': 'Draft',
  'contracts.versionStatus.legal_review': 'In legal review',
  'contracts.versionStatus.approval': 'In approval',
  'contracts.versionStatus.signing': 'Awaiting signature',
  'contracts.versionStatus.signed': 'Signed',
  'contracts.versionStatus.superseded': 'Superseded',
  'contracts.versionStatus.returned': 'Returned',
  'contracts.versionStatus.withdrawn': 'Withdrawn',

  'contracts.amendment.title': 'Amendment (version {version}) of {reference}',
  'contracts.amendment.section': 'Amendment',
  'contracts.amendment.intro':
    'The version in force is locked. A change is an amendment: a new version with its own legal review (by the same rule), approval and countersignature. Until it is signed the version in force stays in force.',
  'contracts.amendment.start': 'Start an amendment',
  'contracts.amendment.reason': 'Why is the contract amended?',
  'contracts.amendment.reasonHint':
    'Shown to legal, the approvers and, once it is to be signed, the partner.',
  'contracts.amendment.underWay': 'Amendment version {version} is under way: {status}.',
  'contracts.amendment.open': 'Open the amendment',
  'contracts.amendment.back': '← Contract {reference}',
  'contracts.amendment.reasonLabel': 'Reason',
  'contracts.amendment.inForce': 'Version {version} stays in force until the amendment is signed.',
  'contracts.amendment.changes': 'What the amendment changes',
  'contracts.amendment.noChanges': 'Nothing differs from the version in force yet.',
  'contracts.amendment.termsChanged': 'Terms changed: {fields}',
  'contracts.amendment.valuesChanged': 'Values changed: {names}',
  'contracts.amendment.slaChanged': 'The SLA targets change.',
  'contracts.amendment.clause.added': 'Added',
  'contracts.amendment.clause.removed': 'Removed',
  'contracts.amendment.clause.edited': 'Changed',
  'contracts.amendment.edit': 'Edit the amendment',
  'contracts.amendment.withdraw': 'Withdraw the amendment',
  'contracts.amendment.started': 'Amendment started: change its terms and clauses, then submit it.',
  'contracts.amendment.withdrawn': 'The amendment is withdrawn; the version in force is unchanged.',
  'contracts.amendment.signedNotice':
    'The countersigned amendment is stored; it is now the contract’s version in force.',
  'contracts.amendment.text': 'The amendment’s text',
  'contracts.amendment.toSign': 'Amendment to sign (version {version})',
  'contracts.amendment.toSignIntro':
    'The insurer has approved an amendment of this contract. Download it, have it signed and upload the countersigned copy; until then the version in force applies.',
  'contracts.amendment.pdfZh': 'Amendment PDF (Chinese)',
  'contracts.amendment.pdfEn': 'Amendment PDF (English)',
  'contracts.amendment.ballot': 'Amendment (version {version}) of a contract in force. Reason: {reason}',
  'contracts.term.startDate': 'start date',
  'contracts.term.endDate': 'end date',
  'contracts.term.autoRenew': 'renewal',
  'contracts.term.noticeDays': 'notice period',
  'contracts.term.annualValueCents': 'annual value',
  'contracts.term.currency': 'currency',
  'contracts.term.governingLaw': 'governing law',
  'contracts.term.language': 'language',

  'contracts.signedCopies.title': 'Countersigned copies',
  'contracts.signedCopies.none': 'No countersigned copy yet.',
  'contracts.signedCopies.entry': 'Version {version} ({kind}), uploaded by {who} on {at}',
  'contracts.signedCopies.kind.original': 'contract',
  'contracts.signedCopies.kind.amendment': 'amendment',
  'contracts.signedCopies.unknown': 'unknown',
  'contracts.signedCopies.sha256': 'SHA-256',
  'contracts.signedCopies.size': '{size} KB',
  'contracts.signedCopies.download': 'Download version {version}',

  'contracts.clauses.remove': 'Remove this clause',
  'contracts.clauses.addLibrary': 'Add a clause from the library',
  'contracts.clauses.addLibraryHint': 'The clause’s current text is copied into this version.',
  'contracts.clauses.addLibraryNone': '— none —',
  'contracts.clauses.addOwn': 'Add a clause for this contract only',
  'contracts.clauses.addOwnHint':
    'Written for this contract: legal reads all of it. Leave empty to add none. Use no variables in it.',
  'contracts.clauses.kind': 'Kind of clause',
  'contracts.clauses.titleZh': 'Title (Chinese)',
  'contracts.clauses.titleEn': 'Title (English)',
  'contracts.clauses.bodyZh': 'Text (Chinese)',
  'contracts.clauses.bodyEn': 'Text (English)',
  'contracts.clauses.ownIncomplete':
    'Fill in the kind, both titles and both texts, or leave all of them empty.',
  'contracts.clauses.mandatoryHint': 'Submission is refused while a mandatory clause kind is missing.',

  'work-queue.group.contractsInLegalReview': 'Contracts in legal review',
  'work-queue.group.contractsInLegalReview.hint':
    'Contracts and amendments of key partners, above the value threshold or with edited clauses.',
  'work-queue.group.contractsAwaitingApproval': 'Contracts awaiting my approval',
  'work-queue.group.contractsAwaitingApproval.hint':
    'Versions in approval that name you and you have not decided on.',
  'work-queue.group.contractsAwaitingSignature': 'My contracts awaiting signature',
  'work-queue.group.contractsAwaitingSignature.hint':
    'Approved contracts and amendments you own, waiting for the countersigned copy.',
} as const;
