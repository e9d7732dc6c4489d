import {
  type Database,
  type serviceCategories,
  trainingCompletions,
  trainingPeople,
  trainingRequirements,
} from '@outpost/db';
import { todayInChina } from '@outpost/i18n';
import { and, between, eq, inArray, isNull, lte } from 'drizzle-orm';
import { z } from 'zod';
import type { Actor } from '../actor.ts';
import { audit } from '../audit.ts';
import { AppError } from '../errors.ts';
import { assertCan } from '../permissions.ts';
import { parse } from '../validation.ts';
import { overdueNoticesByPerson } from './notices/confirmation-rates.ts';
import {
  type AnnualRule,
  type Progress,
  progressAgainst,
  referenceRule,
  requirementFor,
} from './requirements.ts';

type ServiceCategory = (typeof serviceCategories)[number];

/** The annual rule of each service category: the stored one, or the reference rule. */
export async function annualRules(db: Database): Promise<(category: string) => AnnualRule> {
  const rows = await db.select().from(trainingRequirements);
  const byCategory = new Map(rows.map((r) => [r.serviceCategory, r]));
  return (category) => {
    const row = byCategory.get(category as ServiceCategory);
    return row ? { totalMinutes: row.totalMinutes, categoryMinutes: row.categoryMinutes } : referenceRule;
  };
}

const minutes = z.number().int().min(0).max(600_000);
export const ruleInput = z
  .object({
    totalMinutes: minutes,
    categoryMinutes: z.partialRecord(
      z.enum(['law_ethics', 'professional_skills', 'product', 'risk_compliance', 'information_security']),
      minutes,
    ),
  })
  .refine((r) => Object.values(r.categoryMinutes).reduce((a, b) => a + (b ?? 0), 0) <= r.totalMinutes, {
    path: ['categoryMinutes'],
    message: 'The category minimums add up to more than the total.',
  });

/** Staff set the annual rule of a service category (e.g. 36 h, 12 h of them law and ethics). */
export async function setAnnualRule(
  db: Database,
  actor: Actor,
  serviceCategory: ServiceCategory,
  raw: z.input<typeof ruleInput>,
) {
  assertCan(actor, 'manage:training');
  const input = parse(ruleInput, raw);
  return db.transaction(async (tx) => {
    const values = {
      serviceCategory,
      totalMinutes: input.totalMinutes,
      categoryMinutes: input.categoryMinutes,
      updatedBy: actor.type === 'staff' ? actor.userId : null,
      updatedAt: new Date(),
    };
    await tx
      .insert(trainingRequirements)
      .values(values)
      .onConflictDoUpdate({ target: trainingRequirements.serviceCategory, set: values });
    await audit(tx, actor, {
      action: 'training.annual_rule_set',
      entityType: 'training_requirement',
      entityId: serviceCategory,
      data: { totalMinutes: input.totalMinutes, categoryMinutes: input.categoryMinutes },
    });
  });
}

export interface PersonProgress extends Progress {
  personId: string;
  name: string;
  serviceCategory: string;
}

/**
 * Each live roster person's hours in `year` against what they owe for it (pro rata for people who
 * joined during the year). Hours count on the day they were completed, up to `asOf`.
 */
export async function yearProgress(
  db: Database,
  partnerId: string,
  year: number,
  asOf = todayInChina(),
  options: { pace?: boolean } = {},
): Promise<PersonProgress[]> {
  const people = await db
    .select()
    .from(trainingPeople)
    .where(
      and(
        eq(trainingPeople.partnerId, partnerId),
        isNull(trainingPeople.removedAt),
        lte(trainingPeople.startDate, asOf),
      ),
    );
  if (people.length === 0) return [];
  const done = await db
    .select({
      personId: trainingCompletions.personId,
      category: trainingCompletions.category,
      minutes: trainingCompletions.minutes,
    })
    .from(trainingCompletions)
    .where(
      and(
        inArray(
          trainingCompletions.personId,
          people.map((p) => p.id),
        ),
        between(
          trainingCompletions.completedOn,
          `${year}-01-01`,
          asOf < `${year}-12-31` ? asOf : `${year}-12-31`,
        ),
      ),
    );
  const rules = await annualRules(db);
  return people.map((person) => ({
    personId: person.id,
    name: person.name,
    serviceCategory: person.serviceCategory,
    ...progressAgainst(
      requirementFor(rules(person.serviceCategory), person.startDate, year, options.pace ? asOf : undefined),
      done.filter((d) => d.personId === person.id),
    ),
  }));
}

/** The signed-in learner's own progress this year, as progress bars show it. */
export async function myYearProgress(db: Database, actor: Actor, year = Number(todayInChina().slice(0, 4))) {
  assertCan(actor, 'take:training:own');
  if (actor.type !== 'partner')
    throw new AppError('forbidden', 'Only partner people have a training record.', {
      messageKey: 'errors.forbidden',
    });
  const [person] = await db
    .select({ id: trainingPeople.id })
    .from(trainingPeople)
    .where(
      and(
        eq(trainingPeople.userId, actor.userId),
        eq(trainingPeople.partnerId, actor.partnerId),
        isNull(trainingPeople.removedAt),
      ),
    );
  if (!person) return null;
  const all = await yearProgress(db, actor.partnerId, year);
  return all.find((p) => p.personId === person.id) ?? null;
}

/**
 * The `training_compliance` figure of a partner on a day: the share of its people meeting their
 * requirements, 0–1; null when the roster is empty (no data, not zero). A person meets them when
 * they are on pace with their annual requirement (hours done this year ≥ the requirement for the
 * part of the year gone by) and have confirmed every notice whose confirm-by date has passed
 * (decision record 029).
 */
export async function trainingCompliance(db: Database, partnerId: string, asOf = todayInChina()) {
  const [people, overdueNotices] = await Promise.all([
    yearProgress(db, partnerId, Number(asOf.slice(0, 4)), asOf, { pace: true }),
    overdueNoticesByPerson(db, partnerId, asOf),
  ]);
  if (people.length === 0) return null;
  const meeting = people.filter((p) => p.met && !overdueNotices.has(p.personId)).length;
  return { people: people.length, meeting, share: meeting / people.length };
}
