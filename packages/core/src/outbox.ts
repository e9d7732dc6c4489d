import { type Database, notifications, type OutboxRow, slackLinks, users } from '@outpost/db';
import { type Locale, type Params, translate, withDaysFormatted } from '@outpost/i18n';
import { eq } from 'drizzle-orm';
import { type DeliveryReport, deliverBatch } from './outbox-claim.ts';
import { type SlackGateway, type SlackMessageRef, SlackRateLimitedError } from './ports.ts';

export { type DeliveryReport, outboxPolicy, retryDelayMs } from './outbox-claim.ts';
export * from './outbox-email.ts';

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
  /** Claim only rows of these kinds (e.g. the bot refreshing clicked messages without the worker's channel map). */
  onlyKinds?: readonly string[];
}

/**
 * Sends every due pending Slack row (up to batchSize); claiming, retries, backoff and
 * the at-least-once trade-off are in outbox-claim.ts. Without a Slack gateway it
 * touches nothing: rows wait until Slack is configured, and the portal inbox shows
 * the notifications meanwhile.
 */
export async function deliverDueOutbox(
  db: Database,
  slack: SlackGateway | null,
  options: DeliverOptions,
): Promise<DeliveryReport> {
  if (!slack) return { claimed: 0, sent: 0, skipped: 0, retrying: 0, dead: 0 };
  const kinds: Record<string, SlackOutboxKind> = { ...options.kinds, [NOTIFICATION_KIND]: notificationKind };
  const context: SlackKindContext = {
    publicUrl: options.publicUrl,
    resolveChannel: (target) => (target.startsWith('channel:') ? options.channels?.[target] || null : target),
  };
  return deliverBatch(
    db,
    {
      channel: 'slack',
      now: options.now ?? new Date(),
      batchSize: options.batchSize ?? 20,
      kinds: options.onlyKinds?.filter((k) => k in kinds) ?? Object.keys(kinds),
      defaultKind: NOTIFICATION_KIND,
      rateLimitOf: (error) => (error instanceof SlackRateLimitedError ? error.retryAfterSeconds : undefined),
    },
    async (row) => {
      const kind = kinds[kindOf(row)]!;
      const delivery = await kind.plan(db, row, context);
      if ('skip' in delivery) return delivery;
      if ('update' in delivery) {
        await slack.updateMessage(delivery.update);
        return { sent: true, externalRef: { channel: delivery.update.channel, ts: delivery.update.ts } };
      }
      const ref = await slack.postMessage(delivery.post);
      return {
        sent: true,
        externalRef: { ...ref },
        ...(kind.delivered ? { record: (tx: Database) => kind.delivered!(tx, row, ref) } : {}),
      };
    },
  );
}

const kindOf = (row: OutboxRow) =>
  typeof row.payload.kind === 'string' ? row.payload.kind : NOTIFICATION_KIND;

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

/** The notification text in each locale, one line per locale; a calendar day in the reader's language. */
export function slackNotificationText(payload: OutboxPayload, locales: readonly Locale[]): string {
  return locales
    .map((locale) =>
      escapeSlackText(translate(locale, payload.template, withDaysFormatted(locale, payload.params))),
    )
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
