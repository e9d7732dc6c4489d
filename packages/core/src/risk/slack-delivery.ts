import { type Database, outbox, riskAlerts } from '@outpost/db';
import { and, eq, inArray } from 'drizzle-orm';
import { systemActor } from '../actor.ts';
import { recordRiskAlertDm, recordRiskAlertMessage } from './slack.ts';
import { recordAlertEvent } from './timeline.ts';

/**
 * After Slack accepted an alert's card (in the transaction that marks its outbox row sent):
 * the channel message is remembered for updates in place, and each alert's timeline says it
 * was posted (`slack_posted`; `dm` for the relationship owner's copy, `digest` when it went out
 * in a digest, whose other outbox rows are then marked skipped).
 */
export async function recordRiskAlertsPosted(
  tx: Database,
  input: {
    alertIds: string[];
    ref: { channel: string; ts: string };
    /** The relationship owner whose DM this was (remembered, so later changes redraw it). */
    dmUserId?: string;
    /** Outbox rows the digest covered (skipped so they never post on their own). */
    digestRowIds?: string[];
  },
) {
  const digest = input.digestRowIds !== undefined;
  if (input.digestRowIds?.length) {
    await tx
      .update(outbox)
      .set({ status: 'skipped', lastError: `in digest ${input.ref.channel}/${input.ref.ts}` })
      .where(and(inArray(outbox.id, input.digestRowIds), eq(outbox.status, 'pending')));
  }
  if (input.alertIds.length === 0) return;
  const alerts = await tx
    .select({ id: riskAlerts.id, partnerId: riskAlerts.partnerId })
    .from(riskAlerts)
    .where(inArray(riskAlerts.id, input.alertIds));
  const actor = systemActor('slack-delivery');
  const now = new Date();
  for (const alert of alerts) {
    if (input.dmUserId) await recordRiskAlertDm(tx, alert.id, input.ref, input.dmUserId);
    else if (!digest) await recordRiskAlertMessage(tx, alert.id, input.ref);
    await recordAlertEvent(tx, actor, alert, 'slack_posted', now, {
      ...input.ref,
      ...(input.dmUserId ? { dm: true } : {}),
      ...(digest ? { digest: true } : {}),
    });
  }
}
