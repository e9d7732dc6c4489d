import { index, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { bytea, createdAt, ts } from './columns.ts';
import { membershipRoles, partners } from './partners.ts';
import { users } from './users.ts';

/**
 * A single-use, expiring invitation to join a partner organisation. The link carries
 * `<id>.<secret>`; only SHA-256 of the secret is stored (like sessions).
 */
export const invitations = pgTable(
  'invitations',
  {
    id: text('id').primaryKey(),
    secretHash: bytea('secret_hash').notNull(),
    partnerId: uuid('partner_id')
      .notNull()
      .references(() => partners.id, { onDelete: 'cascade' }),
    email: text('email').notNull(),
    role: text('role', { enum: membershipRoles }).notNull(),
    invitedBy: uuid('invited_by').references(() => users.id),
    createdAt: createdAt(),
    expiresAt: ts('expires_at').notNull(),
    acceptedAt: ts('accepted_at'),
    acceptedUserId: uuid('accepted_user_id').references(() => users.id),
    revokedAt: ts('revoked_at'),
  },
  (t) => [index('invitations_partner_idx').on(t.partnerId)],
);
