import { acknowledgeRiskAlert, assignRiskAlert, personBySlackUser } from '@outpost/core';
import { defaultLocale } from '@outpost/i18n';
import type { App, BlockAction, ButtonAction, UsersSelectAction } from '@slack/bolt';
import type { ListenerDeps } from '../../deps.ts';
import { canOpenViews } from '../../gateway.ts';
import { followUpRiskAction, RiskReply, riskActionFromSlack } from '../../risk/act-from-slack.ts';
import { parseRiskBlockId, RISK_ALERT_ACTION_IDS } from '../../risk/ids.ts';
import { encodeResolveMetadata } from '../../risk/resolve-metadata.ts';
import { resolveNoteModal } from '../../views/risk-resolve-modal.ts';
import { clickedMessage } from '../clicked-message.ts';
import { replyWithError } from '../reply-error.ts';

/**
 * The risk alert card's controls (decision 034). Acknowledge and Assign change the alert through
 * core before Slack is acknowledged (durable, with the card's redraw queued in the same
 * transaction); Resolve first opens the modal asking for the note (../views/risk-resolve.ts).
 */
export function registerRiskAlertActions(app: App, deps: ListenerDeps): void {
  app.action<BlockAction<ButtonAction>>(
    { type: 'block_actions', action_id: RISK_ALERT_ACTION_IDS.acknowledge },
    async ({ ack, body, action, respond }) => {
      const block = parseRiskBlockId(action.block_id);
      const alertId = action.value ?? block?.alertId ?? '';
      const outcome = await riskActionFromSlack(deps, {
        slackUserId: body.user.id,
        slackTeamId: body.team?.id ?? null,
        alertId,
        clicked: clickedMessage(body),
        languages: block?.languages ?? 'both',
        act: (actor) => acknowledgeRiskAlert(deps.db, actor, alertId),
      });
      await ack();
      await followUpRiskAction(deps, outcome, respond);
    },
  );

  app.action<BlockAction<UsersSelectAction>>(
    { type: 'block_actions', action_id: RISK_ALERT_ACTION_IDS.assign },
    async ({ ack, body, action, respond }) => {
      const block = parseRiskBlockId(action.block_id);
      const alertId = block?.alertId ?? '';
      const outcome = await riskActionFromSlack(deps, {
        slackUserId: body.user.id,
        slackTeamId: body.team?.id ?? null,
        alertId,
        clicked: clickedMessage(body),
        languages: block?.languages ?? 'both',
        act: async (actor) => {
          const chosen = await personBySlackUser(deps.db, action.selected_user ?? '');
          if (!chosen) throw new RiskReply('riskSlack.assign.notLinked');
          return assignRiskAlert(deps.db, actor, { alertId, ownerId: chosen.user.id });
        },
      });
      await ack();
      await followUpRiskAction(deps, outcome, respond);
    },
  );

  app.action<BlockAction<ButtonAction>>(
    { type: 'block_actions', action_id: RISK_ALERT_ACTION_IDS.resolve },
    async ({ ack, body, action, respond }) => {
      await ack();
      // The trigger_id expires 3 s after the click: open the modal before anything slow.
      // Who clicked, and whether the alert is still open, is checked on submission.
      const block = parseRiskBlockId(action.block_id);
      const languages = block?.languages ?? 'both';
      try {
        if (!canOpenViews(deps.slack)) throw new Error('This Slack gateway cannot open modals.');
        const metadata = encodeResolveMetadata({
          alertId: action.value ?? block?.alertId ?? '',
          message: clickedMessage(body),
          responseUrl: body.response_url ?? null,
          languages,
        });
        await deps.slack.openView(body.trigger_id, resolveNoteModal(languages, metadata));
      } catch (error) {
        await replyWithError(respond, languages === 'both' ? null : (languages ?? defaultLocale), error);
      }
    },
  );
}
