import { deliverDueEmail, deliverDueOutbox, type DeliveryReport } from '@outpost/core';
import { slackOutboxKinds } from '../outbox/kinds.ts';
import type { JobContext } from './context.ts';

export const OUTBOX_BATCH_SIZE = 50;

export interface OutboxPassReport {
  slack: DeliveryReport;
  email: DeliveryReport;
}

/**
 * One delivery pass over both outbox channels; the report ends up as the pg-boss
 * job's output. A channel without its service configured claims nothing.
 */
export async function deliverOutbox({
  db,
  slack,
  mailer,
  publicUrl,
  slackChannels,
}: JobContext): Promise<OutboxPassReport> {
  const slackReport = await deliverDueOutbox(db, slack, {
    batchSize: OUTBOX_BATCH_SIZE,
    publicUrl,
    channels: slackChannels,
    kinds: slackOutboxKinds,
  });
  const emailReport = await deliverDueEmail(db, mailer ?? null, { batchSize: OUTBOX_BATCH_SIZE, publicUrl });
  return { slack: slackReport, email: emailReport };
}

/** Whether a full batch suggests a backlog worth draining at once (and nobody asked us to slow down). */
export function hasBacklog(report: OutboxPassReport): boolean {
  const full = (r: DeliveryReport) =>
    r.claimed === OUTBOX_BATCH_SIZE && r.rateLimitedForSeconds === undefined;
  return full(report.slack) || full(report.email);
}
