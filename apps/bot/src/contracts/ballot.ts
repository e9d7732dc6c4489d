import { approvalState, contractAmendment, getContract, type Person } from '@outpost/core';
import type { Database } from '@outpost/db';
import { type BallotMessage, ballotMessage } from '../ballots/message.ts';
import { type ContractBallotState, contractBallotView } from '../views/contract-ballot.ts';

/** An approver's message about a contract (../ballots/message.ts). */
export function contractMessage(
  db: Database,
  input: { approverId: string; contractId: string; publicUrl: string },
): Promise<BallotMessage> {
  return ballotMessage(db, input.approverId, 'contract no longer exists', async (person) =>
    contractBallotView(await contractBallotState(db, person, input.contractId), {
      locale: person.user.locale,
      publicUrl: input.publicUrl,
    }),
  );
}

async function contractBallotState(
  db: Database,
  person: Person,
  contractId: string,
): Promise<ContractBallotState> {
  const [contract, approval] = await Promise.all([
    getContract(db, person.actor, contractId),
    approvalState(db, person.actor, contractId),
  ]);
  const mine = approval.approvers.find((a) => a.id === person.user.id);
  // An amendment of a contract in force: the approver is asked about the amendment's terms.
  const amendment = approval.amendment ? await contractAmendment(db, person.actor, contract.id) : null;
  return {
    contractId: contract.id,
    reference: contract.reference,
    partnerName: contract.partnerName,
    serviceCategory: contract.serviceCategory,
    status: approval.status,
    terms: amendment?.version.terms ?? contract.version.terms,
    amendment: amendment
      ? {
          version: amendment.version.version,
          reason: amendment.reason,
          renewal: amendment.version.renewal,
          endDate: amendment.version.terms.endDate,
        }
      : null,
    withdrawnReason: approval.withdrawnReason,
    isApprover: mine !== undefined,
    myDecision: mine?.decision?.decision ?? null,
    tally: approval.tally,
  };
}
