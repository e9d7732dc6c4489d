import { type MessageKey, translate } from '@outpost/i18n';
import type { App } from '@slack/bolt';
import { BALLOT_IDS, decodeReasonMetadata, REASON_ACTION_ID, REASON_BLOCK_ID } from '../../ballots/ids.ts';
import { decideBallotFromSlack } from '../../ballots/kind.ts';
import { BALLOT_KINDS } from '../../ballots/kinds.ts';
import { replyToResponseUrl } from '../../committee/response-url.ts';
import { followUpVote } from '../../committee/vote-from-slack.ts';
import type { ListenerDeps } from '../../deps.ts';
import { slackLog } from '../../log.ts';

/**
 * Submission of a ballot's reason modal, for every kind: the reason is checked with core's own
 * schema first, so a blank one keeps the modal open with the error on the field; a valid one is
 * decided, then the modal closes (a refusal then arrives as an ephemeral message).
 */
export function registerBallotReason(app: App, deps: ListenerDeps): void {
  for (const kind of BALLOT_KINDS) {
    app.view(
      { type: 'view_submission', callback_id: BALLOT_IDS[kind.kind].callbackId },
      async ({ ack, body, view }) => {
        const metadata = decodeReasonMetadata(view.private_metadata);
        if (!metadata) {
          await ack();
          slackLog.warn(`${kind.label} modal submitted without readable metadata; ignored`);
          return;
        }
        const reason = view.state.values[REASON_BLOCK_ID]?.[REASON_ACTION_ID]?.value ?? '';
        if (kind.reasonRefused(metadata.subjectId, reason)) {
          await ack({
            response_action: 'errors',
            errors: {
              [REASON_BLOCK_ID]: translate(
                metadata.locale,
                `${kind.modal}.reasonInvalid` satisfies MessageKey,
              ),
            },
          });
          return;
        }
        const outcome = await decideBallotFromSlack(deps, kind, {
          slackUserId: body.user.id,
          slackTeamId: body.team?.id ?? body.user.team_id ?? null,
          subjectId: metadata.subjectId,
          decision: 'reject',
          reason: reason.trim(),
          locale: metadata.locale,
        });
        await ack();
        await followUpVote(deps, outcome, replyToResponseUrl(metadata.responseUrl));
      },
    );
  }
}
