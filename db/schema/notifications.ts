import { sql } from 'drizzle-orm';
import { index, integer, jsonb, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { currentRequestId } from '@outpost/log';
import { createdAt, id, ts } from './columns.ts';
import { users } from './users.ts';

/**
 * A notification is what a person sees in the portal inbox. It is written in the
 * same transaction as the event that caused it; `template` + `params` are rendered
 * in the reader's language when shown or delivered.
 */
export const notifications = pgTable(
  'notifications',
  {
    id: id(),
    recipientId: uuid('recipient_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    template: text('template').notNull(),
    params: jsonb('params').$type<Record<string, string | number>>().notNull().default({}),
    link: text('link'),
    createdAt: createdAt(),
    readAt: ts('read_at'),
  },
  (t) => [
    index('notifications_recipient_idx').on(t.recipientId, t.createdAt),
    // The unread badge is counted on every signed-in page: only unread rows are in this index.
    index('notifications_unread_idx').on(t.recipientId).where(sql`${t.readAt} is null`),
  ],
);

export const deliveryStatuses = ['pending', 'sent', 'skipped', 'dead'] as const;

/**
 * The outbox: one row per message to push to an outside channel (Slack today,
 * e-mail later). Rows are claimed with FOR UPDATE SKIP LOCKED by any worker, so
 * several workers can deliver without sending twice.
 */
export const outbox = pgTable(
  'outbox',
  {
    id: id(),
    channel: text('channel', { enum: ['slack', 'email'] }).notNull(),
    /** Slack: a user id (U…) or channel id (C…), null meaning "the recipient's linked Slack user"; e-mail: the address. */
    target: text('target'),
    notificationId: uuid('notification_id').references(() => notifications.id, { onDelete: 'cascade' }),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull().default({}),
    status: text('status', { enum: deliveryStatuses }).notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: ts('next_attempt_at').notNull().defaultNow(),
    lastError: text('last_error'),
    deliveredAt: ts('delivered_at'),
    /** Slack's message reference once sent, so later updates can edit the message. */
    externalRef: jsonb('external_ref').$type<Record<string, string>>(),
    /**
     * Rows with the same key and not yet claimed are one: a refresh of a Slack message
     * queued while one is already waiting is dropped (rendered at delivery, the waiting
     * one shows the latest state). Cleared when a worker claims the row.
     */
    coalesceKey: text('coalesce_key'),
    createdAt: createdAt(),
    /**
     * The request that enqueued the row (X-Request-Id; decision record 044), filled from the
     * running request's context; the worker logs it with each delivery. Null from jobs.
     */
    requestId: text('request_id').$defaultFn(() => currentRequestId() ?? sql`null`),
  },
  (t) => [
    index('outbox_due_idx').on(t.status, t.nextAttemptAt),
    uniqueIndex('outbox_coalesce_key').on(t.coalesceKey).where(sql`${t.coalesceKey} is not null`),
  ],
);

export type Notification = typeof notifications.$inferSelect;
export type OutboxRow = typeof outbox.$inferSelect;
