import { committeeOutboxKinds } from '@outpost/bot';
import type { SlackOutboxKind } from '@outpost/core';

/**
 * Slack outbox kinds this worker delivers besides plain notifications (core knows
 * those). Rows of a kind missing here wait in the outbox for a worker that has it.
 */
export const slackOutboxKinds: Record<string, SlackOutboxKind> = {
  ...committeeOutboxKinds,
};
