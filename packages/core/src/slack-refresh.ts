/** Spacing between two refreshes of one Slack message (chat.update is rate limited per message). */
export const SLACK_REFRESH_SPACING_MS = 1_000;

/**
 * Coalescing and spacing of refreshes of one Slack message. At most one unclaimed row
 * per message (the outbox's unique coalesce_key; claiming clears it), due a second after
 * it was queued: a new row can only be queued after the previous one was claimed, so
 * two updates of a message are at least a second apart, however many clicks arrive.
 */
export function slackRefreshTiming(channel: string, ts: string) {
  return {
    coalesceKey: `slack-message:${channel}:${ts}`,
    nextAttemptAt: new Date(Date.now() + SLACK_REFRESH_SPACING_MS),
  };
}
