import { sql } from 'drizzle-orm';
import { date, index, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, ts, updatedAt } from './columns.ts';
import { partners } from './partners.ts';
import { rectificationItems } from './reviews.ts';
import { users } from './users.ts';

export const supervisionTaskStatuses = ['open', 'closed'] as const;
export const supervisionFindingSeverities = ['low', 'medium', 'high'] as const;

/**
 * An inspection task of the supervision group (监督检查, decision record 053): what to check
 * (partners and/or regions), who owns it, by when. Findings hang off it; each can point at
 * existing rectification items that track the fix.
 */
export const supervisionTasks = pgTable(
  'supervision_tasks',
  {
    id: id(),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    /** Sales regions in scope (partners.region values); partners in scope are in supervision_task_partners. */
    regions: text('regions').array().notNull().default(sql`'{}'::text[]`),
    ownerId: uuid('owner_id')
      .notNull()
      .references(() => users.id),
    dueDate: date('due_date').notNull(),
    status: text('status', { enum: supervisionTaskStatuses }).notNull().default('open'),
    conclusion: text('conclusion'),
    createdBy: uuid('created_by').references(() => users.id),
    closedAt: ts('closed_at'),
    closedBy: uuid('closed_by').references(() => users.id),
    /** The due date a reminder was sent for: one reminder per due date, even with two workers. */
    remindedFor: date('reminded_for'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    // The status view (open first, by due date) and the reminder job's scan.
    index('supervision_tasks_status_due_idx').on(t.status, t.dueDate),
    index('supervision_tasks_owner_idx').on(t.ownerId),
  ],
);

export const supervisionTaskPartners = pgTable(
  'supervision_task_partners',
  {
    taskId: uuid('task_id')
      .notNull()
      .references(() => supervisionTasks.id, { onDelete: 'cascade' }),
    partnerId: uuid('partner_id')
      .notNull()
      .references(() => partners.id, { onDelete: 'cascade' }),
  },
  (t) => [
    primaryKey({ columns: [t.taskId, t.partnerId] }),
    index('supervision_task_partners_partner_idx').on(t.partnerId),
  ],
);

/** A finding (检查发现) of a task, optionally about one partner in its scope. */
export const supervisionFindings = pgTable(
  'supervision_findings',
  {
    id: id(),
    taskId: uuid('task_id')
      .notNull()
      .references(() => supervisionTasks.id, { onDelete: 'cascade' }),
    partnerId: uuid('partner_id').references(() => partners.id, { onDelete: 'cascade' }),
    severity: text('severity', { enum: supervisionFindingSeverities }).notNull(),
    description: text('description').notNull(),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [index('supervision_findings_task_idx').on(t.taskId)],
);

/** A finding's link to an existing rectification item that tracks its fix. */
export const supervisionFindingItems = pgTable(
  'supervision_finding_items',
  {
    findingId: uuid('finding_id')
      .notNull()
      .references(() => supervisionFindings.id, { onDelete: 'cascade' }),
    itemId: uuid('item_id')
      .notNull()
      .references(() => rectificationItems.id, { onDelete: 'cascade' }),
  },
  (t) => [
    primaryKey({ columns: [t.findingId, t.itemId] }),
    index('supervision_finding_items_item_idx').on(t.itemId),
  ],
);

export type SupervisionTask = typeof supervisionTasks.$inferSelect;
export type SupervisionFinding = typeof supervisionFindings.$inferSelect;
