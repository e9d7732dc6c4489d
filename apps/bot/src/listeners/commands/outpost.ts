import { escapeSlackText, listRiskAlerts, partnerSummaryForSlack, unreadCount } from '@outpost/core';
import type { Locale } from '@outpost/i18n';
import type { App } from '@slack/bolt';
import type { ListenerDeps } from '../../deps.ts';
import { identify } from '../../identity.ts';
import { replyWithError } from '../reply-error.ts';
import { ephemeral } from '../../views/ephemeral.ts';
import { helpView } from '../../views/help.ts';
import { inboxSummaryView } from '../../views/inbox-summary.ts';
import { notLinkedView } from '../../views/not-linked.ts';
import { localized } from '../../views/text.ts';
import { myAlertsView, partnerSummaryView } from '../../views/risk-commands.ts';

/** `/outpost [help|link|inbox|alerts|partner <name or credit code>]`; every answer is ephemeral and in the person's language. */
export function registerOutpostCommand(app: App, deps: ListenerDeps): void {
  app.command('/outpost', async ({ ack, command, respond }) => {
    await ack();
    const subcommand = command.text.trim().split(/\s+/)[0]?.toLowerCase() || 'help';
    let locale: Locale | null = null;
    try {
      const who = await identify(deps, command.user_id, command.team_id ?? null);
      locale = who.locale;
      switch (subcommand) {
        case 'help':
          return void (await respond(helpView(who.locale)));
        case 'link': {
          if (!who.linked) return void (await respond(notLinkedView(who, deps.publicUrl)));
          const name = escapeSlackText(who.person.user.displayName);
          return void (await respond(
            ephemeral(
              localized(who.locale, who.justLinked ? 'slack.linked' : 'slack.alreadyLinked', { name }),
            ),
          ));
        }
        case 'inbox': {
          if (!who.linked) return void (await respond(notLinkedView(who, deps.publicUrl)));
          const unread = await unreadCount(deps.db, who.person.actor);
          return void (await respond(inboxSummaryView(who.locale, unread, deps.publicUrl)));
        }
        case 'alerts': {
          if (!who.linked) return void (await respond(notLinkedView(who, deps.publicUrl)));
          const list = await listRiskAlerts(deps.db, who.person.actor, { mine: true });
          return void (await respond(myAlertsView(who.locale, list, deps.publicUrl)));
        }
        case 'partner': {
          if (!who.linked) return void (await respond(notLinkedView(who, deps.publicUrl)));
          const query = command.text.trim().slice('partner'.length).trim();
          if (!query)
            return void (await respond(ephemeral(localized(who.locale, 'riskSlack.partner.usage'))));
          const summary = await partnerSummaryForSlack(deps.db, who.person.actor, query);
          return void (await respond(partnerSummaryView(who.locale, query, summary, deps.publicUrl)));
        }
        default:
          return void (await respond(helpView(who.locale, { unknownCommand: subcommand })));
      }
    } catch (error) {
      await replyWithError(respond, locale, error);
    }
  });
}
