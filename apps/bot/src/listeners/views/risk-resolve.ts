import { resolveRiskAlert } from '@outpost/core';
import type { App } from '@slack/bolt';
import { replyToResponseUrl } from '../../committee/response-url.ts';
import type { ListenerDeps } from '../../deps.ts';
import { followUpRiskAction, riskActionFromSlack } from '../../risk/act-from-slack.ts';
import {
  localesOf,
  RISK_NOTE_ACTION_ID,
  RISK_NOTE_BLOCK_ID,
  RISK_RESOLVE_CALLBACK_ID,
} from '../../risk/ids.ts';
import { decodeResolveMetadata } from '../../risk/resolve-metadata.ts';
import { RESOLUTION_NOTE_MAX } from '../../views/risk-resolve-modal.ts';
import { translate } from '@outpost/i18n';
import { slackLog } from '../../log.ts';

/**
 * Submission of the resolve modal: a blank (or too long) note keeps the modal open with the error
 * on the field and changes nothing; a real one resolves the alert through core, then the modal
 * closes (refusals — not linked, no permission, already closed — arrive as an ephemeral message).
 */
export function registerRiskResolve(app: App, deps: ListenerDeps): void {
  app.view(
    { type: 'view_submission', callback_id: RISK_RESOLVE_CALLBACK_ID },
    async ({ ack, body, view }) => {
      const metadata = decodeResolveMetadata(view.private_metadata);
      if (!metadata) {
        await ack();
        slackLog.warn('Risk resolve modal submitted without readable metadata; ignored');
        return;
      }
      const note = (view.state.values[RISK_NOTE_BLOCK_ID]?.[RISK_NOTE_ACTION_ID]?.value ?? '').trim();
      if (note.length === 0 || note.length > RESOLUTION_NOTE_MAX) {
        await ack({
          response_action: 'errors',
          errors: {
            [RISK_NOTE_BLOCK_ID]: localesOf(metadata.languages)
              .map((l) => translate(l, 'riskSlack.resolveModal.noteRequired'))
              .join(' / '),
          },
        });
        return;
      }
      const outcome = await riskActionFromSlack(deps, {
        slackUserId: body.user.id,
        slackTeamId: body.team?.id ?? body.user.team_id ?? null,
        alertId: metadata.alertId,
        clicked: metadata.message,
        languages: metadata.languages,
        locale: metadata.languages === 'both' ? null : metadata.languages,
        act: (actor) => resolveRiskAlert(deps.db, actor, { alertId: metadata.alertId, note }),
      });
      await ack();
      await followUpRiskAction(deps, outcome, replyToResponseUrl(metadata.responseUrl));
    },
  );
}
