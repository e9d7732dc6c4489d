import { sql } from 'drizzle-orm';
import {
  bigint,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { createdAt, id, ts, updatedAt } from './columns.ts';
import { contracts } from './contracts.ts';
import { partners, serviceCategories } from './partners.ts';
import { quarterlyReviews } from './reviews.ts';
import { users } from './users.ts';

/** What a tier is read from: the review's grade (A–E) or its score band (0–100). */
export const tierBases = ['grade', 'score'] as const;

/**
 * One tier of a category's configuration (decision record 048): which grades or which score
 * band [minScore, maxScore) it covers (the top band includes 100), and what it brings. Rewards:
 * a bonus (an amount, or a share of the quarter's fees), a larger share of new business
 * (businessWeight > 1), priority in case routing, recognition in the partner's portal. Penalties:
 * a fee deduction (amount or share), a smaller share (businessWeight < 1, 0 = none), a
 * rectification, a suspension, a termination review.
 */
export interface IncentiveTier {
  name: string;
  grades?: string[];
  minScore?: number;
  maxScore?: number;
  bonusCents?: number;
  bonusPercentOfFees?: number;
  deductionCents?: number;
  deductionPercentOfFees?: number;
  /** Relative weight in next quarter's allocation of new business; 1 is neutral. */
  businessWeight: number;
  routingPriority?: boolean;
  recognition?: boolean;
  rectification?: boolean;
  suspension?: boolean;
  terminationReview?: boolean;
}

/**
 * A category's tier configuration, append-only: saving makes the next version, the highest is
 * in force, and every record names the version it was applied from.
 */
export const incentiveTierSets = pgTable(
  'incentive_tier_sets',
  {
    id: id(),
    serviceCategory: text('service_category', { enum: serviceCategories }).notNull(),
    version: integer('version').notNull(),
    basis: text('basis', { enum: tierBases }).notNull(),
    tiers: jsonb('tiers').$type<IncentiveTier[]>().notNull(),
    /** The yearly fee base used when a partner has no contract in force (cents). */
    baseAnnualFeeCents: bigint('base_annual_fee_cents', { mode: 'number' }).notNull(),
    /** A bonus or deduction above this amount (cents) needs every approver's approval. */
    approvalThresholdCents: bigint('approval_threshold_cents', { mode: 'number' }).notNull(),
    approverIds: uuid('approver_ids').array().notNull().default(sql`'{}'::uuid[]`),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('incentive_tier_sets_category_version').on(t.serviceCategory, t.version)],
);

/**
 * applied: in effect (no approval needed, or approved); pending_approval: an amount above the
 * threshold awaits the approvers; on_hold: the review is under appeal; rejected: an approver
 * refused it (with a reason); withdrawn: the appeal overturned the review (it is applied again
 * when the review is finalised again).
 */
export const incentiveRecordStatuses = [
  'applied',
  'pending_approval',
  'on_hold',
  'rejected',
  'withdrawn',
] as const;
export const incentiveKinds = ['reward', 'penalty', 'neutral'] as const;
export const feeBases = ['contract', 'configured'] as const;

/** The tier a finalised review brought a partner in one of its categories, for one quarter. */
export const incentiveRecords = pgTable(
  'incentive_records',
  {
    id: id(),
    partnerId: uuid('partner_id')
      .notNull()
      .references(() => partners.id, { onDelete: 'cascade' }),
    reviewId: uuid('review_id')
      .notNull()
      .references(() => quarterlyReviews.id, { onDelete: 'cascade' }),
    quarter: text('quarter').notNull(),
    serviceCategory: text('service_category', { enum: serviceCategories }).notNull(),
    tierSetId: uuid('tier_set_id')
      .notNull()
      .references(() => incentiveTierSets.id),
    tierSetVersion: integer('tier_set_version').notNull(),
    tierName: text('tier_name').notNull(),
    tier: jsonb('tier').$type<IncentiveTier>().notNull(),
    kind: text('kind', { enum: incentiveKinds }).notNull(),
    score: doublePrecision('score'),
    grade: text('grade'),
    /** Bonus (positive) or deduction (negative), cents, for the quarter. */
    amountCents: bigint('amount_cents', { mode: 'number' }).notNull().default(0),
    feeBasis: text('fee_basis', { enum: feeBases }).notNull(),
    /** The quarter's fees a share was taken of: a quarter of the annual value (cents). */
    quarterFeeCents: bigint('quarter_fee_cents', { mode: 'number' }).notNull(),
    contractId: uuid('contract_id').references(() => contracts.id, { onDelete: 'set null' }),
    contractReference: text('contract_reference'),
    status: text('status', { enum: incentiveRecordStatuses }).notNull(),
    /** Each application (first finalisation, appeal outcome, re-finalisation) is a new round. */
    round: integer('round').notNull().default(1),
    approverIds: uuid('approver_ids').array().notNull().default(sql`'{}'::uuid[]`),
    rejectReason: text('reject_reason'),
    decidedAt: ts('decided_at'),
    appliedBy: uuid('applied_by').references(() => users.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('incentive_records_partner_quarter_category').on(t.partnerId, t.quarter, t.serviceCategory),
    index('incentive_records_review').on(t.reviewId),
    index('incentive_records_quarter_category').on(t.quarter, t.serviceCategory),
    index('incentive_records_status').on(t.status),
  ],
);

/** One approver's decision on one round of a record; the key makes a double click a no-op. */
export const incentiveApprovals = pgTable(
  'incentive_approvals',
  {
    recordId: uuid('record_id')
      .notNull()
      .references(() => incentiveRecords.id, { onDelete: 'cascade' }),
    round: integer('round').notNull(),
    approverId: uuid('approver_id')
      .notNull()
      .references(() => users.id),
    decision: text('decision', { enum: ['approve', 'reject'] }).notNull(),
    reason: text('reason'),
    via: text('via', { enum: ['web', 'slack'] })
      .notNull()
      .default('web'),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.recordId, t.round, t.approverId] })],
);

/** Each approver's Slack ballot of a record, so every decision can redraw all of them. */
export const incentiveMessages = pgTable(
  'incentive_messages',
  {
    recordId: uuid('record_id')
      .notNull()
      .references(() => incentiveRecords.id, { onDelete: 'cascade' }),
    approverId: uuid('approver_id')
      .notNull()
      .references(() => users.id),
    channel: text('channel').notNull(),
    ts: text('ts').notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.recordId, t.approverId] })],
);

/**
 * Next quarter's allocation of new business in a category, one table per category and quarter
 * (recomputed while its source quarter's records change). Shares are basis points (0.01 %) that
 * add up to exactly 10,000 (largest remainder).
 */
export const allocationTables = pgTable(
  'allocation_tables',
  {
    id: id(),
    serviceCategory: text('service_category', { enum: serviceCategories }).notNull(),
    /** The quarter the shares are for. */
    quarter: text('quarter').notNull(),
    /** The reviewed quarter the tiers came from. */
    sourceQuarter: text('source_quarter').notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('allocation_tables_category_quarter').on(t.serviceCategory, t.quarter)],
);

export const allocationShares = pgTable(
  'allocation_shares',
  {
    tableId: uuid('table_id')
      .notNull()
      .references(() => allocationTables.id, { onDelete: 'cascade' }),
    partnerId: uuid('partner_id')
      .notNull()
      .references(() => partners.id, { onDelete: 'cascade' }),
    weight: doublePrecision('weight').notNull(),
    shareBasisPoints: integer('share_basis_points').notNull(),
    routingPriority: text('routing_priority', { enum: ['yes', 'no'] })
      .notNull()
      .default('no'),
    recordId: uuid('record_id').references(() => incentiveRecords.id, { onDelete: 'set null' }),
  },
  (t) => [
    primaryKey({ columns: [t.tableId, t.partnerId] }),
    index('allocation_shares_partner').on(t.partnerId),
  ],
);

export type IncentiveTierSet = typeof incentiveTierSets.$inferSelect;
export type IncentiveRecord = typeof incentiveRecords.$inferSelect;
export type AllocationTable = typeof allocationTables.$inferSelect;
