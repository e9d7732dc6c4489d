import { bigint, bigserial, index, jsonb, pgTable, text, uuid } from 'drizzle-orm/pg-core';
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
    /**
     * HMAC-SHA256 of `hash` with AUDIT_SIGNING_KEY, a key kept outside the database: an
     * entry appended with a recomputed hash but without the key has no valid MAC. Null
     * only on entries written before the key existed (migration 0008).
     */
    mac: text('mac'),
  },
  (t) => [
    index('audit_log_entity_idx').on(t.entityType, t.entityId),
    index('audit_log_partner_idx').on(t.partnerId),
    // The auditor's viewer (decision record 053): newest first by id, narrowed by actor, action or time.
    index('audit_log_actor_idx').on(t.actorId, t.id),
    index('audit_log_action_idx').on(t.action, t.id),
    index('audit_log_at_idx').on(t.at),
  ],
);

export type AuditRow = typeof auditLog.$inferSelect;

/**
 * Signed snapshots of the chain's head, written by the worker's audit-checkpoint job
 * and also sent out of the database (the auditors' Slack channel / outbox). Deleting
 * audit entries below a checkpoint, or rewriting the chain, no longer matches it.
 * Append-only like the log itself.
 */
export const auditCheckpoints = pgTable('audit_checkpoints', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  at: ts('at').notNull().defaultNow(),
  /** The audit_log id of the head entry at checkpoint time. */
  headId: bigint('head_id', { mode: 'number' }).notNull(),
  headHash: text('head_hash').notNull(),
  /** How many entries the chain had up to and including the head. */
  entries: bigint('entries', { mode: 'number' }).notNull(),
  /** HMAC-SHA256 with AUDIT_SIGNING_KEY over head id, hash, entry count and time. */
  mac: text('mac').notNull(),
});

export type AuditCheckpoint = typeof auditCheckpoints.$inferSelect;
