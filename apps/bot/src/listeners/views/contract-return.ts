import { approvalDecisionInput } from '@outpost/core';
import { translate } from '@outpost/i18n';
import type { App } from '@slack/bolt';
import { replyToResponseUrl } from '../../committee/response-url.ts';
import { followUpVote } from '../../committee/vote-from-slack.ts';
import { decideFromSlack } from '../../contracts/decide-from-slack.ts';
import {
  CONTRACT_RETURN_CALLBACK_ID,
  RETURN_REASON_ACTION_ID,
  RETURN_REASON_BLOCK_ID,
} from '../../contracts/ids.ts';
import { decodeReturnMetadata } from '../../contracts/return-metadata.ts';
import type { ListenerDeps } from '../../deps.ts';
import { slackLog } from '../../log.ts';

/**
 * Submission of the return modal: the reason is checked with core's own schema first, so a
 * blank one keeps the modal open with the error on the field; a valid one is decided, then the
 * modal closes (a refusal then arrives as an ephemeral message).
 */
export function registerContractReturn(app: App, deps: ListenerDeps): void {
  app.view(
    { type: 'view_submission', callback_id: CONTRACT_RETURN_CALLBACK_ID },
    async ({ ack, body, view }) => {
      const metadata = decodeReturnMetadata(view.private_metadata);
      if (!metadata) {
        await ack();
        slackLog.warn('Contract return modal submitted without readable metadata; ignored');
        return;
      }
      const reason = view.state.values[RETURN_REASON_BLOCK_ID]?.[RETURN_REASON_ACTION_ID]?.value ?? '';
      const checked = approvalDecisionInput.safeParse({
        contractId: metadata.contractId,
        decision: 'return',
        reason,
      });
      if (!checked.success && checked.error.issues.some((issue) => issue.path[0] === 'reason')) {
        await ack({
          response_action: 'errors',
          errors: {
            [RETURN_REASON_BLOCK_ID]: translate(metadata.locale, 'contracts.returnModal.reasonInvalid'),
          },
        });
        return;
      }
      const outcome = await decideFromSlack(deps, {
        slackUserId: body.user.id,
        slackTeamId: body.team?.id ?? body.user.team_id ?? null,
        contractId: metadata.contractId,
        decision: 'return',
        reason: reason.trim(),
        locale: metadata.locale,
      });
      await ack();
      await followUpVote(deps, outcome, replyToResponseUrl(metadata.responseUrl));
    },
  );
}
