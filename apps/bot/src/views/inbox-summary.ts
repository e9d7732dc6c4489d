import type { Locale } from '@outpost/i18n';
import { ephemeral } from './ephemeral.ts';
import { localized } from './text.ts';

export function inboxSummaryView(locale: Locale, unread: number, publicUrl: string) {
  const text =
    unread === 0
      ? localized(locale, 'slack.inboxEmpty')
      : localized(locale, 'slack.inboxCount', { count: unread });
  return ephemeral(text, [
    {
      type: 'section',
      text: { type: 'mrkdwn', text },
      accessory: {
        type: 'button',
        action_id: 'inbox_open',
        text: { type: 'plain_text', text: localized(locale, 'slack.openInbox') },
        url: `${publicUrl}/inbox`,
      },
    },
  ]);
}
