import { sql } from 'drizzle-orm';
import { boolean, check, date, index, jsonb, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, ts } from './columns.ts';
import { partners, serviceCategories } from './partners.ts';
import { type TrainingAttachment, trainingAssignmentTargets, trainingPeople } from './training.ts';
import { users } from './users.ts';

/** What a policy notice is: a new regulation, a changed company policy, or a risk bulletin. */
export const noticeKinds = ['regulation', 'policy', 'risk_bulletin'] as const;
export type NoticeKind = (typeof noticeKinds)[number];

/**
 * A policy notice (政策通知) staff publish to a partner, a service category or one roster person,
 * targeted like a course assignment. When `confirmBy` is set each person it reaches must confirm
 * by that day that they have read it and will follow it; an unconfirmed notice past that day
 * counts against training compliance (decision record 029).
 */
export const trainingNotices = pgTable(
  'training_notices',
  {
    id: id(),
    kind: text('kind', { enum: noticeKinds }).notNull(),
    titleZh: text('title_zh').notNull(),
    titleEn: text('title_en').notNull(),
    /** Markdown, rendered safely (no raw HTML) by the portal. */
    bodyZh: text('body_zh').notNull(),
    bodyEn: text('body_en').notNull(),
    attachments: jsonb('attachments').$type<TrainingAttachment[]>().notNull().default([]),
    target: text('target', { enum: trainingAssignmentTargets }).notNull(),
    partnerId: uuid('partner_id').references(() => partners.id, { onDelete: 'cascade' }),
    serviceCategory: text('service_category', { enum: serviceCategories }),
    personId: uuid('person_id').references(() => trainingPeople.id, { onDelete: 'cascade' }),
    requiresConfirmation: boolean('requires_confirmation').notNull().default(false),
    confirmBy: date('confirm_by'),
    publishedBy: uuid('published_by').references(() => users.id),
    publishedAt: ts('published_at').notNull().defaultNow(),
    withdrawnAt: ts('withdrawn_at'),
    withdrawnBy: uuid('withdrawn_by').references(() => users.id),
  },
  (t) => [
    index('training_notices_published_idx').on(t.publishedAt),
    check(
      'training_notices_target_shape',
      sql`(${t.target} = 'partner' and ${t.partnerId} is not null)
        or (${t.target} = 'category' and ${t.serviceCategory} is not null)
        or (${t.target} = 'person' and ${t.personId} is not null and ${t.partnerId} is not null)`,
    ),
    // A confirmation is always asked for by a date, so "overdue" has one meaning.
    check('training_notices_confirm_by', sql`${t.requiresConfirmation} = (${t.confirmBy} is not null)`),
  ],
);

/**
 * What one roster person did with a notice: read it, and (when asked) confirmed it. One row per
 * person and notice, so a repeated or concurrent confirmation counts once.
 */
export const trainingNoticeReceipts = pgTable(
  'training_notice_receipts',
  {
    id: id(),
    noticeId: uuid('notice_id')
      .notNull()
      .references(() => trainingNotices.id, { onDelete: 'cascade' }),
    personId: uuid('person_id')
      .notNull()
      .references(() => trainingPeople.id, { onDelete: 'cascade' }),
    partnerId: uuid('partner_id')
      .notNull()
      .references(() => partners.id, { onDelete: 'cascade' }),
    readAt: ts('read_at').notNull().defaultNow(),
    confirmedAt: ts('confirmed_at'),
    confirmedBy: uuid('confirmed_by').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('training_notice_receipts_notice_person_key').on(t.noticeId, t.personId),
    index('training_notice_receipts_person_idx').on(t.personId),
  ],
);

export type TrainingNotice = typeof trainingNotices.$inferSelect;
