import { getTerminationCase } from '@outpost/core';
import type { Database } from '@outpost/db';
import { type BallotMessage, ballotMessage } from '../ballots/message.ts';
import { terminationBallotView } from '../views/termination-ballot.ts';

/** An approver's message about a termination case (../ballots/message.ts). */
export function terminationMessage(
  db: Database,
  input: { approverId: string; caseId: string; publicUrl: string },
): Promise<BallotMessage> {
  return ballotMessage(db, input.approverId, 'case no longer exists', async (person) => {
    const c = await getTerminationCase(db, person.actor, input.caseId);
    const mine = c.approval.approvers.find((a) => a.id === input.approverId);
    return terminationBallotView(
      {
        caseId: c.id,
        partnerName: c.partnerName,
        type: c.type,
        reason: c.reason,
        effectiveDate: c.effectiveDate,
        status: c.status,
        isApprover: mine !== undefined,
        myDecision: mine?.decision?.decision ?? null,
        tally: c.approval.tally,
      },
      { locale: person.user.locale, publicUrl: input.publicUrl },
    );
  });
}
