import {
  type Database,
  outbox,
  partners,
  type RiskAlert,
  riskAlerts,
  type riskLevels,
  slackLinks,
  users,
} from '@outpost/db';
import { alias } from 'drizzle-orm/pg-core';
import { and, eq, sql } from 'drizzle-orm';
import { SLACK_REFRESH_SPACING_MS } from '../slack-refresh.ts';

/**
 * Risk alerts in Slack (issue 12, decision record 034). Core only decides *what* goes out and
 * queues it in the outbox, in the transaction of the change; the bot renders the message from
 * the alert as it is at delivery time (so a late, repeated or coalesced delivery still shows the
 * current state), posts it, and remembers where (`slack_channel` / `slack_ts`) to update it in place.
 */
export const RISK_SLACK_CHANNELS = {
  notice: 'channel:risk-notice',
  warning: 'channel:risk-warning',
  critical: 'channel:risk-critical',
} as const satisfies Record<(typeof riskLevels)[number], string>;

/** Outbox kind: post an alert's card (to its level's channel, or as a DM when `payload.userId`). */
export const RISK_ALERT_POST_KIND = 'risk_alert_post';
/** Outbox kind: redraw an alert's card in place (the channel message, or `payload.channel`/`ts`). */
export const RISK_ALERT_REFRESH_KIND = 'risk_alert_refresh';

type AlertRef = Pick<RiskAlert, 'id'>;

/**
 * A new alert: its card to the channel of its level; a critical one also as a DM to the partner's
 * relationship owner when they have linked Slack (without a link the inbox and the channel suffice).
 */
export async function queueRiskAlertPost(tx: Database, alert: AlertRef) {
  const [row] = await tx
    .select({
      level: riskAlerts.level,
      ownerId: partners.relationshipOwnerId,
      slackUserId: slackLinks.slackUserId,
    })
    .from(riskAlerts)
    .innerJoin(partners, eq(partners.id, riskAlerts.partnerId))
    .leftJoin(slackLinks, eq(slackLinks.userId, partners.relationshipOwnerId))
    .where(eq(riskAlerts.id, alert.id));
  if (!row) return;
  const rows: (typeof outbox.$inferInsert)[] = [
    {
      channel: 'slack',
      target: RISK_SLACK_CHANNELS[row.level],
      payload: { kind: RISK_ALERT_POST_KIND, alertId: alert.id },
    },
  ];
  if (row.level === 'critical' && row.ownerId && row.slackUserId) {
    rows.push({
      channel: 'slack',
      target: null,
      payload: { kind: RISK_ALERT_POST_KIND, alertId: alert.id, userId: row.ownerId },
    });
  }
  await tx.insert(outbox).values(rows);
}

/**
 * The alert changed: redraw its channel card. At most one waiting refresh per alert (the
 * coalesce key; claiming clears it), due a spacing later: however many changes arrive, the card
 * is updated at most about once a second and always shows the latest state. `message` redraws
 * another copy (the DM that was clicked) the same way.
 */
export async function queueRiskAlertRefresh(
  tx: Database,
  alert: AlertRef,
  message?: { channel: string; ts: string; languages?: string },
) {
  if (!message) {
    // The relationship owner's DM copy follows every change too, in the owner's language.
    const [dm] = await tx
      .select({ channel: riskAlerts.slackDmChannel, ts: riskAlerts.slackDmTs, locale: users.locale })
      .from(riskAlerts)
      .leftJoin(users, eq(users.id, riskAlerts.slackDmUserId))
      .where(eq(riskAlerts.id, alert.id));
    if (dm?.channel && dm.ts) {
      await queueRiskAlertRefresh(tx, alert, {
        channel: dm.channel,
        ts: dm.ts,
        languages: dm.locale ?? 'zh-CN',
      });
    }
  }
  await tx
    .insert(outbox)
    .values({
      channel: 'slack',
      target: message?.channel ?? null,
      payload: {
        kind: RISK_ALERT_REFRESH_KIND,
        alertId: alert.id,
        ...(message
          ? { channel: message.channel, ts: message.ts, languages: message.languages ?? 'both' }
          : {}),
      },
      coalesceKey: message ? `slack-message:${message.channel}:${message.ts}` : `risk-alert:${alert.id}`,
      nextAttemptAt: new Date(Date.now() + SLACK_REFRESH_SPACING_MS),
    })
    .onConflictDoNothing();
}

/** Remembers the channel message of an alert (the first one wins: a redelivery updates it instead). */
export async function recordRiskAlertMessage(
  tx: Database,
  alertId: string,
  ref: { channel: string; ts: string },
) {
  const [row] = await tx
    .update(riskAlerts)
    .set({ slackChannel: ref.channel, slackTs: ref.ts })
    .where(and(eq(riskAlerts.id, alertId), sql`${riskAlerts.slackTs} is null`))
    .returning({ id: riskAlerts.id });
  return row !== undefined;
}

/** Remembers the owner's DM copy of an alert (the first one wins), so later changes redraw it. */
export async function recordRiskAlertDm(
  tx: Database,
  alertId: string,
  ref: { channel: string; ts: string },
  userId: string,
) {
  await tx
    .update(riskAlerts)
    .set({ slackDmChannel: ref.channel, slackDmTs: ref.ts, slackDmUserId: userId })
    .where(and(eq(riskAlerts.id, alertId), sql`${riskAlerts.slackDmTs} is null`));
}

/** Everything an alert's Slack card shows, read without an actor (the delivery is the system's). */
export async function loadRiskAlertCard(db: Database, alertId: string) {
  const owner = alias(users, 'owner');
  const acknowledger = alias(users, 'acknowledger');
  const resolver = alias(users, 'resolver');
  const dismisser = alias(users, 'dismisser');
  const [row] = await db
    .select({
      alert: riskAlerts,
      partnerName: partners.legalName,
      creditCode: partners.creditCode,
      ownerName: owner.displayName,
      acknowledgedByName: acknowledger.displayName,
      resolvedByName: resolver.displayName,
      dismissedByName: dismisser.displayName,
    })
    .from(riskAlerts)
    .innerJoin(partners, eq(partners.id, riskAlerts.partnerId))
    .leftJoin(owner, eq(owner.id, riskAlerts.ownerId))
    .leftJoin(acknowledger, eq(acknowledger.id, riskAlerts.acknowledgedBy))
    .leftJoin(resolver, eq(resolver.id, riskAlerts.resolvedBy))
    .leftJoin(dismisser, eq(dismisser.id, riskAlerts.dismissedBy))
    .where(eq(riskAlerts.id, alertId));
  if (!row) return null;
  const snapshot = row.alert.ruleSnapshot as { nameZh?: string; nameEn?: string };
  return {
    ...row,
    ruleNameZh: snapshot.nameZh ?? '',
    ruleNameEn: snapshot.nameEn ?? '',
    href: `/s/risk/alerts/${row.alert.id}`,
  };
}
export type RiskAlertCard = NonNullable<Awaited<ReturnType<typeof loadRiskAlertCard>>>;
