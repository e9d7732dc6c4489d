import { sql } from 'drizzle-orm';
import { date, index, integer, jsonb, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, updatedAt } from './columns.ts';
import { partners } from './partners.ts';
import { users } from './users.ts';

/**
 * Who could take over a partner's work: another partner of the catalogue (by id, its name read
 * live) or a firm outside it, named as text (decision record 050).
 */
export type ExitAlternative =
  | { kind: 'partner'; partnerId: string; note?: string }
  | { kind: 'external'; name: string; note?: string };

/**
 * The exit plan (退出预案) of a critical or important partner: who could take over, how, how long
 * it takes, what data moves, when it was last reviewed and tested and when it is next due (a
 * year later by default). One plan per partner; every save bumps `version` and writes the whole
 * plan to exit_plan_versions, so its history is kept (decision record 050).
 */
export const exitPlans = pgTable(
  'exit_plans',
  {
    id: id(),
    partnerId: uuid('partner_id')
      .notNull()
      .references(() => partners.id),
    alternatives: jsonb('alternatives').$type<ExitAlternative[]>().notNull().default(sql`'[]'::jsonb`),
    /** The steps to switch, one per line (the order matters). */
    steps: text('steps').array().notNull().default(sql`'{}'::text[]`),
    /** How many days the switch takes, start to finish. */
    switchDays: integer('switch_days').notNull(),
    /** What data has to move to the successor (or come back in-house). */
    dataToMigrate: text('data_to_migrate').notNull(),
    lastReviewedOn: date('last_reviewed_on').notNull(),
    lastTestedOn: date('last_tested_on'),
    nextReviewOn: date('next_review_on').notNull(),
    /** Who keeps the plan: the due reminder goes to them. */
    ownerId: uuid('owner_id').references(() => users.id),
    /** The due date a reminder was last sent for: one reminder per due date, even with two workers. */
    remindedFor: date('reminded_for'),
    version: integer('version').notNull().default(1),
    updatedBy: uuid('updated_by').references(() => users.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('exit_plans_partner_key').on(t.partnerId),
    index('exit_plans_next_review_idx').on(t.nextReviewOn),
  ],
);

export const exitPlanVersions = pgTable(
  'exit_plan_versions',
  {
    planId: uuid('plan_id')
      .notNull()
      .references(() => exitPlans.id),
    version: integer('version').notNull(),
    snapshot: jsonb('snapshot').$type<Record<string, unknown>>().notNull(),
    changedBy: uuid('changed_by').references(() => users.id),
    changedAt: createdAt(),
  },
  (t) => [uniqueIndex('exit_plan_versions_key').on(t.planId, t.version)],
);

export type ExitPlan = typeof exitPlans.$inferSelect;
