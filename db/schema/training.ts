import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { createdAt, id, ts, updatedAt } from './columns.ts';
import { partners, serviceCategories } from './partners.ts';
import { users } from './users.ts';

/** What a course counts towards; the annual rule sets hours per category (e.g. 12 h law and ethics). */
export const trainingCategories = [
  'law_ethics',
  'professional_skills',
  'product',
  'risk_compliance',
  'information_security',
] as const;
export type TrainingCategory = (typeof trainingCategories)[number];

/**
 * One question of an assessment. `correct` holds the indexes of the right options; it never leaves
 * the server before an attempt is submitted (the read model strips it).
 */
export interface TrainingQuestion {
  id: string;
  kind: 'single' | 'multiple';
  promptZh: string;
  promptEn: string;
  options: { zh: string; en: string }[];
  correct: number[];
}

/** A PDF handed out with a course version; the bytes live in file storage under `storageKey`. */
export interface TrainingAttachment {
  id: string;
  fileName: string;
  contentType: string;
  sizeBytes: number;
  sha256: string;
  storageKey: string;
}

/** A course (课程): its identity and category. What people read and answer lives in its versions. */
export const trainingCourses = pgTable('training_courses', {
  id: id(),
  category: text('category', { enum: trainingCategories }).notNull(),
  /** The version new attempts use; null until the first version is published. */
  currentVersionId: uuid('current_version_id'),
  createdBy: uuid('created_by').references(() => users.id),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

/**
 * An immutable published version of a course. Publishing a new one never changes what people
 * completed: attempts and completions point at the version they were made on.
 */
export const trainingCourseVersions = pgTable(
  'training_course_versions',
  {
    id: id(),
    courseId: uuid('course_id')
      .notNull()
      .references(() => trainingCourses.id, { onDelete: 'cascade' }),
    version: integer('version').notNull(),
    titleZh: text('title_zh').notNull(),
    titleEn: text('title_en').notNull(),
    /** Markdown, rendered safely (no raw HTML) by the portal. */
    bodyZh: text('body_zh').notNull(),
    bodyEn: text('body_en').notNull(),
    videoUrl: text('video_url'),
    /** Credit in minutes, so 1.5 hours is exact. */
    creditMinutes: integer('credit_minutes').notNull(),
    questions: jsonb('questions').$type<TrainingQuestion[]>().notNull(),
    /** Percentage of questions answered right needed to pass, 0–100. */
    passMark: integer('pass_mark').notNull(),
    attemptLimit: integer('attempt_limit').notNull(),
    shuffle: boolean('shuffle').notNull().default(false),
    /** PDF attachments stored through the uploads module (content-addressed); immutable like the version. */
    attachments: jsonb('attachments').$type<TrainingAttachment[]>().notNull().default([]),
    publishedBy: uuid('published_by').references(() => users.id),
    publishedAt: ts('published_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('training_course_versions_course_version_key').on(t.courseId, t.version),
    check('training_course_versions_pass_mark', sql`${t.passMark} between 0 and 100`),
    check('training_course_versions_attempt_limit', sql`${t.attemptLimit} between 1 and 20`),
    check('training_course_versions_credit', sql`${t.creditMinutes} between 1 and 6000`),
  ],
);

/** A person who works on the insurer's business for a partner (培训人员名册). */
export const trainingPeople = pgTable(
  'training_people',
  {
    id: id(),
    partnerId: uuid('partner_id')
      .notNull()
      .references(() => partners.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    /** ID card or staff number; lists show it masked. */
    staffNumber: text('staff_number').notNull(),
    jobRole: text('job_role').notNull(),
    serviceCategory: text('service_category', { enum: serviceCategories }).notNull(),
    startDate: date('start_date').notNull(),
    /** The person's portal account, when they have one. */
    userId: uuid('user_id').references(() => users.id, { onDelete: 'set null' }),
    removedAt: ts('removed_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    // One live roster entry per staff number and partner; a removed person may be added again.
    uniqueIndex('training_people_partner_number_key')
      .on(t.partnerId, t.staffNumber)
      .where(sql`${t.removedAt} is null`),
    index('training_people_user_idx').on(t.userId),
  ],
);

/** Who a course is assigned to: a partner, every partner of a service category, or one person. */
export const trainingAssignmentTargets = ['partner', 'category', 'person'] as const;
export const trainingAssignments = pgTable(
  'training_assignments',
  {
    id: id(),
    courseId: uuid('course_id')
      .notNull()
      .references(() => trainingCourses.id, { onDelete: 'cascade' }),
    target: text('target', { enum: trainingAssignmentTargets }).notNull(),
    partnerId: uuid('partner_id').references(() => partners.id, { onDelete: 'cascade' }),
    serviceCategory: text('service_category', { enum: serviceCategories }),
    personId: uuid('person_id').references(() => trainingPeople.id, { onDelete: 'cascade' }),
    dueDate: date('due_date').notNull(),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    index('training_assignments_course_idx').on(t.courseId),
    check(
      'training_assignments_target_shape',
      sql`(${t.target} = 'partner' and ${t.partnerId} is not null)
        or (${t.target} = 'category' and ${t.serviceCategory} is not null)
        or (${t.target} = 'person' and ${t.personId} is not null and ${t.partnerId} is not null)`,
    ),
  ],
);

/**
 * One submitted attempt at a course version's assessment. `attempt` counts from 1 per person and
 * course; the unique key makes a double submission count once.
 */
export const trainingAttempts = pgTable(
  'training_attempts',
  {
    id: id(),
    personId: uuid('person_id')
      .notNull()
      .references(() => trainingPeople.id, { onDelete: 'cascade' }),
    partnerId: uuid('partner_id')
      .notNull()
      .references(() => partners.id, { onDelete: 'cascade' }),
    courseId: uuid('course_id')
      .notNull()
      .references(() => trainingCourses.id, { onDelete: 'cascade' }),
    courseVersionId: uuid('course_version_id')
      .notNull()
      .references(() => trainingCourseVersions.id),
    attempt: integer('attempt').notNull(),
    answers: jsonb('answers').$type<Record<string, number[]>>().notNull(),
    /** Percentage right, 0–100. */
    score: integer('score').notNull(),
    passed: boolean('passed').notNull(),
    submittedBy: uuid('submitted_by').references(() => users.id),
    submittedAt: ts('submitted_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('training_attempts_person_course_attempt_key').on(t.personId, t.courseId, t.attempt),
    index('training_attempts_partner_idx').on(t.partnerId, t.submittedAt),
  ],
);

/** Hours on record: a passed course, or external training accepted by staff. */
export const trainingCompletionSources = ['course', 'external'] as const;
export const trainingCompletions = pgTable(
  'training_completions',
  {
    id: id(),
    personId: uuid('person_id')
      .notNull()
      .references(() => trainingPeople.id, { onDelete: 'cascade' }),
    partnerId: uuid('partner_id')
      .notNull()
      .references(() => partners.id, { onDelete: 'cascade' }),
    source: text('source', { enum: trainingCompletionSources }).notNull(),
    courseId: uuid('course_id').references(() => trainingCourses.id),
    courseVersionId: uuid('course_version_id').references(() => trainingCourseVersions.id),
    attemptId: uuid('attempt_id').references(() => trainingAttempts.id),
    category: text('category', { enum: trainingCategories }).notNull(),
    minutes: integer('minutes').notNull(),
    completedOn: date('completed_on').notNull(),
    /** Public verification code printed on the certificate (/verify/<code>). */
    certificateCode: text('certificate_code').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('training_completions_certificate_key').on(t.certificateCode),
    // A person completes a course once; later versions do not add hours again.
    uniqueIndex('training_completions_person_course_key')
      .on(t.personId, t.courseId)
      .where(sql`${t.courseId} is not null`),
    index('training_completions_partner_idx').on(t.partnerId, t.completedOn),
    check('training_completions_minutes', sql`${t.minutes} between 1 and 6000`),
  ],
);

/**
 * The annual continuing-education rule per service category, e.g. agency: 36 hours a year, at least
 * 12 of them law and ethics. People who join during the year owe a pro-rata share.
 */
export const trainingRequirements = pgTable('training_requirements', {
  serviceCategory: text('service_category', { enum: serviceCategories }).primaryKey(),
  totalMinutes: integer('total_minutes').notNull(),
  /** Minimum minutes per training category, e.g. `{ law_ethics: 720 }`. */
  categoryMinutes: jsonb('category_minutes').$type<Partial<Record<TrainingCategory, number>>>().notNull(),
  updatedBy: uuid('updated_by').references(() => users.id),
  updatedAt: updatedAt(),
});

/**
 * Reminders and digests already sent, one row per dedupe key (e.g. `due:14:<assignment>:<person>`,
 * `overdue:<partner>:<day>`, `slack-week:<week>`): the job claims the key before sending, so a
 * rerun, a retry or a second worker on the same day sends nothing twice.
 */
export const trainingRemindersSent = pgTable(
  'training_reminders_sent',
  {
    key: text('key').primaryKey(),
    kind: text('kind', { enum: ['due', 'overdue', 'slack_digest', 'notice'] }).notNull(),
    partnerId: uuid('partner_id').references(() => partners.id, { onDelete: 'cascade' }),
    sentOn: date('sent_on').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('training_reminders_sent_partner_idx').on(t.partnerId, t.sentOn)],
);
/** Review state of an external training certificate a partner person uploaded. */
export const externalCertificateStatuses = ['submitted', 'accepted', 'rejected'] as const;

/**
 * Training done elsewhere (外部培训证明): a partner uploads the certificate for one roster person,
 * staff accept or reject it. Accepting adds one `training_completions` row (source `external`), so
 * the hours count in progress and compliance like any other.
 */
export const trainingExternalCertificates = pgTable(
  'training_external_certificates',
  {
    id: id(),
    partnerId: uuid('partner_id')
      .notNull()
      .references(() => partners.id, { onDelete: 'cascade' }),
    personId: uuid('person_id')
      .notNull()
      .references(() => trainingPeople.id, { onDelete: 'cascade' }),
    title: text('title').notNull(),
    provider: text('provider').notNull(),
    completedOn: date('completed_on').notNull(),
    minutes: integer('minutes').notNull(),
    category: text('category', { enum: trainingCategories }).notNull(),
    fileName: text('file_name').notNull(),
    contentType: text('content_type').notNull(),
    sizeBytes: integer('size_bytes').notNull(),
    sha256: text('sha256').notNull(),
    storageKey: text('storage_key').notNull(),
    status: text('status', { enum: externalCertificateStatuses }).notNull().default('submitted'),
    rejectReason: text('reject_reason'),
    completionId: uuid('completion_id').references(() => trainingCompletions.id),
    uploadedBy: uuid('uploaded_by').references(() => users.id),
    decidedBy: uuid('decided_by').references(() => users.id),
    decidedAt: ts('decided_at'),
    createdAt: createdAt(),
  },
  (t) => [
    index('training_external_certificates_status_idx').on(t.status, t.createdAt),
    index('training_external_certificates_partner_idx').on(t.partnerId, t.createdAt),
    check('training_external_certificates_minutes', sql`${t.minutes} between 1 and 6000`),
  ],
);

export type TrainingCourseVersion = typeof trainingCourseVersions.$inferSelect;
