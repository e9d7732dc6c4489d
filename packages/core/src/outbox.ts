import { type Database, notifications, type OutboxRow, outbox, slackLinks, users } from '@outpost/db';
import { type Locale, type Params, translate } from '@outpost/i18n';
import { and, asc, eq, inArray, lte, sql } from 'drizzle-orm';
import { type SlackGateway, type SlackMessageRef, SlackRateLimitedError } from './ports.ts';

/**
 * Delivers the outbox to Slack.
 *
 * Claiming: a short transaction selects due rows `FOR UPDATE SKIP LOCKED`, bumps
 * `attempts` and pushes `next_attempt_at` forward by a lease, then commits. Slack is
 * called after the commit, so no row lock (and, on PGlite, no exclusive connection)
 * is held across a network call; another worker skips the row because it is locked
 * while being claimed and not due while leased. The result is written afterwards.
 *
 * Trade-off, chosen on purpose: delivery is at-least-once. If the process dies (or
 * stalls longer than the lease) between Slack accepting a message and the "sent"
 * update, the lease expires and the row is sent again — a rare duplicate DM is better
 * than a silently lost approval request. Holding the lock across the call would not
 * remove that window (a crash after Slack's 200 still rolls the update back) and would
 * block the single PGlite connection during every HTTP call. A crash counts as an
 * attempt (it was bumped at claim time), so a row that crashes the worker dies after
 * `maxAttempts` instead of looping forever.
 */
export const outboxPolicy = {
  /** How long a claimed row stays invisible to other workers. Far above the Slack client timeout. */
  leaseMs: 2 * 60_000,
  maxAttempts: 10,
  firstRetryMs: 30_000,
  maxRetryMs: 60 * 60_000,
};

/** Block Kit action ids the bot listens for. */
export const MARK_READ_ACTION_ID = 'notification_mark_read';
export const OPEN_IN_OUTPOST_ACTION_ID = 'notification_open';

/** `payload.kind` of a plain notification (rows without a kind are notifications too). */
export const NOTIFICATION_KIND = 'notification';

/** What to do with one claimed row. */
export type SlackDelivery =
  | { skip: string }
  | { post: { channel: string; text: string; blocks: Record<string, unknown>[] } }
  | { update: SlackMessageRef & { text: string; blocks: Record<string, unknown>[] } };

export interface SlackKindContext {
  publicUrl: string;
  /** A target as stored (`C…`, `U…` or a symbolic `channel:…`) as a Slack id, or null if none is configured. */
  resolveChannel(target: string): string | null;
}

/**
 * Another kind of Slack outbox row (e.g. a committee ballot rendered from current
 * state). Rows of a kind the running worker does not know are never claimed: they
 * wait for a worker that does, instead of being skipped.
 */
export interface SlackOutboxKind {
  plan(db: Database, row: OutboxRow, context: SlackKindContext): Promise<SlackDelivery>;
  /** After Slack accepted a new message, e.g. to remember its ts for later updates. */
  delivered?(db: Database, row: OutboxRow, ref: SlackMessageRef): Promise<void>;
}

export interface DeliverOptions {
  batchSize?: number;
  /** The clock, for tests that move time; defaults to the real one. */
  now?: Date;
  /** Base URL of the portal; a notification's link is a path below it. */
  publicUrl: string;
  /** Slack ids of symbolic targets such as `channel:reviewers`; unmapped ones are skipped. */
  channels?: Record<string, string | null | undefined>;
  /** Handlers for payload kinds beyond plain notifications. */
  kinds?: Record<string, SlackOutboxKind>;
}

export interface DeliveryReport {
  claimed: number;
  sent: number;
  skipped: number;
  retrying: number;
  dead: number;
  /** Set when Slack asked us to slow down; the rest of the batch waits as long. */
  rateLimitedForSeconds?: number;
}

/** 30 s, 60 s, 2 min … after the 1st, 2nd, 3rd failed attempt; never more than an hour. */
export function retryDelayMs(attempts: number): number {
  return Math.min(outboxPolicy.firstRetryMs * 2 ** Math.max(0, attempts - 1), outboxPolicy.maxRetryMs);
}

/**
 * Sends every due pending Slack row (up to batchSize). Without a Slack gateway it
 * touches nothing: rows wait until Slack is configured, and the portal inbox shows
 * the notifications meanwhile.
 */
export async function deliverDueOutbox(
  db: Database,
  slack: SlackGateway | null,
  options: DeliverOptions,
): Promise<DeliveryReport> {
  const report: DeliveryReport = { claimed: 0, sent: 0, skipped: 0, retrying: 0, dead: 0 };
  if (!slack) return report;
  const now = options.now ?? new Date();
  const kinds: Record<string, SlackOutboxKind> = { ...options.kinds, [NOTIFICATION_KIND]: notificationKind };
  const claimed = await claimDueRows(db, now, options.batchSize ?? 20, Object.keys(kinds));
  report.claimed = claimed.length;
  if (claimed.length === 0) return report;

  const context: SlackKindContext = {
    publicUrl: options.publicUrl,
    resolveChannel: (target) => (target.startsWith('channel:') ? options.channels?.[target] || null : target),
  };
  const leaseDeadline = Date.now() + outboxPolicy.leaseMs / 2;

  for (const [index, row] of claimed.entries()) {
    // Past half the lease another worker may soon take these rows: hand them back now.
    if (Date.now() > leaseDeadline) {
      await release(db, claimed.slice(index), now);
      report.retrying += claimed.length - index;
      break;
    }
    const kind = kinds[kindOf(row)]!;
    try {
      const delivery = await kind.plan(db, row, context);
      if ('skip' in delivery) {
        await finish(db, row, { status: 'skipped', lastError: delivery.skip });
        report.skipped++;
        continue;
      }
      let ref: SlackMessageRef;
      if ('post' in delivery) {
        ref = await slack.postMessage(delivery.post);
      } else {
        await slack.updateMessage(delivery.update);
        ref = { channel: delivery.update.channel, ts: delivery.update.ts };
      }
      // "sent" and what the kind records about the message commit together: if this
      // fails the lease runs out and the row is sent again (at-least-once, as above).
      await db.transaction(async (tx) => {
        await finish(tx, row, { status: 'sent', deliveredAt: now, externalRef: { ...ref }, lastError: null });
        if ('post' in delivery) await kind.delivered?.(tx, row, ref);
      });
      report.sent++;
    } catch (error) {
      if (error instanceof SlackRateLimitedError) {
        // Not the row's fault: do not count the attempt, and stop hammering Slack.
        const until = new Date(now.getTime() + error.retryAfterSeconds * 1000);
        await release(
          db,
          claimed.slice(index),
          until,
          `rate limited: retry after ${error.retryAfterSeconds}s`,
        );
        report.retrying += claimed.length - index;
        report.rateLimitedForSeconds = error.retryAfterSeconds;
        break;
      }
      const message = error instanceof Error ? error.message : String(error);
      if (row.attempts >= outboxPolicy.maxAttempts) {
        await finish(db, row, { status: 'dead', lastError: message });
        report.dead++;
      } else {
        await finish(db, row, {
          nextAttemptAt: new Date(now.getTime() + retryDelayMs(row.attempts)),
          lastError: message,
        });
        report.retrying++;
      }
    }
  }
  return report;
}

const kindOf = (row: OutboxRow) =>
  typeof row.payload.kind === 'string' ? row.payload.kind : NOTIFICATION_KIND;

async function claimDueRows(
  db: Database,
  now: Date,
  batchSize: number,
  kinds: string[],
): Promise<OutboxRow[]> {
  return db.transaction(async (tx) => {
    const due = await tx
      .select({ id: outbox.id })
      .from(outbox)
      .where(
        and(
          eq(outbox.channel, 'slack'),
          eq(outbox.status, 'pending'),
          lte(outbox.nextAttemptAt, now),
          inArray(sql<string>`coalesce(${outbox.payload}->>'kind', ${NOTIFICATION_KIND})`, kinds),
        ),
      )
      .orderBy(asc(outbox.nextAttemptAt))
      .limit(batchSize)
      .for('update', { skipLocked: true });
    if (due.length === 0) return [];
    const rows = await tx
      .update(outbox)
      .set({
        attempts: sql`${outbox.attempts} + 1`,
        nextAttemptAt: new Date(now.getTime() + outboxPolicy.leaseMs),
      })
      .where(
        inArray(
          outbox.id,
          due.map((d) => d.id),
        ),
      )
      .returning();
    return rows.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
  });
}

/** Gives claimed rows back without counting the attempt (rate limit, lease running out). */
async function release(db: Database, rows: OutboxRow[], at: Date, lastError?: string) {
  await db
    .update(outbox)
    .set({
      attempts: sql`greatest(${outbox.attempts} - 1, 0)`,
      nextAttemptAt: at,
      ...(lastError ? { lastError } : {}),
    })
    .where(
      and(
        inArray(
          outbox.id,
          rows.map((r) => r.id),
        ),
        eq(outbox.status, 'pending'),
      ),
    );
}

async function finish(db: Database, row: OutboxRow, set: Partial<typeof outbox.$inferInsert>) {
  await db
    .update(outbox)
    .set(set)
    .where(and(eq(outbox.id, row.id), eq(outbox.status, 'pending')));
}

/**
 * A plain notification: a DM to its recipient's linked Slack user in their language,
 * or a post to a channel in both languages.
 */
const notificationKind: SlackOutboxKind = {
  async plan(db, row, { publicUrl, resolveChannel }) {
    const payload = parsePayload(row.payload);
    if (!payload) return { skip: 'malformed payload: no template' };
    if (!row.notificationId) {
      if (!row.target) return { skip: 'no target and no recipient' };
      const channel = resolveChannel(row.target);
      if (!channel) return { skip: `no Slack channel configured for ${row.target}` };
      // A channel is read by people of both languages.
      return { post: { channel, ...renderSlackMessage(payload, { locales: ['zh-CN', 'en'], publicUrl }) } };
    }
    const [recipient] = await db
      .select({
        readAt: notifications.readAt,
        locale: users.locale,
        status: users.status,
        slackUserId: slackLinks.slackUserId,
      })
      .from(notifications)
      .innerJoin(users, eq(users.id, notifications.recipientId))
      .leftJoin(slackLinks, eq(slackLinks.userId, users.id))
      .where(eq(notifications.id, row.notificationId));
    if (!recipient) return { skip: 'notification no longer exists' };
    if (recipient.status !== 'active') return { skip: 'recipient is disabled' };
    // Already seen in the portal: a DM now would only be noise.
    if (recipient.readAt) return { skip: 'already read in the portal' };
    const channel = row.target ? resolveChannel(row.target) : recipient.slackUserId;
    if (!channel) return { skip: 'recipient has no linked Slack user' };
    const message = renderSlackMessage(payload, {
      locales: [recipient.locale],
      publicUrl,
      notificationId: row.notificationId,
    });
    return { post: { channel, ...message } };
  },
};

export interface OutboxPayload {
  template: string;
  params: Params;
  link: string | null;
}

function parsePayload(raw: Record<string, unknown>): OutboxPayload | null {
  if (typeof raw.template !== 'string' || raw.template === '') return null;
  const params = raw.params && typeof raw.params === 'object' ? (raw.params as Params) : {};
  return { template: raw.template, params, link: typeof raw.link === 'string' ? raw.link : null };
}

export interface SlackMessage {
  text: string;
  blocks: Record<string, unknown>[];
}

/** Slack reads `<…>` as links and mentions (`<!channel>`): partner-supplied text must not. */
export function escapeSlackText(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}

/** The portal URL of a notification's link, or null when the link is not a local path. */
export function outpostUrl(publicUrl: string, link: string | null): string | null {
  if (!link?.startsWith('/') || link.startsWith('//')) return null;
  return `${publicUrl.replace(/\/$/, '')}${link}`;
}

/** The notification text in each locale, one line per locale. */
export function slackNotificationText(payload: OutboxPayload, locales: readonly Locale[]): string {
  return locales
    .map((locale) => escapeSlackText(translate(locale, payload.template, payload.params)))
    .join('\n');
}

/**
 * A notification as a Slack message: its text in the given locales, an "Open in
 * Outpost" link button and, for a person's own notification, "Mark as read".
 */
export function renderSlackMessage(
  payload: OutboxPayload,
  options: { locales: readonly Locale[]; publicUrl: string; notificationId?: string | null },
): SlackMessage {
  const text = slackNotificationText(payload, options.locales);
  const label = (key: string) => options.locales.map((l) => translate(l, key)).join(' / ');
  const buttons: Record<string, unknown>[] = [];
  const url = outpostUrl(options.publicUrl, payload.link);
  if (url) {
    buttons.push({
      type: 'button',
      action_id: OPEN_IN_OUTPOST_ACTION_ID,
      text: { type: 'plain_text', text: label('notify.open') },
      url,
    });
  }
  if (options.notificationId) {
    buttons.push({
      type: 'button',
      action_id: MARK_READ_ACTION_ID,
      style: 'primary',
      text: { type: 'plain_text', text: label('inbox.markRead') },
      value: options.notificationId,
    });
  }
  const blocks: Record<string, unknown>[] = [{ type: 'section', text: { type: 'mrkdwn', text } }];
  if (buttons.length > 0) blocks.push({ type: 'actions', elements: buttons });
  return { text, blocks };
}
