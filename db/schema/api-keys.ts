import { sql } from 'drizzle-orm';
import { index, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { bytea, createdAt, ts } from './columns.ts';
import { partners } from './partners.ts';
import { users } from './users.ts';

/** Purposes of a partner's key: its own documents, events and training. */
export const partnerKeyScopes = ['documents', 'events', 'training'] as const;
/**
 * Purposes of a staff key (the insurer's own systems, decision record 059): read-only, across
 * partners. A partner's key never has them.
 */
export const staffKeyScopes = ['allocations:read', 'register:read'] as const;
export const apiKeyScopes = [...partnerKeyScopes, ...staffKeyScopes] as const;

/**
 * Keys for a partner's own systems, and staff keys for the insurer's (partner_id null,
 * decision record 059). The key is `opk_<id>_<secret>`, shown once; only a hash of the secret
 * is stored. A partner key belongs to one partner; each key has purposes (scopes).
 */
export const apiKeys = pgTable(
  'api_keys',
  {
    id: text('id').primaryKey(),
    /** Null: a staff key (only staff scopes). */
    partnerId: uuid('partner_id').references(() => partners.id, { onDelete: 'cascade' }),
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
