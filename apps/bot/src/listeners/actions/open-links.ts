import { OPEN_IN_OUTPOST_ACTION_ID } from '@outpost/core';
import type { App } from '@slack/bolt';

/**
 * Link buttons open the browser, but Slack still sends the click to the app and shows
 * a warning unless it is acknowledged.
 */
export function registerOpenLinks(app: App): void {
  for (const actionId of [OPEN_IN_OUTPOST_ACTION_ID, 'inbox_open', 'risk_alerts_open', 'risk_partner_open']) {
    app.action({ type: 'block_actions', action_id: actionId }, async ({ ack }) => {
      await ack();
    });
  }
}
