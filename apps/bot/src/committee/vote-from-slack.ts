import { AppError, castVote, isAppError, isUuid, type Person } from '@outpost/core';
import type { Locale } from '@outpost/i18n';
import type { RespondArguments } from '@slack/bolt';
import type { ListenerDeps } from '../deps.ts';
import { identify } from '../identity.ts';
import { errorView } from '../views/error.ts';
import { notLinkedView } from '../views/not-linked.ts';
import { loadCommitteeBallot } from './ballot-state.ts';

type Vote = 'approve' | 'reject' | 'abstain';
export type { Reply } from '../replies.ts';
import type { Reply } from '../replies.ts';

/**
 * What became of a vote from Slack, decided before the click is acknowledged:
 * - `voted`: stored, with the refresh of the member's message queued in the same
 *   transaction (core's castVote) — durable before Slack hears "received";
 * - `repeat`: this member already cast this very vote (a double click, Slack's retry):
 *   nothing new to store or show, so no Slack call at all;
 * - `reply`: refused or not linked — nothing changed; the person gets this ephemeral answer.
 */
export type VoteOutcome =
  | { kind: 'voted' }
  | { kind: 'repeat' }
  | { kind: 'reply'; message: RespondArguments };

/**
 * A committee vote from Slack, as the clicking person: cast it through core (which
 * enforces membership, one vote per member and one decision). One database write in
 * the usual case (the person is linked), far inside Slack's 3 s.
 */
export async function recordVoteFromSlack(
  deps: ListenerDeps,
  input: {
    slackUserId: string;
    slackTeamId: string | null;
    applicationId: string;
    vote: Vote;
    reason?: string;
    /** Used for answers before the person is known (e.g. Slack is down while identifying them). */
    locale?: Locale | null;
  },
): Promise<VoteOutcome> {
  let locale = input.locale ?? null;
  try {
    const who = await identify(deps, input.slackUserId, input.slackTeamId);
    locale = who.locale;
    if (!who.linked) return { kind: 'reply', message: notLinkedView(who, deps.publicUrl) };
    // The common repeat (double click, Slack retry, an impatient burst) costs one indexed read.
    if (await alreadyCast(deps, who.person.user.id, input.applicationId, input.vote))
      return { kind: 'repeat' };
    try {
      await castVote(deps.db, who.person.actor, {
        applicationId: input.applicationId,
        vote: input.vote,
        ...(input.reason !== undefined ? { reason: input.reason } : {}),
        via: 'slack',
      });
      return { kind: 'voted' };
    } catch (error) {
      if (await isRepeatOfOwnVote(deps, who.person, input.applicationId, input.vote, error)) {
        return { kind: 'repeat' };
      }
      throw error;
    }
  } catch (error) {
    return { kind: 'reply', message: errorView(locale, asBallotRefusal(error)) };
  }
}

/**
 * After the ack: a stored vote asks for its message to be redrawn soon (the durable
 * row is already queued; this only makes it sooner), a refusal is answered.
 */
export async function followUpVote(deps: ListenerDeps, outcome: VoteOutcome, reply: Reply): Promise<void> {
  if (outcome.kind === 'voted') return deps.refresher.soon();
  if (outcome.kind === 'repeat') return;
  await deps.replies.send(reply, outcome.message);
}

/**
 * On a ballot, any "forbidden" means the clicker may not vote on this application —
 * a reviewer or auditor without the committee role is, for this message, simply not a
 * committee member; say that rather than a generic "no permission".
 */
function asBallotRefusal(error: unknown): unknown {
  if (
    isAppError(error) &&
    error.code === 'forbidden' &&
    !error.messageKey?.startsWith('errors.not_committee')
  ) {
    return new AppError('forbidden', error.message, {
      messageKey: 'errors.not_committee_member',
      cause: error,
    });
  }
  return error;
}

async function alreadyCast(deps: ListenerDeps, memberId: string, applicationId: string, vote: Vote) {
  if (!isUuid(applicationId)) return false;
  const row = await deps.db.query.committeeVotes.findFirst({
    columns: { vote: true },
    where: (v, { and, eq }) => and(eq(v.applicationId, applicationId), eq(v.memberId, memberId)),
  });
  return row?.vote === vote;
}

/** Core refused the vote because this member already cast this very vote (possibly deciding it). */
async function isRepeatOfOwnVote(
  deps: ListenerDeps,
  person: Person,
  applicationId: string,
  vote: Vote,
  error: unknown,
): Promise<boolean> {
  if (!isAppError(error)) return false;
  const repeatable =
    error.code === 'already_decided' ||
    (error.code === 'conflict' && error.messageKey === 'errors.already_voted');
  if (!repeatable) return false;
  const loaded = await loadCommitteeBallot(deps.db, { memberId: person.user.id, applicationId });
  return 'state' in loaded && loaded.state.myVote === vote;
}
