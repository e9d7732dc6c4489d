import { markRead, type OutboxPayload, type Person, type SlackMessageRef } from '@outpost/core';
import type { Database } from '@outpost/db';

export type MarkReadOutcome =
  | { kind: 'not_yours' }
  | { kind: 'read'; changed: boolean; payload: OutboxPayload };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Marks a notification read for the person who clicked, with its audit entry in the
 * same transaction. Someone else's notification (or a forged id) is "not yours" —
 * the same answer either way, so a click cannot probe which ids exist.
 */
export async function markReadFromSlack(
  db: Database,
  person: Person,
  notificationId: string | undefined,
  /** The clicked message, redrawn as read through the outbox (queued with the change). */
  message: SlackMessageRef | null = null,
): Promise<MarkReadOutcome> {
  if (!notificationId || !UUID.test(notificationId)) return { kind: 'not_yours' };
  const notification = await db.query.notifications.findFirst({
    where: (n, { eq }) => eq(n.id, notificationId),
  });
  if (!notification || notification.recipientId !== person.user.id) return { kind: 'not_yours' };
  // core writes the audit entry with the change.
  const changed = (await markRead(db, person.actor, notification.id, 'slack', message)) > 0;
  return {
    kind: 'read',
    changed,
    payload: { template: notification.template, params: notification.params, link: notification.link },
  };
}
