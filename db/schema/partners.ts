import { sql } from 'drizzle-orm';
import { boolean, index, pgTable, primaryKey, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, ts, updatedAt } from './columns.ts';
import { departments } from './departments.ts';
import { users } from './users.ts';

export const partnerStatuses = [
  'invited',
  'applying',
  'active',
  'suspended',
  'exiting',
  'terminated',
] as const;
export const serviceCategories = [
  'agency',
  'sales_channel',
  'claims',
  'loss_adjusting',
  'underwriting',
  'customer_service',
  'it',
] as const;
export const criticalities = ['critical', 'important', 'standard'] as const;
/**
 * The insurer's sales regions, China's seven geographic regions (华北, 东北, 华东, 华中, 华南, 西南,
 * 西北): the target dashboard filters by them (decision record 046). Null: not recorded yet.
 */
export const partnerRegions = [
  'north',
  'northeast',
  'east',
  'central',
  'south',
  'southwest',
  'northwest',
] as const;
export const membershipRoles = ['partner_admin', 'partner_member'] as const;

/**
 * A partner organisation (外包服务提供商). Register fields that regulators expect
 * (EBA register, DORA B_05.01) live here from the start: legal name, registration
 * number, registered address, parent company, criticality and why.
 */
export const partners = pgTable(
  'partners',
  {
    id: id(),
    legalName: text('legal_name').notNull(),
    /** 统一社会信用代码, normalised (trimmed, upper-case) and check-character validated. */
    creditCode: text('credit_code').notNull(),
    lei: text('lei'),
    registeredAddress: text('registered_address'),
    parentCompany: text('parent_company'),
    status: text('status', { enum: partnerStatuses }).notNull().default('invited'),
    serviceCategories: text('service_categories', { enum: serviceCategories })
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    criticality: text('criticality', { enum: criticalities }).notNull().default('standard'),
    criticalityReason: text('criticality_reason'),
    criticalityAssessedAt: ts('criticality_assessed_at'),
    handlesPersonalData: boolean('handles_personal_data').notNull().default(false),
    contactEmail: text('contact_email'),
    /** While status is 'suspended': why and since when (shown to the partner). */
    suspensionReason: text('suspension_reason'),
    suspendedAt: ts('suspended_at'),
    /** The status to return to when the suspension is lifted. */
    statusBeforeSuspension: text('status_before_suspension', { enum: partnerStatuses }),
    /** The staff member who looks after this partner: critical risk alerts and escalations reach them (decision 034). */
    relationshipOwnerId: uuid('relationship_owner_id').references(() => users.id),
    /** The sales region the partner works in (decision record 046); null until recorded. */
    region: text('region', { enum: partnerRegions }),
    /** The department that owns the relationship; defaults from the owner's department (decision record 050). */
    departmentId: uuid('department_id').references(() => departments.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('partners_credit_code_key').on(t.creditCode),
    index('partners_status_idx').on(t.status),
  ],
);

export const partnerMemberships = pgTable(
  'partner_memberships',
  {
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    partnerId: uuid('partner_id')
      .notNull()
      .references(() => partners.id, { onDelete: 'cascade' }),
    role: text('role', { enum: membershipRoles }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.userId, t.partnerId] }),
    index('partner_memberships_partner_idx').on(t.partnerId),
  ],
);

export type Partner = typeof partners.$inferSelect;
