import { type Database, type emailKinds, notifications, outbox, slackLinks, users } from '@outpost/db';
import type { MessageKey } from '@outpost/i18n';
import { and, arrayOverlaps, count, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Actor } from './actor.ts';
import { slackRefreshTiming } from './slack-refresh.ts';
import { audit } from './audit.ts';
import { AppError, notFound } from './errors.ts';
import { isUuid } from './validation.ts';
import { assertCan } from './permissions.ts';
import type { StaffRole } from './actor.ts';

/**
 * Symbolic Slack channels: the outbox stores the name and the worker maps it to the
 * channel id configured for this installation (SLACK_REVIEWERS_CHANNEL, …).
 */
export const REVIEWERS_CHANNEL = 'channel:reviewers';
export const RISK_CHANNEL = 'channel:risk';

/** Outbox kind that redraws a delivered notification's Slack message as read (rendered by the bot). */
export const NOTIFICATION_READ_REFRESH_KIND = 'notification_read_refresh';

export interface NotifyInput {
  /** Users to notify by id, and/or every active staff user holding one of these roles. */
  userIds?: string[];
  staffRoles?: StaffRole[];
  template: MessageKey;
  params?: Record<string, string | number>;
  /** Portal path the notification links to, e.g. /s/partners/<id>. */
  link?: string;
  /** Also post to this Slack channel: an id, or a symbolic name such as REVIEWERS_CHANNEL. */
  slackChannel?: string | null;
  /** Who caused it: that person is not notified of what they did themselves (channel posts still go). */
  actor?: Actor;
  /**
   * Also e-mail each recipient (subject `email.kind.<kind>`, body the notification's own
   * text), unless they turned this kind off on their account page.
   */
  email?: EmailKind;
}

export type EmailKind = (typeof emailKinds)[number];

/**
 * Records a notification for each recipient (their portal inbox) and queues its
 * Slack delivery in the outbox — in the caller's transaction, so a notification
 * exists if and only if the event that caused it was committed.
 */
export async function notify(tx: Database, input: NotifyInput): Promise<string[]> {
  const recipientIds = new Set(input.userIds ?? []);
  if (input.staffRoles?.length) {
    const staff = await tx
      .select({ id: users.id })
      .from(users)
      .where(
        and(
          eq(users.kind, 'staff'),
          eq(users.status, 'active'),
          arrayOverlaps(users.staffRoles, input.staffRoles),
        ),
      );
    for (const s of staff) recipientIds.add(s.id);
  }
  if (input.actor && 'userId' in input.actor) recipientIds.delete(input.actor.userId);
  const ids: string[] = [];
  const params = input.params ?? {};
  if (recipientIds.size > 0) {
    const rows = await tx
      .insert(notifications)
      .values(
        [...recipientIds].map((recipientId) => ({
          recipientId,
          template: input.template,
          params,
          link: input.link ?? null,
        })),
      )
      .returning({ id: notifications.id, recipientId: notifications.recipientId });
    ids.push(...rows.map((r) => r.id));
    // Only staff with a linked Slack user get a direct message; everyone keeps the inbox copy.
    const linked = await tx
      .select({ userId: slackLinks.userId })
      .from(slackLinks)
      .where(inArray(slackLinks.userId, [...recipientIds]));
    const linkedIds = new Set(linked.map((l) => l.userId));
    const dms = rows.filter((r) => linkedIds.has(r.recipientId));
    if (dms.length > 0) {
      await tx.insert(outbox).values(
        dms.map((r) => ({
          channel: 'slack' as const,
          target: null,
          notificationId: r.id,
          payload: { template: input.template, params, link: input.link ?? null },
        })),
      );
    }
  }
  if (input.email && recipientIds.size > 0) await emailRecipients(tx, [...recipientIds], input.email, input);
  if (input.slackChannel) {
    await tx.insert(outbox).values({
      channel: 'slack',
      target: input.slackChannel,
      payload: { template: input.template, params, link: input.link ?? null },
    });
  }
  return ids;
}

/** The e-mail copy of a notification, for each active recipient who has not turned this kind off. */
async function emailRecipients(tx: Database, recipientIds: string[], kind: EmailKind, input: NotifyInput) {
  const people = await tx
    .select({ email: users.email, locale: users.locale, optOut: users.emailOptOut })
    .from(users)
    .where(and(inArray(users.id, recipientIds), eq(users.status, 'active')));
  for (const person of people) {
    if (person.optOut.includes(kind)) continue;
    await queueEmail(tx, {
      to: person.email,
      subject: `email.kind.${kind}` as MessageKey,
      body: input.template,
      params: input.params ?? {},
      link: input.link ?? null,
      locale: person.locale,
    });
  }
}

export interface InboxPage {
  items: (typeof notifications.$inferSelect)[];
  total: number;
  unread: number;
  page: number;
  pageSize: number;
}

/** The actor's own notifications, newest first. Nobody reads another person's inbox. */
export async function listInbox(db: Database, actor: Actor, page = 1, pageSize = 20): Promise<InboxPage> {
  assertCan(actor, 'read:notifications:own');
  const userId = userIdOf(actor);
  const safePage = Math.max(1, Math.floor(page) || 1);
  const [items, [totals]] = await Promise.all([
    db
      .select()
      .from(notifications)
      .where(eq(notifications.recipientId, userId))
      .orderBy(desc(notifications.createdAt), desc(notifications.id))
      .limit(pageSize)
      .offset((safePage - 1) * pageSize),
    db
      .select({
        total: count(),
        unread: sql<number>`count(*) filter (where ${notifications.readAt} is null)`.mapWith(Number),
      })
      .from(notifications)
      .where(eq(notifications.recipientId, userId)),
  ]);
  return { items, total: totals?.total ?? 0, unread: totals?.unread ?? 0, page: safePage, pageSize };
}

export async function unreadCount(db: Database, actor: Actor): Promise<number> {
  const userId = userIdOf(actor);
  const [row] = await db
    .select({ n: count() })
    .from(notifications)
    .where(and(eq(notifications.recipientId, userId), isNull(notifications.readAt)));
  return row?.n ?? 0;
}

/**
 * Marks one (or, without an id, every) notification of the actor as read, with its
 * audit entry in the same transaction (nothing is audited when nothing changed).
 * `via` says where the person did it (portal inbox, API, Slack button).
 */
export async function markRead(
  db: Database,
  actor: Actor,
  notificationId?: string,
  via: 'portal' | 'api' | 'slack' = 'portal',
  /** The Slack message whose button was clicked: its refresh is queued with the change. */
  slackMessage?: { channel: string; ts: string } | null,
): Promise<number> {
  assertCan(actor, 'read:notifications:own');
  const userId = userIdOf(actor);
  if (notificationId !== undefined && !isUuid(notificationId)) throw notFound('Notification');
  const conditions = [eq(notifications.recipientId, userId), isNull(notifications.readAt)];
  if (notificationId) conditions.push(eq(notifications.id, notificationId));
  return db.transaction(async (tx) => {
    const rows = await tx
      .update(notifications)
      .set({ readAt: new Date() })
      .where(and(...conditions))
      .returning({ id: notifications.id });
    if (rows.length === 1 && notificationId) {
      await audit(tx, actor, {
        action: 'notification.read',
        entityType: 'notification',
        entityId: notificationId,
        data: { via },
      });
      if (slackMessage) {
        await tx
          .insert(outbox)
          .values({
            channel: 'slack',
            target: slackMessage.channel,
            notificationId,
            payload: { kind: NOTIFICATION_READ_REFRESH_KIND, ts: slackMessage.ts },
            ...slackRefreshTiming(slackMessage.channel, slackMessage.ts),
          })
          .onConflictDoNothing();
      }
    } else if (rows.length > 0) {
      await audit(tx, actor, {
        action: 'notification.read_all',
        entityType: 'user',
        entityId: userId,
        data: { via, count: rows.length },
      });
    }
    return rows.length;
  });
}

function userIdOf(actor: Actor): string {
  if (actor.type === 'staff' || actor.type === 'partner') return actor.userId;
  throw new AppError('forbidden', 'Only people have an inbox.', { messageKey: 'errors.forbidden' });
}

export interface EmailInput {
  to: string;
  /** i18n keys of the subject and body; both rendered in `locale` by the worker. */
  subject: MessageKey;
  body: MessageKey;
  params?: Record<string, string | number>;
  link?: string | null;
  locale?: 'zh-CN' | 'en';
}

/**
 * Queues an e-mail in the outbox, in the caller's transaction. The worker sends it
 * through SMTP when SMTP is configured; until then it waits (nothing is lost).
 */
export async function queueEmail(tx: Database, input: EmailInput): Promise<void> {
  await tx.insert(outbox).values({
    channel: 'email',
    target: input.to,
    payload: {
      kind: 'email',
      subject: input.subject,
      body: input.body,
      params: input.params ?? {},
      link: input.link ?? null,
      locale: input.locale ?? 'zh-CN',
    },
  });
}
