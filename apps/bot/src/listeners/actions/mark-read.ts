import { MARK_READ_ACTION_ID } from '@outpost/core';
import type { Locale } from '@outpost/i18n';
import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import type { ListenerDeps } from '../../deps.ts';
import { identify } from '../../identity.ts';
import { clickedMessage } from '../clicked-message.ts';
import { replyWithError } from '../reply-error.ts';
import { markReadFromSlack } from '../../mark-read.ts';
import { ephemeral } from '../../views/ephemeral.ts';
import { notLinkedView } from '../../views/not-linked.ts';
import { notificationReadView } from '../../views/notification-read.ts';
import { localized } from '../../views/text.ts';

/** "Mark as read" on a delivered notification: marks it read as the clicker and strips the buttons. */
export function registerMarkRead(app: App, deps: ListenerDeps): void {
  app.action<BlockAction<ButtonAction>>(
    { type: 'block_actions', action_id: MARK_READ_ACTION_ID },
    async ({ ack, body, action, respond }) => {
      await ack();
      let locale: Locale | null = null;
      try {
        const who = await identify(deps, body.user.id, body.team?.id ?? null);
        locale = who.locale;
        if (!who.linked) return void (await respond(notLinkedView(who, deps.publicUrl)));

        const outcome = await markReadFromSlack(deps.db, who.person, action.value);
        if (outcome.kind === 'not_yours')
          return void (await respond(ephemeral(localized(who.locale, 'slack.notYours'))));

        const message = clickedMessage(body);
        if (message) {
          const view = notificationReadView(outcome.payload, {
            locale: who.locale,
            readerName: who.person.user.displayName,
            publicUrl: deps.publicUrl,
          });
          await deps.slack.updateMessage({ ...message, ...view });
        }
      } catch (error) {
        await replyWithError(respond, locale, error);
      }
    },
  );
}
