import {
  loadRiskAlertCard,
  RISK_ALERT_POST_KIND,
  RISK_SLACK_CHANNELS,
  recordRiskAlertsPosted,
  type SlackOutboxKind,
  slackLinkOf,
} from '@outpost/core';
import { type Database, type OutboxRow, outbox, users } from '@outpost/db';
import { isLocale } from '@outpost/i18n';
import { and, asc, eq, inArray, ne, sql } from 'drizzle-orm';
import { riskAlertView, riskDigestView } from '../views/risk-alert.ts';

/**
 * Pacing and grouping of risk alert posts (decision 034). Slack allows about one
 * chat.postMessage per second per channel: a post waits until `postSpacingMs` after this
 * process's previous post to the same channel (a 429 with Retry-After is still handled by the
 * outbox, which gives the rest of the batch back for that long). When at least `digestAt`
 * posts are waiting for one channel, the first of them posts a single digest listing them all
 * and the others are marked skipped ("in digest …") in the same transaction.
 */
export const riskSlackPacing = { postSpacingMs: 1_000, digestAt: 6 };

const lastPostAt = new Map<string, number>();

async function pace(channel: string) {
  const wait = (lastPostAt.get(channel) ?? 0) + riskSlackPacing.postSpacingMs - Date.now();
  if (wait > 0) await new Promise((r) => setTimeout(r, wait));
  lastPostAt.set(channel, Date.now());
}

/** Posts that a digest already covered, by the row that posted the digest (plan → delivered). */
const digested = new WeakMap<OutboxRow, { rowIds: string[]; alertIds: string[] }>();

const levelOfTarget = (target: string) =>
  (Object.entries(RISK_SLACK_CHANNELS).find(([, t]) => t === target)?.[0] ?? 'warning') as string;

/**
 * `risk_alert_post`: a new alert's card, rendered at delivery time. To its level's channel (both
 * languages; remembered on the alert for updates in place), or as a DM to `payload.userId` (their
 * language). A channel post for an alert that already has its message (at-least-once redelivery)
 * updates that message instead of posting a second one.
 */
export const riskAlertPostKind: SlackOutboxKind = {
  async plan(db, row, { publicUrl, resolveChannel }) {
    const alertId = row.payload.alertId;
    if (typeof alertId !== 'string') return { skip: 'malformed risk alert post' };
    // A digest posted earlier in this batch covered this row.
    const [self] = await db.select({ status: outbox.status }).from(outbox).where(eq(outbox.id, row.id));
    if (self?.status !== 'pending') return { skip: 'already covered by a digest' };
    const card = await loadRiskAlertCard(db, alertId);
    if (!card) return { skip: 'alert no longer exists' };

    const userId = row.payload.userId;
    if (typeof userId === 'string') {
      const link = await slackLinkOf(db, userId);
      if (!link) return { skip: 'relationship owner has no linked Slack user' };
      const [user] = await db.select({ locale: users.locale }).from(users).where(eq(users.id, userId));
      const message = riskAlertView(card, { languages: user?.locale ?? 'zh-CN', publicUrl });
      return { post: { channel: link.slackUserId, ...message } };
    }

    if (!row.target) return { skip: 'no target' };
    const channel = resolveChannel(row.target);
    if (!channel) return { skip: `no Slack channel configured for ${row.target}` };
    if (card.alert.slackChannel && card.alert.slackTs) {
      const message = riskAlertView(card, { languages: 'both', publicUrl });
      return { update: { channel: card.alert.slackChannel, ts: card.alert.slackTs, ...message } };
    }
    const waiting = await waitingPosts(db, row);
    if (waiting.length + 1 >= riskSlackPacing.digestAt) {
      const cards = [card];
      for (const w of waiting) {
        const other = await loadRiskAlertCard(db, w.alertId);
        if (other && !other.alert.slackTs) cards.push(other);
      }
      digested.set(row, { rowIds: waiting.map((w) => w.id), alertIds: cards.map((c) => c.alert.id) });
      await pace(channel);
      return { post: { channel, ...riskDigestView(cards, { level: levelOfTarget(row.target), publicUrl }) } };
    }
    await pace(channel);
    return { post: { channel, ...riskAlertView(card, { languages: 'both', publicUrl }) } };
  },

  async delivered(tx, row, ref) {
    const digest = digested.get(row);
    digested.delete(row);
    if (digest) {
      await recordRiskAlertsPosted(tx, { alertIds: digest.alertIds, ref, digestRowIds: digest.rowIds });
      return;
    }
    await recordRiskAlertsPosted(tx, {
      alertIds: [row.payload.alertId as string],
      ref,
      ...(typeof row.payload.userId === 'string' ? { dmUserId: row.payload.userId } : {}),
    });
  },
};

/** Other channel posts of risk alerts still waiting for the same target, oldest first. */
async function waitingPosts(db: Database, row: OutboxRow) {
  const rows = await db
    .select({ id: outbox.id, alertId: sql<string>`${outbox.payload}->>'alertId'` })
    .from(outbox)
    .where(
      and(
        eq(outbox.channel, 'slack'),
        eq(outbox.status, 'pending'),
        eq(outbox.target, row.target!),
        sql`${outbox.payload}->>'kind' = ${RISK_ALERT_POST_KIND}`,
        sql`${outbox.payload}->>'userId' is null`,
        ne(outbox.id, row.id),
      ),
    )
    .orderBy(asc(outbox.createdAt))
    .limit(500);
  return rows;
}

/**
 * `risk_alert_refresh`: redraws an alert's card in place after a change, from its state at
 * delivery (coalesced per alert in core). `payload.channel`/`ts` name another copy (a clicked
 * DM). An alert whose post has not gone out yet waits for it (a retry shortly after); one whose
 * post was covered by a digest, or was never posted (no channel configured), has nothing to update.
 */
export const riskAlertRefreshKind: SlackOutboxKind = {
  async plan(db, row, { publicUrl }) {
    const { alertId, channel, ts } = row.payload;
    if (typeof alertId !== 'string') return { skip: 'malformed risk alert refresh' };
    const card = await loadRiskAlertCard(db, alertId);
    if (!card) return { skip: 'alert no longer exists' };
    if (typeof channel === 'string' && typeof ts === 'string') {
      const languages = isLocale(row.payload.languages) ? row.payload.languages : 'both';
      return { update: { channel, ts, ...riskAlertView(card, { languages, publicUrl }) } };
    }
    if (card.alert.slackChannel && card.alert.slackTs) {
      return {
        update: {
          channel: card.alert.slackChannel,
          ts: card.alert.slackTs,
          ...riskAlertView(card, { languages: 'both', publicUrl }),
        },
      };
    }
    const posts = await db
      .select({ status: outbox.status })
      .from(outbox)
      .where(
        and(
          eq(outbox.channel, 'slack'),
          sql`${outbox.payload}->>'kind' = ${RISK_ALERT_POST_KIND}`,
          sql`${outbox.payload}->>'alertId' = ${alertId}`,
          sql`${outbox.payload}->>'userId' is null`,
        ),
      );
    if (posts.some((p) => p.status === 'pending')) {
      // Throwing retries the row later (after the post has recorded its message): order per alert.
      throw new Error('the alert has not been posted yet; the update waits for the post');
    }
    return { skip: 'the alert has no message of its own (in a digest, or no channel configured)' };
  },
};
