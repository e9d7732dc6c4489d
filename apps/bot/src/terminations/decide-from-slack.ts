import { decideTermination, isAppError, terminationDecisionOf } from '@outpost/core';
import type { Locale } from '@outpost/i18n';
import type { VoteOutcome } from '../committee/vote-from-slack.ts';
import type { ListenerDeps } from '../deps.ts';
import { identify } from '../identity.ts';
import { errorView } from '../views/error.ts';
import { notLinkedView } from '../views/not-linked.ts';

/**
 * A termination decision from Slack, as the clicking person, through core (approver check, one
 * decision each). Decided before the ack: `voted`, `repeat` (this approver already made this very
 * decision — a double click or Slack's retry), or `reply` (refused or not linked; nothing changed).
 */
export async function decideTerminationFromSlack(
  deps: ListenerDeps,
  input: {
    slackUserId: string;
    slackTeamId: string | null;
    caseId: string;
    decision: 'approve' | 'reject';
    reason?: string;
    locale?: Locale | null;
  },
): Promise<VoteOutcome> {
  let locale = input.locale ?? null;
  try {
    const who = await identify(deps, input.slackUserId, input.slackTeamId);
    locale = who.locale;
    if (!who.linked) return { kind: 'reply', message: notLinkedView(who, deps.publicUrl) };
    const userId = who.person.user.id;
    if ((await terminationDecisionOf(deps.db, input.caseId, userId)) === input.decision)
      return { kind: 'repeat' };
    try {
      await decideTermination(deps.db, who.person.actor, {
        caseId: input.caseId,
        decision: input.decision,
        ...(input.reason !== undefined ? { reason: input.reason } : {}),
        via: 'slack',
      });
      return { kind: 'voted' };
    } catch (error) {
      // Two clicks raced past the read above: the loser finds its own decision already stored.
      if (
        isAppError(error) &&
        (await terminationDecisionOf(deps.db, input.caseId, userId)) === input.decision
      ) {
        return { kind: 'repeat' };
      }
      throw error;
    }
  } catch (error) {
    return { kind: 'reply', message: errorView(locale, error) };
  }
}
