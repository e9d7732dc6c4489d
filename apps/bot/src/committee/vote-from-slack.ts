import { AppError, castVote, isAppError, type Person, type SlackMessageRef } from '@outpost/core';
import type { Locale } from '@outpost/i18n';
import type { RespondArguments } from '@slack/bolt';
import type { ListenerDeps } from '../deps.ts';
import { identify } from '../identity.ts';
import { replyWithError } from '../listeners/reply-error.ts';
import { notLinkedView } from '../views/not-linked.ts';
import { loadCommitteeBallot } from './ballot-state.ts';
import { committeeMessage } from './message.ts';

type Vote = 'approve' | 'reject' | 'abstain';
export type Reply = (message: RespondArguments) => Promise<unknown>;

/**
 * A committee vote from Slack, as the clicking person: cast it through core (which
 * enforces membership, one vote per member and one decision), then show the result
 * on the clicked message. Refusals become an ephemeral answer in the person's language
 * and change nothing.
 *
 * The same vote arriving again — a double click, Slack retrying the request — is not
 * an error for the person: core keeps the first vote, and the answer is the same as
 * the first time (the message shows their vote), so nobody is told "already voted"
 * about the click they just made.
 */
export async function voteFromSlack(
  deps: ListenerDeps,
  input: {
    slackUserId: string;
    slackTeamId: string | null;
    applicationId: string;
    vote: Vote;
    reason?: string;
    /** The ballot message that was clicked, updated after the vote. */
    message: SlackMessageRef | null;
    reply: Reply;
    /** Used for answers before the person is known (e.g. Slack is down while identifying them). */
    locale?: Locale | null;
  },
): Promise<void> {
  let locale = input.locale ?? null;
  let person: Person;
  try {
    const who = await identify(deps, input.slackUserId, input.slackTeamId);
    locale = who.locale;
    if (!who.linked) return void (await input.reply(notLinkedView(who, deps.publicUrl)));
    person = who.person;
    try {
      await castVote(deps.db, person.actor, {
        applicationId: input.applicationId,
        vote: input.vote,
        ...(input.reason !== undefined ? { reason: input.reason } : {}),
        via: 'slack',
      });
    } catch (error) {
      if (!(await isRepeatOfOwnVote(deps, person, input.applicationId, input.vote, error))) throw error;
    }
  } catch (error) {
    return replyWithError(input.reply, locale, asBallotRefusal(error));
  }
  // The vote is stored. A failure from here on must not tell the person "nothing was
  // changed": core queued a refresh of their message, so the worker repairs it later.
  if (!input.message) return;
  try {
    const view = await committeeMessage(deps.db, {
      memberId: person.user.id,
      applicationId: input.applicationId,
      publicUrl: deps.publicUrl,
    });
    if ('skip' in view) return;
    await deps.slack.updateMessage({ ...input.message, text: view.text, blocks: view.blocks });
  } catch (error) {
    console.warn('Could not update the committee message after a vote:', (error as Error).message);
  }
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
