import { escapeSlackText } from '@outpost/core';
import type { Locale } from '@outpost/i18n';
import { ephemeral } from './ephemeral.ts';
import { localized } from './text.ts';

export function helpView(locale: Locale | null, options: { unknownCommand?: string } = {}) {
  const help = `${localized(locale, 'slack.help')}\n${localized(locale, 'riskSlack.help')}`;
  const text = options.unknownCommand
    ? `${localized(locale, 'slack.unknownCommand', { command: escapeSlackText(options.unknownCommand.slice(0, 40)) })}\n${help}`
    : help;
  return ephemeral(text, [{ type: 'section', text: { type: 'mrkdwn', text } }]);
}
