import { sql } from 'drizzle-orm';
import { jsonb, pgTable, uuid } from 'drizzle-orm/pg-core';
import type { exitPossibilities, substitutabilities } from './contracts.ts';
import { updatedAt } from './columns.ts';
import { partners } from './partners.ts';
import { users } from './users.ts';

/**
 * What only a person knows about a partner as a whole, for the outsourcing register (decision
 * record 052): how hard it would be to replace, whether the function could come back in-house,
 * what stopping would do, who could take over. An arrangement (a contract) may say otherwise in
 * its own register record; where it is silent it inherits these. A partner without a contract in
 * force is recorded here only.
 */
export interface PartnerRegister {
  substitutability?: (typeof substitutabilities)[number];
  exitPossibility?: (typeof exitPossibilities)[number];
  /** Why it is hard to replace (DORA B_07.01 c0060), or other notes on the exit. */
  exitNotes?: string;
  discontinuationImpact?: (typeof discontinuationImpacts)[number];
  alternativeProviders?: string[];
}

/** DORA's scale for the impact of discontinuing a function or service. */
export const discontinuationImpacts = ['low', 'medium', 'high'] as const;
/** The outcome of the last risk assessment of an arrangement. */
export const riskAssessmentResults = ['low', 'medium', 'high'] as const;

/** One row per partner that has register fields recorded; absent until first saved. */
export const partnerRegisters = pgTable('partner_registers', {
  partnerId: uuid('partner_id')
    .primaryKey()
    .references(() => partners.id, { onDelete: 'cascade' }),
  fields: jsonb('fields').$type<PartnerRegister>().notNull().default(sql`'{}'::jsonb`),
  updatedBy: uuid('updated_by').references(() => users.id),
  updatedAt: updatedAt(),
});
