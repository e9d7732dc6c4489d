import { defaultLocale } from '@outpost/i18n';
import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import { followUpVote } from '../../committee/vote-from-slack.ts';
import type { ListenerDeps } from '../../deps.ts';
import { canOpenViews } from '../../gateway.ts';
import { decideIncentiveFromSlack } from '../../incentives/decide-from-slack.ts';
import { INCENTIVE_ACTION_IDS, localeOfIncentiveBlock } from '../../incentives/ids.ts';
import { encodeRejectMetadata } from '../../incentives/reject-metadata.ts';
import { incentiveRejectModal } from '../../views/incentive-reject-modal.ts';
import { clickedMessage } from '../clicked-message.ts';
import { replyWithError } from '../reply-error.ts';

/**
 * The incentive ballot's buttons. Approve decides at once (stored, every approver's message
 * refresh queued, before the ack); Reject first asks for the reason in a modal
 * (../views/incentive-reject.ts).
 */
export function registerIncentiveApproval(app: App, deps: ListenerDeps): void {
  app.action<BlockAction<ButtonAction>>(
    { type: 'block_actions', action_id: INCENTIVE_ACTION_IDS.approve },
    async ({ ack, body, action, respond }) => {
      const outcome = await decideIncentiveFromSlack(deps, {
        slackUserId: body.user.id,
        slackTeamId: body.team?.id ?? null,
        recordId: action.value ?? '',
        decision: 'approve',
        locale: localeOfIncentiveBlock(action.block_id),
      });
      await ack();
      await followUpVote(deps, outcome, respond);
    },
  );

  app.action<BlockAction<ButtonAction>>(
    { type: 'block_actions', action_id: INCENTIVE_ACTION_IDS.reject },
    async ({ ack, body, action, respond }) => {
      await ack();
      // The trigger_id expires 3 s after the click: open the modal before anything slow.
      const locale = localeOfIncentiveBlock(action.block_id) ?? defaultLocale;
      try {
        if (!canOpenViews(deps.slack)) throw new Error('This Slack gateway cannot open modals.');
        const metadata = encodeRejectMetadata({
          recordId: action.value ?? '',
          message: clickedMessage(body),
          responseUrl: body.response_url ?? null,
          locale,
        });
        await deps.slack.openView(body.trigger_id, incentiveRejectModal(locale, metadata));
      } catch (error) {
        await replyWithError(respond, locale, error);
      }
    },
  );
}
