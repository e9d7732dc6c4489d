import { sql } from 'drizzle-orm';
import {
  bigint,
  check,
  date,
  doublePrecision,
  index,
  jsonb,
  pgTable,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { createdAt, id, ts, updatedAt } from './columns.ts';
import { departments } from './departments.ts';
import { partners } from './partners.ts';
import { users } from './users.ts';

/**
 * draft → finalised → acknowledged, or → appealed → appeal_upheld (the decision stands).
 * An overturned appeal sends the review back to draft for staff to revise and finalise again.
 */
export const reviewStatuses = ['draft', 'finalised', 'acknowledged', 'appealed', 'appeal_upheld'] as const;
export const reviewDecisions = [
  'bonus',
  'no_change',
  'warning',
  'rectification',
  'suspension',
  'termination_recommendation',
] as const;
export const appealOutcomes = ['upheld', 'overturned'] as const;
export const rectificationStatuses = ['open', 'submitted', 'closed'] as const;

/** What the scorecard said when the review was drafted; frozen so later events never change a review. */
export interface ReviewSnapshot {
  period: { label: string; from: string; to: string };
  score: number | null;
  grade: string | null;
  kpis: {
    key: string;
    nameZh: string;
    nameEn: string;
    unit: string;
    direction: string;
    value: number | null;
    sampleSize: number;
    target: number;
    warningThreshold: number;
    criticalThreshold: number;
    weight: number;
    status: string;
    score: number | null;
  }[];
  peers: { category: string; peerCount: number; percentile: number | null }[];
  /**
   * How the partner's contracts in force were executed in the quarter (decision record 038):
   * the share of measured service levels missed over all of them, and each contract's figures.
   * Absent from reviews drafted before contract execution existed.
   */
  contractExecution?: {
    deviation: number | null;
    measured: number;
    missed: number;
    creditCents: number;
    contracts: {
      contractId: string;
      reference: string;
      deviation: number | null;
      measured: number;
      missed: number;
      creditCents: number;
    }[];
  };
}

/** A partner's quarterly performance review (季度考核), one per partner and quarter. */
export const quarterlyReviews = pgTable(
  'quarterly_reviews',
  {
    id: id(),
    partnerId: uuid('partner_id')
      .notNull()
      .references(() => partners.id, { onDelete: 'cascade' }),
    /** `2026-Q3`. */
    quarter: text('quarter').notNull(),
    status: text('status', { enum: reviewStatuses }).notNull().default('draft'),
    snapshot: jsonb('snapshot').$type<ReviewSnapshot>().notNull(),
    score: doublePrecision('score'),
    grade: text('grade'),
    /** Lowest percentile among the partner's service categories (the conservative reading). */
    percentile: doublePrecision('percentile'),
    comments: text('comments'),
    decision: text('decision', { enum: reviewDecisions }),
    finalisedBy: uuid('finalised_by').references(() => users.id),
    finalisedAt: ts('finalised_at'),
    acknowledgedBy: uuid('acknowledged_by').references(() => users.id),
    acknowledgedAt: ts('acknowledged_at'),
    appealReason: text('appeal_reason'),
    appealedBy: uuid('appealed_by').references(() => users.id),
    appealedAt: ts('appealed_at'),
    appealOutcome: text('appeal_outcome', { enum: appealOutcomes }),
    appealResponse: text('appeal_response'),
    appealAnsweredBy: uuid('appeal_answered_by').references(() => users.id),
    appealAnsweredAt: ts('appeal_answered_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('quarterly_reviews_partner_quarter_key').on(t.partnerId, t.quarter),
    index('quarterly_reviews_quarter_status_idx').on(t.quarter, t.status),
    // The staff work queue: drafts to finalise and appeals to answer, across quarters.
    index('quarterly_reviews_status_idx').on(t.status),
    check('quarterly_reviews_quarter_format', sql`${t.quarter} ~ '^[0-9]{4}-Q[1-4]$'`),
  ],
);

/** A rectification item (整改事项) of a review, tracked until staff verify it closed. */
export const rectificationItems = pgTable(
  'rectification_items',
  {
    id: id(),
    reviewId: uuid('review_id')
      .notNull()
      .references(() => quarterlyReviews.id, { onDelete: 'cascade' }),
    /** Denormalised so every partner-scoped query filters on one column. */
    partnerId: uuid('partner_id')
      .notNull()
      .references(() => partners.id, { onDelete: 'cascade' }),
    position: bigint('position', { mode: 'number' }).notNull(),
    description: text('description').notNull(),
    dueDate: date('due_date').notNull(),
    status: text('status', { enum: rectificationStatuses }).notNull().default('open'),
    submittedAt: ts('submitted_at'),
    submittedBy: uuid('submitted_by').references(() => users.id),
    verifiedAt: ts('verified_at'),
    verifiedBy: uuid('verified_by').references(() => users.id),
    reopenReason: text('reopen_reason'),
    /** The responsible person and department on the insurer's side (decision record 050). */
    ownerId: uuid('owner_id').references(() => users.id),
    departmentId: uuid('department_id').references(() => departments.id),
    /** Due-date reminders already sent ('7d', '1d'): each is sent once. */
    remindersSent: text('reminders_sent').array().notNull().default(sql`'{}'::text[]`),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('rectification_items_review_idx').on(t.reviewId),
    index('rectification_items_partner_status_idx').on(t.partnerId, t.status, t.dueDate),
    // The staff work queue: items submitted for verification, and open items past their due date.
    index('rectification_items_status_due_idx').on(t.status, t.dueDate),
  ],
);

/** Evidence files the partner uploads for an item; bytes live in FileStorage, content-addressed. */
export const rectificationEvidence = pgTable(
  'rectification_evidence',
  {
    id: id(),
    itemId: uuid('item_id')
      .notNull()
      .references(() => rectificationItems.id, { onDelete: 'cascade' }),
    partnerId: uuid('partner_id')
      .notNull()
      .references(() => partners.id, { onDelete: 'cascade' }),
    fileName: text('file_name').notNull(),
    contentType: text('content_type').notNull(),
    sizeBytes: bigint('size_bytes', { mode: 'number' }).notNull(),
    sha256: text('sha256').notNull(),
    storageKey: text('storage_key').notNull(),
    uploadedBy: uuid('uploaded_by').references(() => users.id),
    uploadedAt: createdAt(),
  },
  (t) => [index('rectification_evidence_item_idx').on(t.itemId)],
);

export type QuarterlyReview = typeof quarterlyReviews.$inferSelect;
export type RectificationItem = typeof rectificationItems.$inferSelect;
export type RectificationEvidence = typeof rectificationEvidence.$inferSelect;
