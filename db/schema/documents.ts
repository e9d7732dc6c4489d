import { sql } from 'drizzle-orm';
import { bigint, boolean, date, index, integer, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, ts, updatedAt } from './columns.ts';
import { partners, serviceCategories } from './partners.ts';
import { users } from './users.ts';

/**
 * The catalogue of qualification documents (资质) required per service category,
 * managed by staff admins. `validityMonths` null means the document does not expire.
 */
export const documentRequirements = pgTable(
  'document_requirements',
  {
    id: id(),
    key: text('key').notNull(),
    nameZh: text('name_zh').notNull(),
    nameEn: text('name_en').notNull(),
    descriptionZh: text('description_zh'),
    descriptionEn: text('description_en'),
    serviceCategories: text('service_categories', { enum: serviceCategories })
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    expires: boolean('expires').notNull().default(true),
    validityMonths: integer('validity_months'),
    mandatory: boolean('mandatory').notNull().default(true),
    active: boolean('active').notNull().default(true),
    sortOrder: integer('sort_order').notNull().default(0),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('document_requirements_key').on(t.key)],
);

export const documentStatuses = ['submitted', 'accepted', 'rejected', 'expired'] as const;

/** One partner's document for one requirement; its file history is in document_versions. */
export const documents = pgTable(
  'documents',
  {
    id: id(),
    partnerId: uuid('partner_id')
      .notNull()
      .references(() => partners.id, { onDelete: 'cascade' }),
    requirementId: uuid('requirement_id')
      .notNull()
      .references(() => documentRequirements.id),
    status: text('status', { enum: documentStatuses }).notNull().default('submitted'),
    currentVersion: integer('current_version').notNull().default(1),
    issueDate: date('issue_date'),
    expiryDate: date('expiry_date'),
    reviewedBy: uuid('reviewed_by').references(() => users.id),
    reviewedAt: ts('reviewed_at'),
    rejectionReason: text('rejection_reason'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('documents_partner_requirement_key').on(t.partnerId, t.requirementId),
    index('documents_expiry_idx').on(t.expiryDate),
    // The staff work queue: documents waiting for a reviewer, oldest first.
    index('documents_awaiting_review_idx').on(t.updatedAt).where(sql`${t.status} = 'submitted'`),
  ],
);

/** Every uploaded file is kept: a new upload is a new version. */
export const documentVersions = pgTable(
  'document_versions',
  {
    id: id(),
    documentId: uuid('document_id')
      .notNull()
      .references(() => documents.id, { onDelete: 'cascade' }),
    version: integer('version').notNull(),
    fileName: text('file_name').notNull(),
    contentType: text('content_type').notNull(),
    sizeBytes: bigint('size_bytes', { mode: 'number' }).notNull(),
    sha256: text('sha256').notNull(),
    storageKey: text('storage_key').notNull(),
    issueDate: date('issue_date'),
    expiryDate: date('expiry_date'),
    uploadedBy: text('uploaded_by'),
    uploadedAt: createdAt(),
  },
  (t) => [uniqueIndex('document_versions_doc_version_key').on(t.documentId, t.version)],
);

/** Expiry reminders already sent, so a daily job re-run never sends one twice. */
export const documentReminders = pgTable(
  'document_reminders',
  {
    documentId: uuid('document_id')
      .notNull()
      .references(() => documents.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: ['30d', '7d', 'expired'] }).notNull(),
    expiryDate: date('expiry_date').notNull(),
    sentAt: createdAt(),
  },
  (t) => [uniqueIndex('document_reminders_key').on(t.documentId, t.kind, t.expiryDate)],
);
