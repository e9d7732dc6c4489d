import { MARK_READ_ACTION_ID } from '@outpost/core';
import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import type { ListenerDeps } from '../../deps.ts';
import { identify } from '../../identity.ts';
import { markReadFromSlack } from '../../mark-read.ts';
import { errorView } from '../../views/error.ts';
import { ephemeral } from '../../views/ephemeral.ts';
import { notLinkedView } from '../../views/not-linked.ts';
import { localized } from '../../views/text.ts';
import { clickedMessage } from '../clicked-message.ts';

/**
 * "Mark as read" on a delivered notification: marks it read as the clicker — with the
 * redraw of the message (buttons gone) queued in the same transaction — before the ack.
 * A repeated click changes nothing and calls Slack for nothing.
 */
export function registerMarkRead(app: App, deps: ListenerDeps): void {
  app.action<BlockAction<ButtonAction>>(
    { type: 'block_actions', action_id: MARK_READ_ACTION_ID },
    async ({ ack, body, action, respond }) => {
      let answer: Parameters<typeof respond>[0] | null = null;
      let changed = false;
      let locale = null as Parameters<typeof errorView>[0];
      try {
        const who = await identify(deps, body.user.id, body.team?.id ?? null);
        locale = who.locale;
        if (!who.linked) {
          answer = notLinkedView(who, deps.publicUrl);
        } else {
          const outcome = await markReadFromSlack(deps.db, who.person, action.value, clickedMessage(body));
          if (outcome.kind === 'not_yours') answer = ephemeral(localized(who.locale, 'slack.notYours'));
          else changed = outcome.changed;
        }
      } catch (error) {
        answer = errorView(locale, error);
      }
      await ack();
      if (changed) deps.refresher.soon();
      if (answer) await deps.replies.send(respond, answer);
    },
  );
}
