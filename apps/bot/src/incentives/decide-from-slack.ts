import { decideIncentive, isAppError, isUuid } from '@outpost/core';
import type { Locale } from '@outpost/i18n';
import type { VoteOutcome } from '../committee/vote-from-slack.ts';
import type { ListenerDeps } from '../deps.ts';
import { identify } from '../identity.ts';
import { errorView } from '../views/error.ts';
import { notLinkedView } from '../views/not-linked.ts';

type Decision = 'approve' | 'reject';

/**
 * An incentive decision from Slack, as the clicking person, through core (approver check, one
 * decision each per round, one outcome); decided before the click is acked, as contract approvals
 * (contracts/decide-from-slack.ts): `voted`, `repeat` (a double click or Slack's retry of the same
 * decision: nothing to do) or `reply` (refused or not linked: nothing changed, told why).
 */
export async function decideIncentiveFromSlack(
  deps: ListenerDeps,
  input: {
    slackUserId: string;
    slackTeamId: string | null;
    recordId: string;
    decision: Decision;
    reason?: string;
    locale?: Locale | null;
  },
): Promise<VoteOutcome> {
  let locale = input.locale ?? null;
  try {
    const who = await identify(deps, input.slackUserId, input.slackTeamId);
    locale = who.locale;
    if (!who.linked) return { kind: 'reply', message: notLinkedView(who, deps.publicUrl) };
    if (await alreadyDecided(deps, who.person.user.id, input.recordId, input.decision))
      return { kind: 'repeat' };
    try {
      await decideIncentive(deps.db, who.person.actor, {
        recordId: input.recordId,
        decision: input.decision,
        ...(input.reason !== undefined ? { reason: input.reason } : {}),
        via: 'slack',
      });
      return { kind: 'voted' };
    } catch (error) {
      // Two clicks raced past the read above: the loser finds its own decision already stored.
      const repeatable =
        isAppError(error) &&
        (error.code === 'already_decided' || error.messageKey === 'errors.incentives.already_decided');
      if (repeatable && (await alreadyDecided(deps, who.person.user.id, input.recordId, input.decision))) {
        return { kind: 'repeat' };
      }
      throw error;
    }
  } catch (error) {
    return { kind: 'reply', message: errorView(locale, error) };
  }
}

/** Whether this approver's decision in the record's current round is this one. */
async function alreadyDecided(deps: ListenerDeps, approverId: string, recordId: string, decision: Decision) {
  if (!isUuid(recordId)) return false;
  const record = await deps.db.query.incentiveRecords.findFirst({
    columns: { round: true },
    where: (r, { eq }) => eq(r.id, recordId),
  });
  if (!record) return false;
  const mine = await deps.db.query.incentiveApprovals.findFirst({
    columns: { decision: true },
    where: (a, { and, eq }) =>
      and(eq(a.recordId, recordId), eq(a.approverId, approverId), eq(a.round, record.round)),
  });
  return mine?.decision === decision;
}
