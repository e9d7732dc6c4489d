import { type Database, incentiveMessages } from '@outpost/db';
import { approvalBallotMessages } from '../approval-ballots.ts';

export const INCENTIVE_BALLOT_KIND = 'incentive_ballot';
export const INCENTIVE_REFRESH_KIND = 'incentive_refresh';
export const incentiveLink = (recordId: string) => `/s/incentives/records/${recordId}`;

/** Slack side of an incentive's approval: the shared ballot messages (../approval-ballots.ts) keyed by record. */
const ballots = approvalBallotMessages({
  ballotKind: INCENTIVE_BALLOT_KIND,
  refreshKind: INCENTIVE_REFRESH_KIND,
  template: 'notify.incentive_approval_needed',
  link: incentiveLink,
  table: incentiveMessages,
  subject: incentiveMessages.recordId,
  key: 'recordId',
});

export const queueIncentiveBallots = (
  tx: Database,
  record: { id: string; quarter: string },
  partnerName: string,
  approverIds: string[],
) => ballots.queueBallots(tx, record.id, { name: partnerName, quarter: record.quarter }, approverIds);
export const queueIncentiveRefresh = ballots.queueRefresh;
export const recordIncentiveMessage = ballots.recordMessage;
export const markIncentiveAsked = ballots.markAsked;
