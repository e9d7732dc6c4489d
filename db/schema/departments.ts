import { boolean, integer, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { createdAt, id, updatedAt } from './columns.ts';

/**
 * The insurer's departments (legal, risk, operations, …), named in both languages. Each member
 * of staff belongs to one; later capabilities use it for ownership (decision record 042).
 * Retired departments stay for history and cannot be chosen.
 */
export const departments = pgTable(
  'departments',
  {
    id: id(),
    key: text('key').notNull(),
    nameZh: text('name_zh').notNull(),
    nameEn: text('name_en').notNull(),
    sortOrder: integer('sort_order').notNull().default(100),
    active: boolean('active').notNull().default(true),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('departments_key_key').on(t.key)],
);

export type Department = typeof departments.$inferSelect;
