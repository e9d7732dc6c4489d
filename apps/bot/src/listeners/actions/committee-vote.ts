import { defaultLocale } from '@outpost/i18n';
import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import { COMMITTEE_VOTE_ACTION_IDS, localeOfVoteBlock } from '../../committee/ids.ts';
import { encodeRejectMetadata } from '../../committee/reject-metadata.ts';
import { followUpVote, recordVoteFromSlack } from '../../committee/vote-from-slack.ts';
import type { ListenerDeps } from '../../deps.ts';
import { canOpenViews } from '../../gateway.ts';
import { rejectReasonModal } from '../../views/committee-reject-modal.ts';
import { clickedMessage } from '../clicked-message.ts';
import { replyWithError } from '../reply-error.ts';

/**
 * The committee ballot's buttons. Approve and Abstain vote at once (the vote is in the
 * database before the ack; the message is redrawn from the outbox, coalesced per message); Reject first asks
 * for the reason in a modal (the vote is cast when the modal is submitted, see
 * ../views/committee-reject.ts).
 */
export function registerCommitteeVote(app: App, deps: ListenerDeps): void {
  for (const vote of ['approve', 'abstain'] as const) {
    app.action<BlockAction<ButtonAction>>(
      { type: 'block_actions', action_id: COMMITTEE_VOTE_ACTION_IDS[vote] },
      async ({ ack, body, action, respond }) => {
        // Stored (with its message refresh queued) before Slack is told the click arrived.
        const outcome = await recordVoteFromSlack(deps, {
          slackUserId: body.user.id,
          slackTeamId: body.team?.id ?? null,
          applicationId: action.value ?? '',
          vote,
          locale: localeOfVoteBlock(action.block_id),
        });
        await ack();
        await followUpVote(deps, outcome, respond);
      },
    );
  }

  app.action<BlockAction<ButtonAction>>(
    { type: 'block_actions', action_id: COMMITTEE_VOTE_ACTION_IDS.reject },
    async ({ ack, body, action, respond }) => {
      await ack();
      // The trigger_id expires 3 s after the click: open the modal before anything
      // slow (no database, no users.info). Who clicked is checked on submission.
      const locale = localeOfVoteBlock(action.block_id) ?? defaultLocale;
      try {
        if (!canOpenViews(deps.slack)) throw new Error('This Slack gateway cannot open modals.');
        const metadata = encodeRejectMetadata({
          applicationId: action.value ?? '',
          message: clickedMessage(body),
          responseUrl: body.response_url ?? null,
          locale,
        });
        await deps.slack.openView(body.trigger_id, rejectReasonModal(locale, metadata));
      } catch (error) {
        await replyWithError(respond, locale, error);
      }
    },
  );
}
