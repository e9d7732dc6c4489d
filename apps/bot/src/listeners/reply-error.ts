import type { Locale } from '@outpost/i18n';
import type { RespondArguments } from '@slack/bolt';
import { errorView } from '../views/error.ts';
import { slackLog } from '../log.ts';

/**
 * Tells the person a listener failed. If even that reply cannot reach Slack (Slack is
 * down), the original failure has already been logged by errorView; note the second.
 */
export async function replyWithError(
  respond: (message: RespondArguments) => Promise<unknown>,
  locale: Locale | null,
  error: unknown,
): Promise<void> {
  try {
    await respond(errorView(locale, error));
  } catch (replyError) {
    slackLog.warn({ error: (replyError as Error).message }, 'Could not send the error reply to Slack');
  }
}
