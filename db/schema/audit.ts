import { bigserial, index, jsonb, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { ts } from './columns.ts';

/**
 * Append-only, hash-chained audit log. Each row's hash covers its content and the
 * previous row's hash, so editing or deleting a row breaks the chain from there on.
 * Ids may have gaps (sequences jump after a crash); the chain, not the id, is the order.
 */
export const auditLog = pgTable(
  'audit_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    at: ts('at').notNull().defaultNow(),
    actorType: text('actor_type', { enum: ['user', 'api_key', 'slack', 'system'] }).notNull(),
    actorId: text('actor_id'),
    action: text('action').notNull(),
    entityType: text('entity_type').notNull(),
    entityId: text('entity_id'),
    partnerId: uuid('partner_id'),
    data: jsonb('data').$type<Record<string, unknown>>().notNull().default({}),
    requestId: text('request_id'),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [
    index('audit_log_entity_idx').on(t.entityType, t.entityId),
    index('audit_log_partner_idx').on(t.partnerId),
  ],
);

export type AuditRow = typeof auditLog.$inferSelect;
