import { appealsToAnswer } from './groups/appeals-to-answer.ts';
import { applicationsToAdvance } from './groups/applications-to-advance.ts';
import { ballotsAwaitingVote } from './groups/ballots-awaiting-vote.ts';
import { documentsToReview } from './groups/documents-to-review.ts';
import { overdueRectifications } from './groups/overdue-rectifications.ts';
import { rectificationsToVerify } from './groups/rectifications-to-verify.ts';
import { reviewsToFinalise } from './groups/reviews-to-finalise.ts';
import type { WorkSource } from './types.ts';
import { externalTrainingToReview } from './groups/external-training-to-review.ts';
import { riskAlertsOpen } from './groups/risk-alerts-open.ts';
import { remediationTasksToVerify } from './groups/remediation-tasks-to-verify.ts';
import { contractsInLegalReview } from './groups/contracts-in-legal-review.ts';
import { contractsAwaitingApproval } from './groups/contracts-awaiting-approval.ts';
import { contractsAwaitingSignature } from './groups/contracts-awaiting-signature.ts';
import { terminationsAwaitingApproval, terminationTasksToDo } from './groups/terminations.ts';

/**
 * Every kind of staff work, in the order the work queue shows it. A new capability
 * (training certificates to review, risk alerts, contracts in legal review, termination
 * tasks) adds its module under groups/ and one line here — decision record 014.
 */
export const workSources: readonly WorkSource[] = [
  ballotsAwaitingVote,
  documentsToReview,
  applicationsToAdvance,
  appealsToAnswer,
  reviewsToFinalise,
  rectificationsToVerify,
  overdueRectifications,
  externalTrainingToReview,
  riskAlertsOpen,
  remediationTasksToVerify,
  contractsInLegalReview,
  contractsAwaitingApproval,
  contractsAwaitingSignature,
  terminationsAwaitingApproval,
  terminationTasksToDo,
];
