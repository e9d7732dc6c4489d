import { defaultLocale } from '@outpost/i18n';
import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import { followUpVote } from '../../committee/vote-from-slack.ts';
import { decideFromSlack } from '../../contracts/decide-from-slack.ts';
import { CONTRACT_APPROVAL_ACTION_IDS, localeOfApprovalBlock } from '../../contracts/ids.ts';
import { encodeReturnMetadata } from '../../contracts/return-metadata.ts';
import type { ListenerDeps } from '../../deps.ts';
import { canOpenViews } from '../../gateway.ts';
import { returnReasonModal } from '../../views/contract-return-modal.ts';
import { clickedMessage } from '../clicked-message.ts';
import { replyWithError } from '../reply-error.ts';

/**
 * The contract ballot's buttons. Approve decides at once (stored, with every approver's message
 * refresh queued, before the ack); Return first asks for the reason in a modal (decided when the
 * modal is submitted, ../views/contract-return.ts).
 */
export function registerContractApproval(app: App, deps: ListenerDeps): void {
  app.action<BlockAction<ButtonAction>>(
    { type: 'block_actions', action_id: CONTRACT_APPROVAL_ACTION_IDS.approve },
    async ({ ack, body, action, respond }) => {
      const outcome = await decideFromSlack(deps, {
        slackUserId: body.user.id,
        slackTeamId: body.team?.id ?? null,
        contractId: action.value ?? '',
        decision: 'approve',
        locale: localeOfApprovalBlock(action.block_id),
      });
      await ack();
      await followUpVote(deps, outcome, respond);
    },
  );

  app.action<BlockAction<ButtonAction>>(
    { type: 'block_actions', action_id: CONTRACT_APPROVAL_ACTION_IDS.return },
    async ({ ack, body, action, respond }) => {
      await ack();
      // The trigger_id expires 3 s after the click: open the modal before anything slow.
      const locale = localeOfApprovalBlock(action.block_id) ?? defaultLocale;
      try {
        if (!canOpenViews(deps.slack)) throw new Error('This Slack gateway cannot open modals.');
        const metadata = encodeReturnMetadata({
          contractId: action.value ?? '',
          message: clickedMessage(body),
          responseUrl: body.response_url ?? null,
          locale,
        });
        await deps.slack.openView(body.trigger_id, returnReasonModal(locale, metadata));
      } catch (error) {
        await replyWithError(respond, locale, error);
      }
    },
  );
}
