import { voteInput } from '@outpost/core';
import { translate } from '@outpost/i18n';
import type { App } from '@slack/bolt';
import {
  COMMITTEE_REJECT_CALLBACK_ID,
  REJECT_REASON_ACTION_ID,
  REJECT_REASON_BLOCK_ID,
} from '../../committee/ids.ts';
import { decodeRejectMetadata } from '../../committee/reject-metadata.ts';
import { replyToResponseUrl } from '../../committee/response-url.ts';
import { followUpVote, recordVoteFromSlack } from '../../committee/vote-from-slack.ts';
import type { ListenerDeps } from '../../deps.ts';
import { slackLog } from '../../log.ts';

/**
 * Submission of the reject modal. The reason is checked with core's own vote schema
 * before answering, so a missing or blank reason keeps the modal open with the error
 * on the field; a valid one is cast, then the modal closes (refusals then arrive as an
 * ephemeral message, like a refused button click).
 */
export function registerCommitteeReject(app: App, deps: ListenerDeps): void {
  app.view(
    { type: 'view_submission', callback_id: COMMITTEE_REJECT_CALLBACK_ID },
    async ({ ack, body, view }) => {
      const metadata = decodeRejectMetadata(view.private_metadata);
      if (!metadata) {
        // Not a modal this app opened in this shape (e.g. one left open across an upgrade).
        await ack();
        slackLog.warn('Reject modal submitted without readable metadata; ignored');
        return;
      }
      const reason = view.state.values[REJECT_REASON_BLOCK_ID]?.[REJECT_REASON_ACTION_ID]?.value ?? '';
      const checked = voteInput.safeParse({
        applicationId: metadata.applicationId,
        vote: 'reject',
        reason,
        via: 'slack',
      });
      if (!checked.success && checked.error.issues.some((issue) => issue.path[0] === 'reason')) {
        await ack({
          response_action: 'errors',
          errors: {
            [REJECT_REASON_BLOCK_ID]: translate(metadata.locale, 'committee.rejectModal.reasonInvalid'),
          },
        });
        return;
      }
      // Stored before the modal closes; refusals arrive as an ephemeral message afterwards.
      const outcome = await recordVoteFromSlack(deps, {
        slackUserId: body.user.id,
        slackTeamId: body.team?.id ?? body.user.team_id ?? null,
        applicationId: metadata.applicationId,
        vote: 'reject',
        reason: checked.success ? (checked.data.reason ?? reason) : reason,
        locale: metadata.locale,
      });
      await ack();
      await followUpVote(deps, outcome, replyToResponseUrl(metadata.responseUrl));
    },
  );
}
