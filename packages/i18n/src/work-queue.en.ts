/** Where work starts: the staff work queue, the grouped header navigation, partners' next steps. English. */
export const workQueueEn = {
  // Header navigation, grouped so it fits one row; a menu button on phones.
  'work-queue.nav.work': 'Work',
  'work-queue.nav.partnersGroup': 'Partners',
  'work-queue.nav.partnerList': 'Partner list',
  'work-queue.nav.performanceGroup': 'Performance',
  'work-queue.nav.import': 'Import events',
  'work-queue.nav.settingsGroup': 'Settings',
  'work-queue.nav.menu': 'Menu',

  // The staff console's first page.
  'work-queue.title': 'Work queue',
  'work-queue.intro': 'What needs you, the longest waiting first.',
  'work-queue.total': '{count, plural, one {# item needs you} other {# items need you}}',
  'work-queue.allClear': 'Nothing needs you right now.',
  'work-queue.allClearHint': 'New work appears here as it arrives, and you are notified.',
  'work-queue.noGroups': 'Your roles have no work to do here.',
  'work-queue.noGroupsHint': 'You can read every partner, application and review from the menu.',
  'work-queue.groupEmpty': 'Nothing waiting.',
  'work-queue.groupCount': '{count, plural, other {# waiting}}',
  'work-queue.seeAll': 'See all {count}: {group}',
  'work-queue.more': '{count, plural, other {and # more}}',
  'work-queue.itemLink': '{partner}: {subject}',
  'work-queue.waiting': '{days, plural, =0 {since today} one {waiting # day} other {waiting # days}}',
  'work-queue.overdue': '{days, plural, one {# day overdue} other {# days overdue}} (due {date})',

  'work-queue.group.ballotsAwaitingVote': 'Ballots awaiting my vote',
  'work-queue.group.ballotsAwaitingVote.hint': 'Applications at the committee stage you have not voted on.',
  'work-queue.group.documentsToReview': 'Documents to review',
  'work-queue.group.documentsToReview.hint': 'Uploaded by partners and not yet accepted or returned.',
  'work-queue.group.applicationsToAdvance': 'Applications at my stages',
  'work-queue.group.applicationsToAdvance.hint': 'At document review, on-site inspection or pilot.',
  'work-queue.group.appealsToAnswer': 'Appeals to answer',
  'work-queue.group.appealsToAnswer.hint': 'Partners appealing a finalised review.',
  'work-queue.group.reviewsToFinalise': 'Reviews to finalise',
  'work-queue.group.reviewsToFinalise.hint': 'Drafted quarterly reviews waiting for a decision.',
  'work-queue.group.rectificationsToVerify': 'Rectification items to verify',
  'work-queue.group.rectificationsToVerify.hint': 'Submitted by the partner with evidence.',
  'work-queue.group.overdueRectifications': 'Overdue rectification items',
  'work-queue.group.overdueRectifications.hint': 'Past their due date and not yet submitted.',

  // The partner home's next steps.
  'work-queue.next.title': 'Next steps',
  'work-queue.next.intro': 'What your organisation should do now, in order.',
  'work-queue.next.allDone': 'All done',
  'work-queue.next.allDoneHint': 'Nothing needs your organisation right now.',
  'work-queue.next.upload': 'Upload {name}',
  'work-queue.next.missing': 'Required and not uploaded yet.',
  'work-queue.next.uploadAgain': 'Upload {name} again',
  'work-queue.next.returned': 'Returned by the reviewer: {reason}',
  'work-queue.next.returnedNoReason': 'Returned by the reviewer.',
  'work-queue.next.renew': 'Renew {name}',
  'work-queue.next.expired': 'Expired on {date}.',
  'work-queue.next.expiring':
    '{days, plural, =0 {Expires today ({date}).} one {Expires on {date}, in # day.} other {Expires on {date}, in # days.}}',
  'work-queue.next.submit': 'Submit your admission application',
  'work-queue.next.submitReady': 'Every required document is in.',
  'work-queue.next.submitNotReady': 'You can submit once the required documents above are uploaded.',
  'work-queue.next.submitByAdmin': 'Your administrator submits the admission application',
  'work-queue.next.submitByAdminHint': 'Upload the documents; a partner administrator then applies.',
  'work-queue.next.application': 'Follow your admission application',
  'work-queue.next.applicationStage': 'Now at: {stage}.',
  'work-queue.next.respond': 'Acknowledge or appeal the {quarter} review',
  'work-queue.next.respondHint': 'The review is final: accept its result or appeal with your reasons.',
  'work-queue.next.readReview': 'Read the {quarter} review',
  'work-queue.next.readReviewHint': 'Your administrator acknowledges or appeals it.',
  'work-queue.next.rectify': 'Rectify: {description}',
  'work-queue.next.due': 'Due {date}.',
  'work-queue.next.overdue': 'Overdue: it was due {date}.',
  'work-queue.next.reopened': 'Sent back: {reason}',

  // Document counts, each document in exactly one of them.
  'work-queue.docs.missing': '{count} missing',
  'work-queue.docs.rejected': '{count} returned',
  'work-queue.docs.expired': '{count} expired',
  'work-queue.docs.expiring': '{count} expiring within 30 days',

  // Wide tables on narrow screens.
  'work-queue.table.scrollHint': 'Wider than the screen: scroll sideways to see every column.',

  // External training certificates (decision record 026).
  'work-queue.group.externalTrainingToReview': 'External training to review',
  'work-queue.group.externalTrainingToReview.hint':
    'Certificates of training done elsewhere, uploaded by partners.',
  'work-queue.group.riskAlertsOpen': 'Risk alerts to acknowledge',
  'work-queue.group.riskAlertsOpen.hint':
    'Raised by the risk rules and not yet acknowledged; respond by the deadline.',
  // Policy notices to confirm (decision record 032).
  'work-queue.next.confirmNotices':
    '{count, plural, one {# notice to confirm by {date}} other {# notices to confirm by {date}}}',
  'work-queue.next.confirmNoticesHint': 'Read each notice and confirm you will follow it.',
  'work-queue.next.confirmNoticesOverdue': 'Overdue: the first was to be confirmed by {date}.',
} as const;
