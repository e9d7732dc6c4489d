import { sql } from 'drizzle-orm';
import { index, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, ts } from './columns.ts';
import { users } from './users.ts';

/**
 * The Do-Not-Contract list (黑名单). An entry is never deleted: removal stamps who, when
 * and why, so the history stays visible. At most one live entry per credit code.
 */
export const blacklistEntries = pgTable(
  'blacklist_entries',
  {
    id: id(),
    creditCode: text('credit_code').notNull(),
    name: text('name').notNull(),
    reason: text('reason').notNull(),
    evidence: text('evidence'),
    addedBy: uuid('added_by').references(() => users.id),
    createdAt: createdAt(),
    removedAt: ts('removed_at'),
    removedBy: uuid('removed_by').references(() => users.id),
    removalReason: text('removal_reason'),
  },
  (t) => [
    uniqueIndex('blacklist_live_code_key').on(t.creditCode).where(sql`${t.removedAt} is null`),
    index('blacklist_code_idx').on(t.creditCode),
  ],
);
