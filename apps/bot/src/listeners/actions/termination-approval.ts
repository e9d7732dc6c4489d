import { defaultLocale } from '@outpost/i18n';
import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import { followUpVote } from '../../committee/vote-from-slack.ts';
import type { ListenerDeps } from '../../deps.ts';
import { canOpenViews } from '../../gateway.ts';
import { decideTerminationFromSlack } from '../../terminations/decide-from-slack.ts';
import {
  encodeRejectMetadata,
  localeOfTerminationBlock,
  TERMINATION_ACTION_IDS,
} from '../../terminations/ids.ts';
import { terminationRejectModal } from '../../views/termination-reject-modal.ts';
import { clickedMessage } from '../clicked-message.ts';
import { replyWithError } from '../reply-error.ts';

/** The termination ballot's buttons: Approve decides before the ack; Reject… asks for the reason first. */
export function registerTerminationApproval(app: App, deps: ListenerDeps): void {
  app.action<BlockAction<ButtonAction>>(
    { type: 'block_actions', action_id: TERMINATION_ACTION_IDS.approve },
    async ({ ack, body, action, respond }) => {
      const outcome = await decideTerminationFromSlack(deps, {
        slackUserId: body.user.id,
        slackTeamId: body.team?.id ?? null,
        caseId: action.value ?? '',
        decision: 'approve',
        locale: localeOfTerminationBlock(action.block_id),
      });
      await ack();
      await followUpVote(deps, outcome, respond);
    },
  );

  app.action<BlockAction<ButtonAction>>(
    { type: 'block_actions', action_id: TERMINATION_ACTION_IDS.reject },
    async ({ ack, body, action, respond }) => {
      await ack();
      // The trigger_id expires 3 s after the click: open the modal before anything slow.
      const locale = localeOfTerminationBlock(action.block_id) ?? defaultLocale;
      try {
        if (!canOpenViews(deps.slack)) throw new Error('This Slack gateway cannot open modals.');
        const metadata = encodeRejectMetadata({
          caseId: action.value ?? '',
          message: clickedMessage(body),
          responseUrl: body.response_url ?? null,
          locale,
        });
        await deps.slack.openView(body.trigger_id, terminationRejectModal(locale, metadata));
      } catch (error) {
        await replyWithError(respond, locale, error);
      }
    },
  );
}
