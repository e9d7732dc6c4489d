import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  date,
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
import { documentVersions } from './documents.ts';
import { partners, serviceCategories } from './partners.ts';
import { users } from './users.ts';

/** Stages in order; an application moves forward one stage at a time (or is returned to an earlier one). */
export const admissionStages = ['document_review', 'onsite_inspection', 'pilot', 'committee'] as const;
export const applicationStatuses = ['in_progress', 'approved', 'rejected', 'withdrawn'] as const;

/** An admission application (准入申请) of a partner for one or more service categories. */
export const applications = pgTable(
  'applications',
  {
    id: id(),
    partnerId: uuid('partner_id')
      .notNull()
      .references(() => partners.id, { onDelete: 'cascade' }),
    serviceCategories: text('service_categories', { enum: serviceCategories }).array().notNull(),
    status: text('status', { enum: applicationStatuses }).notNull().default('in_progress'),
    stage: text('stage', { enum: admissionStages }).notNull().default('document_review'),
    submittedBy: uuid('submitted_by').references(() => users.id),
    submittedAt: createdAt(),
    decidedAt: ts('decided_at'),
    /** The committee rule in force when voting opened, so a later settings change does not alter it. */
    committeeRule: jsonb('committee_rule').$type<{
      quorum: number;
      approvalRatio: number;
      members: string[];
    }>(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('applications_partner_idx').on(t.partnerId),
    // One open application per partner at a time.
    uniqueIndex('applications_one_open_key').on(t.partnerId).where(sql`${t.status} = 'in_progress'`),
    // The staff work queue: open applications by stage, longest waiting first.
    index('applications_open_stage_idx').on(t.stage, t.updatedAt).where(sql`${t.status} = 'in_progress'`),
  ],
);

/** The visible timeline: each stage change with who, when and why. */
export const applicationEvents = pgTable(
  'application_events',
  {
    id: id(),
    applicationId: uuid('application_id')
      .notNull()
      .references(() => applications.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    fromStage: text('from_stage'),
    toStage: text('to_stage'),
    actorId: text('actor_id'),
    reason: text('reason'),
    /** Internal events (staff notes, votes) are never shown to the partner. */
    internal: boolean('internal').notNull().default(false),
    at: createdAt(),
  },
  (t) => [index('application_events_app_idx').on(t.applicationId, t.at)],
);

export const inspections = pgTable('inspections', {
  applicationId: uuid('application_id')
    .primaryKey()
    .references(() => applications.id, { onDelete: 'cascade' }),
  inspectedOn: date('inspected_on').notNull(),
  inspectors: text('inspectors').array().notNull(),
  findings: text('findings').notNull(),
  score: integer('score').notNull(),
  recordedBy: uuid('recorded_by').references(() => users.id),
  recordedAt: createdAt(),
});

export const pilots = pgTable('pilots', {
  applicationId: uuid('application_id')
    .primaryKey()
    .references(() => applications.id, { onDelete: 'cascade' }),
  startsOn: date('starts_on').notNull(),
  endsOn: date('ends_on').notNull(),
  outcome: text('outcome').notNull(),
  score: integer('score').notNull(),
  recordedBy: uuid('recorded_by').references(() => users.id),
  recordedAt: createdAt(),
});

/** Four-dimension assessment (0–100 each) plus an optional third-party report. */
export const assessments = pgTable('assessments', {
  applicationId: uuid('application_id')
    .primaryKey()
    .references(() => applications.id, { onDelete: 'cascade' }),
  financial: integer('financial').notNull(),
  capability: integer('capability').notNull(),
  compliance: integer('compliance').notNull(),
  reputation: integer('reputation').notNull(),
  thirdPartyAssessor: text('third_party_assessor'),
  thirdPartyScore: integer('third_party_score'),
  /** Unused: reports are attached to the assessment itself (third_party_report_* below), not as partner documents. */
  thirdPartyReportVersionId: uuid('third_party_report_version_id').references(() => documentVersions.id),
  /**
   * The third-party assessor's report, uploaded by staff: an internal document the
   * partner never sees. The bytes live in file storage, content-addressed by sha256.
   */
  thirdPartyReportFileName: text('third_party_report_file_name'),
  thirdPartyReportContentType: text('third_party_report_content_type'),
  thirdPartyReportSizeBytes: bigint('third_party_report_size_bytes', { mode: 'number' }),
  thirdPartyReportSha256: text('third_party_report_sha256'),
  thirdPartyReportStorageKey: text('third_party_report_storage_key'),
  thirdPartyReportUploadedAt: ts('third_party_report_uploaded_at'),
  thirdPartyReportUploadedBy: uuid('third_party_report_uploaded_by').references(() => users.id),
  assessedBy: uuid('assessed_by').references(() => users.id),
  assessedAt: updatedAt(),
});

export const votes = ['approve', 'reject', 'abstain'] as const;

/** One vote per member per application: the primary key makes double votes impossible. */
export const committeeVotes = pgTable(
  'committee_votes',
  {
    applicationId: uuid('application_id')
      .notNull()
      .references(() => applications.id, { onDelete: 'cascade' }),
    memberId: uuid('member_id')
      .notNull()
      .references(() => users.id),
    vote: text('vote', { enum: votes }).notNull(),
    reason: text('reason'),
    via: text('via', { enum: ['slack', 'web'] }).notNull(),
    castAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.applicationId, t.memberId] })],
);

/** Slack messages that show an application to a member, so they can all be updated on the decision. */
export const committeeMessages = pgTable(
  'committee_messages',
  {
    applicationId: uuid('application_id')
      .notNull()
      .references(() => applications.id, { onDelete: 'cascade' }),
    memberId: uuid('member_id')
      .notNull()
      .references(() => users.id),
    channel: text('channel').notNull(),
    ts: text('ts').notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.applicationId, t.memberId] })],
);
