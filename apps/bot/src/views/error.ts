import { asAppError } from '@outpost/core';
import type { Locale, MessageKey } from '@outpost/i18n';
import { ephemeral } from './ephemeral.ts';
import { localized } from './text.ts';
import { slackLog } from '../log.ts';

/**
 * A domain error as the person should read it (its messageKey in their language);
 * anything else is logged and shown as "something went wrong, nothing was changed".
 */
export function errorView(locale: Locale | null, raw: unknown) {
  // A domain error, or what the database refused mapped to one (core's database-errors.ts).
  const error = asAppError(raw);
  if (error) {
    if (error.messageKey) {
      // Details such as "who already acknowledged" fill the message's placeholders.
      const params = Object.fromEntries(
        Object.entries(error.details ?? {}).filter(([, v]) => typeof v === 'string' || typeof v === 'number'),
      ) as Record<string, string | number>;
      return ephemeral(localized(locale, error.messageKey as MessageKey, params));
    }
    if (error.code === 'forbidden') return ephemeral(localized(locale, 'slack.forbidden'));
    // No translation yet: core's English message still says what went wrong.
    return ephemeral(error.message);
  }
  slackLog.error({ err: raw }, 'Slack listener error');
  return ephemeral(localized(locale, 'errors.unexpected'));
}
