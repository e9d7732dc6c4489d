import { getIncentiveRecord, incentiveApprovalState, isAppError, personById } from '@outpost/core';
import type { Database } from '@outpost/db';
import type { Locale } from '@outpost/i18n';
import { type IncentiveBallotState, incentiveBallotView } from '../views/incentive-ballot.ts';

export type IncentiveMessage =
  | { text: string; blocks: Record<string, unknown>[]; locale: Locale }
  | { skip: string };

/**
 * An approver's message about an incentive record, read as it is now with their own permissions,
 * in their language: late, repeated or out-of-order deliveries draw the current state.
 */
export async function incentiveMessage(
  db: Database,
  input: { approverId: string; recordId: string; publicUrl: string },
): Promise<IncentiveMessage> {
  const person = await personById(db, input.approverId, 'slack');
  if (person?.user.kind !== 'staff') return { skip: 'approver is disabled or not staff' };
  try {
    const [record, approval] = await Promise.all([
      getIncentiveRecord(db, person.actor, input.recordId),
      incentiveApprovalState(db, person.actor, input.recordId),
    ]);
    const mine = approval.approvers.find((a) => a.id === input.approverId);
    const state: IncentiveBallotState = {
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
    };
    return {
      ...incentiveBallotView(state, { locale: person.user.locale, publicUrl: input.publicUrl }),
      locale: person.user.locale,
    };
  } catch (error) {
    if (isAppError(error) && error.code === 'not_found') return { skip: 'record no longer exists' };
    throw error;
  }
}
