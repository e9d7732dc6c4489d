import { defaultLocale } from '@outpost/i18n';
import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import { BALLOT_IDS, encodeReasonMetadata, localeOfBallotBlock } from '../../ballots/ids.ts';
import { decideBallotFromSlack } from '../../ballots/kind.ts';
import { BALLOT_KINDS } from '../../ballots/kinds.ts';
import { followUpVote } from '../../committee/vote-from-slack.ts';
import type { ListenerDeps } from '../../deps.ts';
import { canOpenViews } from '../../gateway.ts';
import { ballotReasonModal } from '../../views/ballot-reason-modal.ts';
import { clickedMessage } from '../clicked-message.ts';
import { replyWithError } from '../reply-error.ts';

/**
 * The approval ballots' buttons, for every kind (decision record 058). Approve decides at once
 * (stored, with every approver's message refresh queued, before the ack); Return… / Reject…
 * first asks for the reason in a modal (decided when it is submitted, ../views/ballot-reason.ts).
 */
export function registerApprovalBallots(app: App, deps: ListenerDeps): void {
  for (const kind of BALLOT_KINDS) {
    const ids = BALLOT_IDS[kind.kind];
    app.action<BlockAction<ButtonAction>>(
      { type: 'block_actions', action_id: ids.approve },
      async ({ ack, body, action, respond }) => {
        const outcome = await decideBallotFromSlack(deps, kind, {
          slackUserId: body.user.id,
          slackTeamId: body.team?.id ?? null,
          subjectId: action.value ?? '',
          decision: 'approve',
          locale: localeOfBallotBlock(kind.kind, action.block_id),
        });
        await ack();
        await followUpVote(deps, outcome, respond);
      },
    );

    app.action<BlockAction<ButtonAction>>(
      { type: 'block_actions', action_id: ids.reject },
      async ({ ack, body, action, respond }) => {
        await ack();
        // The trigger_id expires 3 s after the click: open the modal before anything slow.
        const locale = localeOfBallotBlock(kind.kind, action.block_id) ?? defaultLocale;
        try {
          if (!canOpenViews(deps.slack)) throw new Error('This Slack gateway cannot open modals.');
          const metadata = encodeReasonMetadata({
            subjectId: action.value ?? '',
            message: clickedMessage(body),
            responseUrl: body.response_url ?? null,
            locale,
          });
          await deps.slack.openView(body.trigger_id, ballotReasonModal(kind, locale, metadata));
        } catch (error) {
          await replyWithError(respond, locale, error);
        }
      },
    );
  }
}
