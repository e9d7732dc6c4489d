import { bigint, index, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { bytea, createdAt, ts } from './columns.ts';
import { users } from './users.ts';

/**
 * A person's TOTP authenticator (RFC 6238; decision record 043). The key is stored sealed
 * (AES-256-GCM under a key derived from AUTH_SECRET) and never shown again after setup.
 * `confirmedAt` is null while setup waits for the first code; `lastUsedStep` is the time step
 * of the last code accepted, so a code is accepted once and never again.
 */
export const userMfa = pgTable('user_mfa', {
  userId: uuid('user_id')
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  sealedKey: bytea('sealed_key').notNull(),
  confirmedAt: ts('confirmed_at'),
  lastUsedStep: bigint('last_used_step', { mode: 'number' }),
  createdAt: createdAt(),
});

/** One-time recovery codes: SHA-256 of each (80 random bits), `usedAt` set when spent. */
export const mfaRecoveryCodes = pgTable(
  'mfa_recovery_codes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    codeHash: bytea('code_hash').notNull(),
    usedAt: ts('used_at'),
    createdAt: createdAt(),
  },
  (t) => [index('mfa_recovery_codes_user_idx').on(t.userId)],
);

/**
 * The second step of a sign-in: after a correct password, a person with an authenticator gets
 * this short-lived, single-use challenge (its token in a cookie, only SHA-256 of the secret
 * stored), not a session. Completing it with a code deletes it and opens the session.
 */
export const signInChallenges = pgTable(
  'sign_in_challenges',
  {
    id: text('id').primaryKey(),
    secretHash: bytea('secret_hash').notNull(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    ip: text('ip'),
    userAgent: text('user_agent'),
    createdAt: createdAt(),
    expiresAt: ts('expires_at').notNull(),
  },
  (t) => [index('sign_in_challenges_user_idx').on(t.userId)],
);

export type UserMfa = typeof userMfa.$inferSelect;
