import { sql } from 'drizzle-orm';
import { index, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { bytea, createdAt, ts } from './columns.ts';
import { partners } from './partners.ts';
import { users } from './users.ts';

export const apiKeyScopes = ['documents', 'events', 'training'] as const;

/**
 * Keys for a partner's own systems. The key is `opk_<id>_<secret>`, shown once; only a
 * hash of the secret is stored. Each key belongs to one partner and has purposes (scopes).
 */
export const apiKeys = pgTable(
  'api_keys',
  {
    id: text('id').primaryKey(),
    partnerId: uuid('partner_id')
      .notNull()
      .references(() => partners.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    secretHash: bytea('secret_hash').notNull(),
    scopes: text('scopes', { enum: apiKeyScopes }).array().notNull().default(sql`'{}'::text[]`),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: createdAt(),
    lastUsedAt: ts('last_used_at'),
    revokedAt: ts('revoked_at'),
  },
  (t) => [index('api_keys_partner_idx').on(t.partnerId)],
);
