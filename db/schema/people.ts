import { sql } from 'drizzle-orm';
import { boolean, index, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { bytea, createdAt, ts } from './columns.ts';
import { departments } from './departments.ts';
import { staffRoles, users } from './users.ts';

/**
 * A single-use, expiring invitation for a member of the insurer's staff (decision record 042),
 * like a partner invitation: the link carries `<id>.<secret>`, only SHA-256 of the secret is stored.
 */
export const staffInvitations = pgTable(
  'staff_invitations',
  {
    id: text('id').primaryKey(),
    secretHash: bytea('secret_hash').notNull(),
    email: text('email').notNull(),
    staffRoles: text('staff_roles', { enum: staffRoles }).array().notNull().default(sql`'{}'::text[]`),
    departmentId: uuid('department_id').references(() => departments.id),
    locale: text('locale', { enum: ['zh-CN', 'en'] })
      .notNull()
      .default('zh-CN'),
    invitedBy: uuid('invited_by').references(() => users.id),
    createdAt: createdAt(),
    expiresAt: ts('expires_at').notNull(),
    acceptedAt: ts('accepted_at'),
    acceptedUserId: uuid('accepted_user_id').references(() => users.id),
    revokedAt: ts('revoked_at'),
  },
  (t) => [index('staff_invitations_email_idx').on(sql`lower(${t.email})`)],
);

/**
 * Single-use, short-lived links that set a person's password: 'reset' (forgot password, by
 * e-mail) and 'set' (the first administrator's link printed by `admin:create`). Only SHA-256
 * of the secret is stored.
 */
export const passwordTokens = pgTable(
  'password_tokens',
  {
    id: text('id').primaryKey(),
    secretHash: bytea('secret_hash').notNull(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    purpose: text('purpose', { enum: ['reset', 'set'] }).notNull(),
    createdAt: createdAt(),
    expiresAt: ts('expires_at').notNull(),
    usedAt: ts('used_at'),
    /** Set when a newer link or a deactivation made it void. */
    revoked: boolean('revoked').notNull().default(false),
  },
  (t) => [index('password_tokens_user_idx').on(t.userId)],
);
