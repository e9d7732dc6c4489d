import { sql } from 'drizzle-orm';
import {
  bigserial,
  boolean,
  date,
  doublePrecision,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { createdAt, ts, updatedAt } from './columns.ts';
import { partners, serviceCategories } from './partners.ts';

/**
 * How a KPI is computed from the daily rollups. A fixed set on purpose: each one is a
 * ratio of additive rollup columns, so any period's value is exact from daily sums.
 * `external` KPIs are fed by another capability (training) and have no event source here.
 */
export const kpiComputations = [
  'average_rating',
  'share_within_sla',
  'share_passed',
  'loss_ratio',
  'rate_per_cases',
  'external',
] as const;
export const kpiDirections = ['higher_better', 'lower_better'] as const;
export const kpiUnits = ['rating', 'percent', 'per_thousand'] as const;

/** KPI definitions (绩效指标), managed by staff administrators. */
export const kpiDefinitions = pgTable('kpi_definitions', {
  key: text('key').primaryKey(),
  nameZh: text('name_zh').notNull(),
  nameEn: text('name_en').notNull(),
  unit: text('unit', { enum: kpiUnits }).notNull(),
  computation: text('computation', { enum: kpiComputations }).notNull(),
  direction: text('direction', { enum: kpiDirections }).notNull(),
  target: doublePrecision('target').notNull(),
  warningThreshold: doublePrecision('warning_threshold').notNull(),
  criticalThreshold: doublePrecision('critical_threshold').notNull(),
  /** Relative weight in the overall score; 0 shows the KPI without scoring it. */
  weight: integer('weight').notNull(),
  /** Empty means the KPI applies to every service category. */
  serviceCategories: text('service_categories', { enum: serviceCategories })
    .array()
    .notNull()
    .default(sql`'{}'::text[]`),
  active: boolean('active').notNull().default(true),
  sortOrder: integer('sort_order').notNull().default(0),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

export const serviceEventTypes = [
  'case_opened',
  'case_closed',
  'customer_rating',
  'compliance_check',
  'loss',
  'complaint',
  'correction',
] as const;

/**
 * Service events pushed by partners' systems. Immutable: there is no update path; a
 * correction is a new event whose `corrects` names the partner's id of the event it voids.
 * Few indexes on purpose — this is the high-volume table.
 */
export const serviceEvents = pgTable(
  'service_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    /**
     * No row-level foreign key on purpose: its per-row check cost as much as the insert itself on
     * a 5,000-event batch. Migration 0021 enforces the same rule once per statement instead (a
     * trigger over the inserted rows) and refuses deleting a partner that has events (decision
     * record 045; db/test/service-events-partner.test.ts fails if either guard goes missing).
     */
    partnerId: uuid('partner_id').notNull(),
    /** The partner's own id for the event: the idempotency key of ingestion. */
    externalId: text('external_id').notNull(),
    type: text('type', { enum: serviceEventTypes }).notNull(),
    occurredAt: ts('occurred_at').notNull(),
    /** The type-specific fields (rating, slaDueAt, passed, amount…), as validated at ingestion. */
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
    corrects: text('corrects'),
    receivedAt: ts('received_at').notNull().defaultNow(),
    batchId: uuid('batch_id').notNull(),
  },
  (t) => [
    uniqueIndex('service_events_partner_external_key').on(t.partnerId, t.externalId),
    // Drill-down: a partner's events of some types in a period.
    index('service_events_partner_type_time_idx').on(t.partnerId, t.type, t.occurredAt),
    // An event can be voided once; only correction rows are in this index.
    uniqueIndex('service_events_corrects_key')
      .on(t.partnerId, t.corrects)
      .where(sql`${t.corrects} is not null`),
  ],
);

/** The additive sums every KPI is a ratio of; the same columns at every grain. */
const rollupSums = () => ({
  casesOpened: integer('cases_opened').notNull().default(0),
  casesClosed: integer('cases_closed').notNull().default(0),
  closedWithinSla: integer('closed_within_sla').notNull().default(0),
  ratingsCount: integer('ratings_count').notNull().default(0),
  ratingsSum: integer('ratings_sum').notNull().default(0),
  checksTotal: integer('checks_total').notNull().default(0),
  checksPassed: integer('checks_passed').notNull().default(0),
  complaints: integer('complaints').notNull().default(0),
  /** Money the closed cases handled (claims paid, premium written): the loss-rate denominator. */
  handledAmount: numeric('handled_amount', { precision: 20, scale: 2 }).notNull().default('0'),
  lossAmount: numeric('loss_amount', { precision: 20, scale: 2 }).notNull().default('0'),
});

/**
 * Additive daily sums per partner (day in China Standard Time), maintained in the same
 * transaction as the events that change them. Every KPI is a ratio of these columns.
 * The daily grain serves drill-downs and any custom range of days.
 */
export const kpiDailyRollups = pgTable(
  'kpi_daily_rollups',
  {
    partnerId: uuid('partner_id')
      .notNull()
      .references(() => partners.id),
    day: date('day').notNull(),
    ...rollupSums(),
  },
  (t) => [primaryKey({ columns: [t.partnerId, t.day] }), index('kpi_daily_rollups_day_idx').on(t.day)],
);

/**
 * The same sums per calendar month (first day of the month, China Standard Time), maintained
 * in the same statement as the daily rows. Every reporting period is whole months, so a
 * scorecard reads at most 12 rows per partner and its 8-quarter trend 24.
 */
/**
 * The portfolio's training compliance per month, for the staff dashboard's trend (decision record
 * 033): the sums of the partners' rollup rows as the daily job left them, for all active partners
 * (`service_category` '*') and per service category (a partner in two categories counts in both).
 * Twelve rows make the chart, where summing 12 months of 1,000 partners' rows cost a view 15 ms.
 */
export const trainingPortfolioMonths = pgTable(
  'training_portfolio_months',
  {
    month: date('month').notNull(),
    serviceCategory: text('service_category').notNull(),
    people: integer('people').notNull(),
    met: integer('met').notNull(),
  },
  (t) => [primaryKey({ columns: [t.month, t.serviceCategory] })],
);

export const kpiMonthlyRollups = pgTable(
  'kpi_monthly_rollups',
  {
    partnerId: uuid('partner_id')
      .notNull()
      .references(() => partners.id),
    month: date('month').notNull(),
    ...rollupSums(),
    /**
     * Training compliance as of the month's last day (or today, for the running month): people on
     * the partner's roster and how many of them are on pace with their annual requirement. Set
     * (not added to) by the daily training job; a quarter's ratio of sums is the people-weighted
     * mean of its months.
     */
    trainingPeople: integer('training_people').notNull().default(0),
    trainingMet: integer('training_met').notNull().default(0),
    /**
     * Written by the same job, for the staff training dashboard (decision record 033): people
     * overdue on an assignment, and the notice confirmations owed and made, on that day.
     */
    trainingOverdue: integer('training_overdue').notNull().default(0),
    noticesOwed: integer('notices_owed').notNull().default(0),
    noticesConfirmed: integer('notices_confirmed').notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.partnerId, t.month] }),
    index('kpi_monthly_rollups_month_idx').on(t.month),
  ],
);

/**
 * Every ranked partner's overall score for a period, as of the period's last refresh, and
 * per service category the sorted scores of its partners: the peer distribution a scorecard
 * places a partner in with one indexed read. Derived data, rebuilt from the monthly rollups
 * when older than a minute or when KPI definitions change (see core's peer-scores.ts).
 */
export const peerScores = pgTable(
  'peer_scores',
  {
    /** The period's label: `2026-Q3`, `2026-07` or `2026`. */
    period: text('period').notNull(),
    partnerId: uuid('partner_id')
      .notNull()
      .references(() => partners.id),
    serviceCategories: text('service_categories', { enum: serviceCategories }).array().notNull(),
    score: doublePrecision('score').notNull(),
  },
  (t) => [primaryKey({ columns: [t.period, t.partnerId] })],
);

export const peerDistributions = pgTable(
  'peer_distributions',
  {
    period: text('period').notNull(),
    category: text('category', { enum: serviceCategories }).notNull(),
    /** Ascending; a partner of several categories is in each of them. */
    scores: doublePrecision('scores').array().notNull(),
  },
  (t) => [primaryKey({ columns: [t.period, t.category] })],
);

/** When each period's peer scores were last rebuilt. */
export const peerScoreRefreshes = pgTable('peer_score_refreshes', {
  period: text('period').primaryKey(),
  refreshedAt: ts('refreshed_at').notNull(),
});

export type KpiDefinition = typeof kpiDefinitions.$inferSelect;
export type ServiceEvent = typeof serviceEvents.$inferSelect;
export type KpiDailyRollup = typeof kpiDailyRollups.$inferSelect;
export type KpiMonthlyRollup = typeof kpiMonthlyRollups.$inferSelect;
