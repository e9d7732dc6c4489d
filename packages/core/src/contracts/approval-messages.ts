import { contractMessages, type Database } from '@outpost/db';
import { approvalBallotMessages } from '../approval-ballots.ts';

export const CONTRACT_BALLOT_KIND = 'contract_ballot';
export const CONTRACT_REFRESH_KIND = 'contract_refresh';

/** Slack side of contract approval: the shared ballot messages (../approval-ballots.ts) keyed by contract. */
const ballots = approvalBallotMessages({
  ballotKind: CONTRACT_BALLOT_KIND,
  refreshKind: CONTRACT_REFRESH_KIND,
  template: 'notify.contract_approval_needed',
  link: (contractId) => `/s/contracts/${contractId}`,
  table: contractMessages,
  subject: contractMessages.contractId,
  key: 'contractId',
});

export const queueContractBallots = (
  tx: Database,
  contract: { id: string; reference: string },
  approverIds: string[],
) => ballots.queueBallots(tx, contract.id, { reference: contract.reference }, approverIds);
export const queueContractRefresh = ballots.queueRefresh;
export const recordContractMessage = ballots.recordMessage;
export const markApprovalAsked = ballots.markAsked;
