import type { Locale } from '@outpost/i18n';
import type { RespondArguments } from '@slack/bolt';
import { errorView } from '../views/error.ts';

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
    console.warn('Could not send the error reply to Slack:', (replyError as Error).message);
  }
}
