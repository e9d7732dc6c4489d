import { sql } from 'drizzle-orm';
import { pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, ts, updatedAt } from './columns.ts';
import { departments } from './departments.ts';

/** 'partner' users belong to partner organisations; 'staff' users work for the insurer. */
export const userKinds = ['partner', 'staff'] as const;
export const staffRoles = ['reviewer', 'legal', 'committee', 'risk_officer', 'admin', 'auditor'] as const;
export const locales = ['zh-CN', 'en'] as const;
/** Kinds of partner e-mail a person may turn off on their account page. */
export const emailKinds = [
  'admission',
  'documents',
  'reviews',
  'rectification',
  'partner_status',
  'training',
  'contracts',
] as const;

export const users = pgTable(
  'users',
  {
    id: id(),
    kind: text('kind', { enum: userKinds }).notNull(),
    email: text('email').notNull(),
    displayName: text('display_name').notNull(),
    passwordHash: text('password_hash'),
    locale: text('locale', { enum: locales }).notNull().default('zh-CN'),
    /** Staff roles; empty for partner users, whose role lives on the membership. */
    staffRoles: text('staff_roles', { enum: staffRoles }).array().notNull().default(sql`'{}'::text[]`),
    status: text('status', { enum: ['active', 'disabled'] })
      .notNull()
      .default('active'),
    passwordChangedAt: ts('password_changed_at'),
    /** E-mail kinds this person turned off (the inbox copy always stays). */
    emailOptOut: text('email_opt_out', { enum: emailKinds }).array().notNull().default(sql`'{}'::text[]`),
    /** Staff only: the department they belong to (decision record 042). */
    departmentId: uuid('department_id').references(() => departments.id),
    /** When a session was last opened for this person (a sign-in or an accepted invitation). */
    lastSignedInAt: ts('last_signed_in_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('users_email_key').on(sql`lower(${t.email})`)],
);

export type User = typeof users.$inferSelect;
