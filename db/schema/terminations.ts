import { sql } from 'drizzle-orm';
import {
  boolean,
  date,
  index,
  jsonb,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { createdAt, id, ts, updatedAt } from './columns.ts';
import { departments } from './departments.ts';
import { partners, partnerStatuses } from './partners.ts';
import { users } from './users.ts';

/** Where a termination case comes from (issue 15): what staff opened it from. */
export const terminationSources = [
  'review',
  'risk_alert',
  'risk_incident',
  'blacklist',
  'partner_request',
  'non_renewal',
] as const;
export const terminationTypes = ['for_cause', 'convenience', 'non_renewal', 'partner_request'] as const;
/**
 * requested: the partner asked, staff have not yet put it to the approvers; approval: the
 * approvers decide; approved: in progress towards the effective date (partner `exiting`);
 * completed: access revoked on the effective date (partner `terminated`); rejected / withdrawn: closed.
 */
export const terminationStatuses = [
  'requested',
  'approval',
  'approved',
  'rejected',
  'withdrawn',
  'completed',
] as const;
export const openTerminationStatuses = ['requested', 'approval', 'approved'] as const;
export const terminationTaskSides = ['partner', 'internal'] as const;
export const terminationTaskStatuses = ['open', 'submitted', 'done'] as const;

/** One item the successor takes over, as listed when the successor is named. */
export interface TerminationHandoverItem {
  kind: 'rectification_item' | 'risk_alert' | 'risk_incident_task' | 'contract' | 'api_key';
  id: string;
  label: string;
}

/** A termination case (退出): why, how, when, who owns it, and where it stands. */
export const terminationCases = pgTable(
  'termination_cases',
  {
    id: id(),
    partnerId: uuid('partner_id')
      .notNull()
      .references(() => partners.id),
    source: text('source', { enum: terminationSources }).notNull(),
    /** The review, alert, incident or blacklist entry it was opened from, when there is one. */
    sourceId: text('source_id'),
    type: text('type', { enum: terminationTypes }).notNull(),
    reason: text('reason').notNull(),
    effectiveDate: date('effective_date').notNull(),
    /** The earliest date the contracts' notice periods allow, as computed when opened (null: no contract). */
    earliestAllowedDate: date('earliest_allowed_date'),
    departmentId: uuid('department_id').references(() => departments.id),
    responsibleId: uuid('responsible_id').references(() => users.id),
    status: text('status', { enum: terminationStatuses }).notNull().default('approval'),
    /** The approvers fixed when it went to approval (settings `termination.approvers` at that time). */
    approverIds: uuid('approver_ids').array().notNull().default(sql`'{}'::uuid[]`),
    successorPartnerId: uuid('successor_partner_id').references(() => partners.id),
    handoverItems: jsonb('handover_items')
      .$type<TerminationHandoverItem[]>()
      .notNull()
      .default(sql`'[]'::jsonb`),
    /** The partner's status when it became `exiting`, restored by a withdrawal. */
    statusBefore: text('status_before', { enum: partnerStatuses }),
    closeReason: text('close_reason'),
    requestedBy: uuid('requested_by').references(() => users.id),
    openedBy: uuid('opened_by').references(() => users.id),
    approvedAt: ts('approved_at'),
    completedAt: ts('completed_at'),
    closedAt: ts('closed_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('termination_cases_partner_idx').on(t.partnerId),
    index('termination_cases_status_idx').on(t.status, t.effectiveDate),
    // One open case per partner: a second request or a retried form finds the first.
    uniqueIndex('termination_cases_one_open')
      .on(t.partnerId)
      .where(sql`status in ('requested', 'approval', 'approved')`),
  ],
);

export const terminationApprovals = pgTable(
  'termination_approvals',
  {
    caseId: uuid('case_id')
      .notNull()
      .references(() => terminationCases.id),
    approverId: uuid('approver_id')
      .notNull()
      .references(() => users.id),
    decision: text('decision', { enum: ['approve', 'reject'] }).notNull(),
    reason: text('reason'),
    via: text('via', { enum: ['web', 'slack'] }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.caseId, t.approverId] })],
);

/** Each approver's Slack ballot message, so every decision redraws them all (the live tally). */
export const terminationMessages = pgTable(
  'termination_messages',
  {
    caseId: uuid('case_id')
      .notNull()
      .references(() => terminationCases.id),
    approverId: uuid('approver_id')
      .notNull()
      .references(() => users.id),
    channel: text('channel').notNull(),
    ts: text('ts').notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.caseId, t.approverId] })],
);

/** A checklist task of a case, generated from the template in settings when the case is approved. */
export const terminationTasks = pgTable(
  'termination_tasks',
  {
    id: id(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => terminationCases.id),
    /** Denormalised so every partner-scoped query filters on one column. */
    partnerId: uuid('partner_id')
      .notNull()
      .references(() => partners.id),
    key: text('key').notNull(),
    side: text('side', { enum: terminationTaskSides }).notNull(),
    titleZh: text('title_zh').notNull(),
    titleEn: text('title_en').notNull(),
    /** The staff member of an internal task (the case's responsible person by default). */
    ownerId: uuid('owner_id').references(() => users.id),
    dueDate: date('due_date').notNull(),
    /** The partner uploads a certificate (data return / destruction) that staff verify. */
    needsCertificate: boolean('needs_certificate').notNull().default(false),
    status: text('status', { enum: terminationTaskStatuses }).notNull().default('open'),
    note: text('note'),
    certificateFileName: text('certificate_file_name'),
    certificateContentType: text('certificate_content_type'),
    certificateSha256: text('certificate_sha256'),
    certificateStorageKey: text('certificate_storage_key'),
    submittedAt: ts('submitted_at'),
    submittedBy: uuid('submitted_by').references(() => users.id),
    doneAt: ts('done_at'),
    doneBy: uuid('done_by').references(() => users.id),
    /** Reminders already sent ('due_soon', 'overdue'): each once. */
    remindersSent: text('reminders_sent').array().notNull().default(sql`'{}'::text[]`),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('termination_tasks_case_key').on(t.caseId, t.key),
    index('termination_tasks_partner_idx').on(t.partnerId, t.status),
    index('termination_tasks_status_due_idx').on(t.status, t.dueDate),
  ],
);

/**
 * A partner's open service case (a `case_opened` event without a `case_closed` for the same
 * caseId) handed over to the successor when the case's hand-over is verified (decision record
 * 049, second part). One row per (termination case, caseId): a retry or a second click moves
 * nothing twice. The events themselves stay the leaving partner's history.
 */
export const terminationHandovers = pgTable(
  'termination_handovers',
  {
    id: id(),
    terminationCaseId: uuid('termination_case_id')
      .notNull()
      .references(() => terminationCases.id),
    /** The partner's own case id, as in its events' payload (`caseId`). */
    caseId: text('case_id').notNull(),
    fromPartnerId: uuid('from_partner_id')
      .notNull()
      .references(() => partners.id),
    toPartnerId: uuid('to_partner_id')
      .notNull()
      .references(() => partners.id),
    /** When the leaving partner opened the case, and its SLA deadline if it gave one. */
    openedAt: ts('opened_at'),
    slaDueAt: text('sla_due_at'),
    movedAt: ts('moved_at').notNull().defaultNow(),
    movedBy: uuid('moved_by').references(() => users.id),
  },
  (t) => [
    uniqueIndex('termination_handovers_case_key').on(t.terminationCaseId, t.caseId),
    index('termination_handovers_to_idx').on(t.toPartnerId, t.movedAt),
  ],
);

export type TerminationHandover = typeof terminationHandovers.$inferSelect;
export type TerminationCase = typeof terminationCases.$inferSelect;
export type TerminationTask = typeof terminationTasks.$inferSelect;
