import { deliverDueOutbox } from '@outpost/core';
import type { JobContext } from './context.ts';

export const OUTBOX_BATCH_SIZE = 50;

/** One delivery pass; the report ends up as the pg-boss job's output. */
export function deliverOutbox({ db, slack, publicUrl, slackChannels }: JobContext) {
  return deliverDueOutbox(db, slack, { batchSize: OUTBOX_BATCH_SIZE, publicUrl, channels: slackChannels });
}
