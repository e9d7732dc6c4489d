import { getTerminationCase, isAppError, personById } from '@outpost/core';
import type { Database } from '@outpost/db';
import type { Locale } from '@outpost/i18n';
import { type TerminationBallotState, terminationBallotView } from '../views/termination-ballot.ts';

export type TerminationMessage =
  | { text: string; blocks: Record<string, unknown>[]; locale: Locale }
  | { skip: string };

/**
 * An approver's message about a termination case, read as it is now with their own permissions,
 * in their language: late, repeated or out-of-order deliveries are harmless.
 */
export async function terminationMessage(
  db: Database,
  input: { approverId: string; caseId: string; publicUrl: string },
): Promise<TerminationMessage> {
  const person = await personById(db, input.approverId, 'slack');
  if (person?.user.kind !== 'staff') return { skip: 'approver is disabled or not staff' };
  try {
    const c = await getTerminationCase(db, person.actor, input.caseId);
    const mine = c.approval.approvers.find((a) => a.id === input.approverId);
    const state: TerminationBallotState = {
      caseId: c.id,
      partnerName: c.partnerName,
      type: c.type,
      reason: c.reason,
      effectiveDate: c.effectiveDate,
      status: c.status,
      isApprover: mine !== undefined,
      myDecision: mine?.decision?.decision ?? null,
      tally: c.approval.tally,
    };
    const locale = person.user.locale;
    return { ...terminationBallotView(state, { locale, publicUrl: input.publicUrl }), locale };
  } catch (error) {
    if (isAppError(error) && error.code === 'not_found') return { skip: 'case no longer exists' };
    throw error;
  }
}
