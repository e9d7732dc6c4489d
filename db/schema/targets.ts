import { index, integer, jsonb, primaryKey, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { ts } from './columns.ts';
import { partners } from './partners.ts';

/**
 * The partner compliance target's per-quarter record (decision record 046): for every partner
 * active when the snapshot was taken, the requirements it failed then (empty: compliant). The
 * daily `targets-snapshot` job rewrites the running quarter, so a closed quarter keeps the figure
 * of its last day. Documents' validity, their review state and partners' status have no history,
 * so a past quarter can only be read from what was recorded at the time; a quarter without rows
 * is "not yet measured".
 */
export const targetComplianceSnapshots = pgTable(
  'target_compliance_snapshots',
  {
    /** `2026-Q4`. */
    quarter: text('quarter').notNull(),
    partnerId: uuid('partner_id')
      .notNull()
      .references(() => partners.id, { onDelete: 'cascade' }),
    /** The requirements not met: documents, training, rectification, critical_alert, contract. */
    reasons: text('reasons').array().notNull(),
    takenAt: ts('taken_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.quarter, t.partnerId] }),
    index('target_compliance_snapshots_partner_idx').on(t.partnerId),
  ],
);

/**
 * The target dashboard's figures as last computed, per quarter, filter and sort (decision record
 * 056): shared by every web process, so a portfolio of a thousand partners is computed once a
 * minute, not once per view. Derived data, replaced freely; nothing reads it but the dashboard.
 */
export const targetDashboardCache = pgTable('target_dashboard_cache', {
  /** `2026-Q4|claims|east|compliance|asc` — quarter, category, region (empty when not filtered), sort. */
  key: text('key').primaryKey(),
  /** Everything but the two partner lists, which are rows of `target_dashboard_cache_rows`. */
  figures: jsonb('figures').$type<Record<string, unknown>>().notNull(),
  partnerTotal: integer('partner_total').notNull(),
  nonCompliantTotal: integer('non_compliant_total').notNull(),
  computedAt: ts('computed_at').notNull(),
});

/** The lists in their order, one row each, so a view reads its page by the primary key. */
export const targetDashboardCacheRows = pgTable(
  'target_dashboard_cache_rows',
  {
    key: text('key')
      .notNull()
      .references(() => targetDashboardCache.key, { onDelete: 'cascade' }),
    /** `partners` (the table, sorted) or `non_compliant` (the drill-down, most reasons first). */
    list: text('list', { enum: ['partners', 'non_compliant'] }).notNull(),
    position: integer('position').notNull(),
    row: jsonb('row').$type<Record<string, unknown>>().notNull(),
  },
  (t) => [primaryKey({ columns: [t.key, t.list, t.position] })],
);
