import { personById, type SlackOutboxKind } from '@outpost/core';
import { notificationReadView } from '../views/notification-read.ts';

/**
 * `notification_read_refresh`: redraws a delivered notification's Slack message as read
 * (buttons gone, who read it), queued by core's markRead with the read itself, so the
 * message follows even if this process stops right after acknowledging the click.
 */
export const notificationReadRefreshKind: SlackOutboxKind = {
  async plan(db, row, { publicUrl }) {
    const { ts } = row.payload;
    const notificationId = row.notificationId;
    if (typeof ts !== 'string' || !row.target || !notificationId) return { skip: 'malformed read refresh' };
    const notification = await db.query.notifications.findFirst({
      where: (n, { eq }) => eq(n.id, notificationId),
    });
    if (!notification) return { skip: 'notification no longer exists' };
    const reader = await personById(db, notification.recipientId, 'slack');
    if (!reader) return { skip: 'recipient no longer exists' };
    const view = notificationReadView(
      { template: notification.template, params: notification.params, link: notification.link },
      { locale: reader.user.locale, readerName: reader.user.displayName, publicUrl },
    );
    return { update: { channel: row.target, ts, ...view } };
  },
};
