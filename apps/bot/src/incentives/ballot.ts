import { getIncentiveRecord, incentiveApprovalState } from '@outpost/core';
import type { Database } from '@outpost/db';
import { type BallotMessage, ballotMessage } from '../ballots/message.ts';
import { incentiveBallotView } from '../views/incentive-ballot.ts';

/** An approver's message about an incentive record (../ballots/message.ts). */
export function incentiveMessage(
  db: Database,
  input: { approverId: string; recordId: string; publicUrl: string },
): Promise<BallotMessage> {
  return ballotMessage(db, input.approverId, 'record no longer exists', async (person) => {
    const [record, approval] = await Promise.all([
      getIncentiveRecord(db, person.actor, input.recordId),
      incentiveApprovalState(db, person.actor, input.recordId),
    ]);
    const mine = approval.approvers.find((a) => a.id === input.approverId);
    return incentiveBallotView(
      {
        recordId: record.id,
        partnerName: record.partnerName,
        quarter: record.quarter,
        serviceCategory: record.serviceCategory,
        tierName: record.tierName,
        amountCents: record.amountCents,
        score: record.score,
        grade: record.grade,
        status: record.status,
        isApprover: mine !== undefined,
        myDecision: mine?.decision?.decision ?? null,
        tally: approval.tally,
      },
      { locale: person.user.locale, publicUrl: input.publicUrl },
    );
  });
}
