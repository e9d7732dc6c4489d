import { type Database, terminationMessages } from '@outpost/db';
import { approvalBallotMessages } from '../approval-ballots.ts';
import { caseLink } from './shared.ts';

export const TERMINATION_BALLOT_KIND = 'termination_ballot';
export const TERMINATION_REFRESH_KIND = 'termination_refresh';

/** Slack side of a case's approval: the shared ballot messages (../approval-ballots.ts) keyed by case. */
const ballots = approvalBallotMessages({
  ballotKind: TERMINATION_BALLOT_KIND,
  refreshKind: TERMINATION_REFRESH_KIND,
  template: 'notify.termination_approval_needed',
  link: caseLink,
  table: terminationMessages,
  subject: terminationMessages.caseId,
  key: 'caseId',
});

export const queueTerminationBallots = (
  tx: Database,
  row: { id: string; partnerName: string },
  approverIds: string[],
) => ballots.queueBallots(tx, row.id, { name: row.partnerName }, approverIds);
export const queueTerminationRefresh = ballots.queueRefresh;
export const recordTerminationMessage = ballots.recordMessage;
export const markTerminationAsked = ballots.markAsked;
