import { escapeSlackText, type OutboxPayload, outpostUrl, slackNotificationText } from '@outpost/core';
import type { Locale } from '@outpost/i18n';
import { localized } from './text.ts';

/**
 * The delivered notification after its recipient marked it read: same text, buttons
 * gone (so nobody clicks twice), who did it and the portal link as plain text.
 */
export function notificationReadView(
  payload: OutboxPayload,
  options: { locale: Locale; readerName: string; publicUrl: string },
) {
  const text = slackNotificationText(payload, [options.locale]);
  const url = outpostUrl(options.publicUrl, payload.link);
  const readBy = `:white_check_mark: ${escapeSlackText(localized(options.locale, 'slack.markedRead', { name: options.readerName }))}`;
  const context = url
    ? `${readBy}  ·  <${url}|${escapeSlackText(localized(options.locale, 'notify.open'))}>`
    : readBy;
  return {
    text,
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text } },
      { type: 'context', elements: [{ type: 'mrkdwn', text: context }] },
    ],
  };
}
