import { terminationDecisionInput } from '@outpost/core';
import { translate } from '@outpost/i18n';
import type { App } from '@slack/bolt';
import { replyToResponseUrl } from '../../committee/response-url.ts';
import { followUpVote } from '../../committee/vote-from-slack.ts';
import type { ListenerDeps } from '../../deps.ts';
import { slackLog } from '../../log.ts';
import { decideTerminationFromSlack } from '../../terminations/decide-from-slack.ts';
import {
  decodeRejectMetadata,
  REJECT_REASON_ACTION_ID,
  REJECT_REASON_BLOCK_ID,
  TERMINATION_REJECT_CALLBACK_ID,
} from '../../terminations/ids.ts';

/**
 * Submission of the reject modal: the reason is checked with core's own schema first, so a blank
 * one keeps the modal open with the error on the field; a valid one is decided, then the modal closes.
 */
export function registerTerminationReject(app: App, deps: ListenerDeps): void {
  app.view(
    { type: 'view_submission', callback_id: TERMINATION_REJECT_CALLBACK_ID },
    async ({ ack, body, view }) => {
      const metadata = decodeRejectMetadata(view.private_metadata);
      if (!metadata) {
        await ack();
        slackLog.warn('Termination reject modal submitted without readable metadata; ignored');
        return;
      }
      const reason = view.state.values[REJECT_REASON_BLOCK_ID]?.[REJECT_REASON_ACTION_ID]?.value ?? '';
      const checked = terminationDecisionInput.safeParse({
        caseId: metadata.caseId,
        decision: 'reject',
        reason,
      });
      if (!checked.success && checked.error.issues.some((issue) => issue.path[0] === 'reason')) {
        await ack({
          response_action: 'errors',
          errors: {
            [REJECT_REASON_BLOCK_ID]: translate(metadata.locale, 'terminations.rejectModal.reasonInvalid'),
          },
        });
        return;
      }
      const outcome = await decideTerminationFromSlack(deps, {
        slackUserId: body.user.id,
        slackTeamId: body.team?.id ?? body.user.team_id ?? null,
        caseId: metadata.caseId,
        decision: 'reject',
        reason: reason.trim(),
        locale: metadata.locale,
      });
      await ack();
      await followUpVote(deps, outcome, replyToResponseUrl(metadata.responseUrl));
    },
  );
}
