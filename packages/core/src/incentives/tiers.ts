import {
  type Database,
  type IncentiveTier,
  type IncentiveTierSet,
  incentiveTierSets,
  serviceCategories,
  tierBases,
  users,
} from '@outpost/db';
import { and, desc, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import type { Actor } from '../actor.ts';
import { audit } from '../audit.ts';
import { AppError } from '../errors.ts';
import { grades } from '../performance/kpi-values.ts';
import { assertCan, can } from '../permissions.ts';
import { parse } from '../validation.ts';

const cents = z.number().int('Use whole cents.').min(0, 'Use an amount of 0 or more.').max(1e13);
const percent = z
  .number()
  .finite()
  .min(0, 'Use a share from 0 to 100.')
  .max(100, 'Use a share from 0 to 100.');

export const tierInput = z.strictObject({
  name: z.string().trim().min(1, 'Name the tier.').max(60),
  grades: z
    .array(z.enum(grades, { message: 'Grades are A to E.' }))
    .max(5)
    .optional(),
  minScore: z.number().finite().min(0).max(100).optional(),
  maxScore: z.number().finite().min(0).max(100).optional(),
  bonusCents: cents.optional(),
  bonusPercentOfFees: percent.optional(),
  deductionCents: cents.optional(),
  deductionPercentOfFees: percent.optional(),
  businessWeight: z
    .number()
    .finite()
    .min(0, 'A share weight is 0 or more.')
    .max(10, 'Use a weight up to 10.'),
  routingPriority: z.boolean().optional(),
  recognition: z.boolean().optional(),
  rectification: z.boolean().optional(),
  suspension: z.boolean().optional(),
  terminationReview: z.boolean().optional(),
});

export const tierSetInput = z.strictObject({
  serviceCategory: z.enum(serviceCategories, { message: 'Choose a service category.' }),
  basis: z.enum(tierBases, { message: 'Choose grade or score band.' }),
  tiers: z.array(tierInput).min(1, 'Add at least one tier.').max(10),
  baseAnnualFeeCents: cents,
  approvalThresholdCents: cents,
  approverIds: z.array(z.uuid('Unknown user.')).max(20),
});
export type TierSetInput = z.input<typeof tierSetInput>;

/** Whether a tier rewards, penalises or does neither (money and share may not go both ways: checkTiers). */
export function tierKind(tier: IncentiveTier): 'reward' | 'penalty' | 'neutral' {
  const reward =
    (tier.bonusCents ?? 0) > 0 ||
    (tier.bonusPercentOfFees ?? 0) > 0 ||
    tier.businessWeight > 1 ||
    tier.routingPriority === true ||
    tier.recognition === true;
  const penalty =
    (tier.deductionCents ?? 0) > 0 ||
    (tier.deductionPercentOfFees ?? 0) > 0 ||
    tier.businessWeight < 1 ||
    tier.rectification === true ||
    tier.suspension === true ||
    tier.terminationReview === true;
  // A recognised partner that must still rectify something is, on balance, penalised.
  return penalty ? 'penalty' : reward ? 'reward' : 'neutral';
}

const invalid = (path: string, message: string, messageKey: string, params: Record<string, unknown> = {}) =>
  new AppError('validation_failed', message, {
    messageKey,
    details: { fields: [{ path, message, code: messageKey.split('.').pop() }], ...params },
  });

/**
 * The rules a configuration must keep so every review finds exactly one tier: score bands are
 * half-open [min, max), sorted, start at 0, end at 100, without gaps or overlaps; grade tiers
 * name each grade A–E exactly once. A tier may not both reward and penalise.
 */
export function checkTiers(basis: (typeof tierBases)[number], tiers: IncentiveTier[]): IncentiveTier[] {
  tiers.forEach((tier, i) => {
    const mixed =
      ((tier.bonusCents ?? 0) > 0 || (tier.bonusPercentOfFees ?? 0) > 0 || tier.businessWeight > 1) &&
      ((tier.deductionCents ?? 0) > 0 || (tier.deductionPercentOfFees ?? 0) > 0 || tier.businessWeight < 1);
    if (mixed) {
      throw invalid(
        `tiers.${i}`,
        `Tier "${tier.name}" both rewards and penalises; split it.`,
        'errors.incentives.mixed_tier',
        { tier: tier.name },
      );
    }
  });
  if (basis === 'grade') {
    const seen = new Map<string, string>();
    tiers.forEach((tier, i) => {
      if (!tier.grades?.length) {
        throw invalid(
          `tiers.${i}.grades`,
          `Tier "${tier.name}" names no grade.`,
          'errors.incentives.no_grades',
        );
      }
      for (const g of tier.grades) {
        const other = seen.get(g);
        if (other !== undefined) {
          throw invalid(
            `tiers.${i}.grades`,
            `Grade ${g} is in both "${other}" and "${tier.name}"; a grade belongs to one tier.`,
            'errors.incentives.grade_overlap',
          );
        }
        seen.set(g, tier.name);
      }
    });
    const missing = grades.filter((g) => !seen.has(g));
    if (missing.length) {
      throw invalid(
        'tiers',
        `Grades ${missing.join(', ')} are in no tier; every grade A–E needs one.`,
        'errors.incentives.grade_missing',
      );
    }
    return tiers.map(({ minScore: _a, maxScore: _b, ...t }) => t);
  }
  tiers.forEach((tier, i) => {
    if (tier.minScore === undefined || tier.maxScore === undefined || tier.minScore >= tier.maxScore) {
      throw invalid(
        `tiers.${i}.minScore`,
        `Tier "${tier.name}" needs a score band with its lower bound below its upper bound.`,
        'errors.incentives.band_invalid',
      );
    }
  });
  const sorted = tiers.map((t) => ({ ...t, grades: undefined })).sort((a, b) => a.minScore! - b.minScore!);
  if (sorted[0]!.minScore !== 0) {
    throw invalid('tiers', 'The lowest band must start at 0.', 'errors.incentives.band_gap');
  }
  if (sorted.at(-1)!.maxScore !== 100) {
    throw invalid('tiers', 'The highest band must end at 100.', 'errors.incentives.band_gap');
  }
  for (let i = 1; i < sorted.length; i++) {
    const before = sorted[i - 1]!;
    const tier = sorted[i]!;
    if (tier.minScore! < before.maxScore!) {
      throw invalid(
        'tiers',
        `Bands "${before.name}" and "${tier.name}" overlap (${tier.minScore} is below ${before.maxScore}).`,
        'errors.incentives.band_overlap',
      );
    }
    if (tier.minScore! > before.maxScore!) {
      throw invalid(
        'tiers',
        `No band covers scores from ${before.maxScore} to ${tier.minScore}.`,
        'errors.incentives.band_gap',
      );
    }
  }
  return sorted.map(({ grades: _g, ...t }) => t);
}

/**
 * The tier a score or grade falls in. Bands are [min, max): a score exactly on a boundary
 * belongs to the upper band (80.0 is "80–90", 79.9 is "70–80"); 100 belongs to the top band.
 * No score (no measured KPI) finds no tier.
 */
export function tierFor(
  set: Pick<IncentiveTierSet, 'basis' | 'tiers'>,
  review: { score: number | null; grade: string | null },
): IncentiveTier | null {
  if (set.basis === 'grade') {
    if (!review.grade) return null;
    return set.tiers.find((t) => t.grades?.includes(review.grade!)) ?? null;
  }
  const score = review.score;
  if (score === null) return null;
  return (
    set.tiers.find(
      (t) => score >= t.minScore! && (score < t.maxScore! || (t.maxScore === 100 && score === 100)),
    ) ?? null
  );
}

/** Saves a category's configuration as its next version (the previous ones stay, audited). */
export async function saveTierSet(db: Database, actor: Actor, raw: TierSetInput) {
  assertCan(actor, 'manage:reviews');
  const input = parse(tierSetInput, raw);
  const tiers = checkTiers(input.basis, input.tiers);
  const approverIds = [...new Set(input.approverIds)];
  if (approverIds.length === 0) {
    throw invalid(
      'approverIds',
      'Name at least one approver for amounts above the threshold.',
      'errors.incentives.no_approvers',
    );
  }
  return db.transaction(async (tx) => {
    const staff = await tx
      .select({ id: users.id })
      .from(users)
      .where(and(inArray(users.id, approverIds), eq(users.kind, 'staff'), eq(users.status, 'active')));
    if (staff.length !== approverIds.length) {
      throw invalid(
        'approverIds',
        'Approvers must be active staff members.',
        'errors.incentives.approver_not_staff',
      );
    }
    // The category's rows are locked by taking the latest under FOR UPDATE; the unique key on
    // (category, version) settles two saves racing on an empty category.
    const [latest] = await tx
      .select({ version: incentiveTierSets.version })
      .from(incentiveTierSets)
      .where(eq(incentiveTierSets.serviceCategory, input.serviceCategory))
      .orderBy(desc(incentiveTierSets.version))
      .limit(1)
      .for('update');
    const [saved] = await tx
      .insert(incentiveTierSets)
      .values({
        serviceCategory: input.serviceCategory,
        version: (latest?.version ?? 0) + 1,
        basis: input.basis,
        tiers,
        baseAnnualFeeCents: input.baseAnnualFeeCents,
        approvalThresholdCents: input.approvalThresholdCents,
        approverIds,
        createdBy: actor.type === 'staff' ? actor.userId : null,
      })
      .returning();
    await audit(tx, actor, {
      action: 'incentive.tiers_saved',
      entityType: 'incentive_tier_set',
      entityId: saved!.id,
      data: {
        serviceCategory: saved!.serviceCategory,
        version: saved!.version,
        basis: saved!.basis,
        tiers,
        baseAnnualFeeCents: saved!.baseAnnualFeeCents,
        approvalThresholdCents: saved!.approvalThresholdCents,
        approverIds,
      },
    });
    return saved!;
  });
}

/** The configuration in force for a category (its highest version), or null. */
export async function tierSetInForce(db: Database, serviceCategory: string) {
  const [row] = await db
    .select()
    .from(incentiveTierSets)
    .where(eq(incentiveTierSets.serviceCategory, serviceCategory as (typeof serviceCategories)[number]))
    .orderBy(desc(incentiveTierSets.version))
    .limit(1);
  return row ?? null;
}

/** Every category's configuration in force and its history (staff: the settings page). */
export async function tierSettings(db: Database, actor: Actor) {
  if (!can(actor, 'read:review:any')) assertCan(actor, 'manage:reviews');
  const [rows, staff] = await Promise.all([
    db
      .select()
      .from(incentiveTierSets)
      .orderBy(incentiveTierSets.serviceCategory, desc(incentiveTierSets.version)),
    db
      .select({ id: users.id, displayName: users.displayName })
      .from(users)
      .where(and(eq(users.kind, 'staff'), eq(users.status, 'active')))
      .orderBy(users.displayName),
  ]);
  return {
    categories: serviceCategories.map((category) => {
      const versions = rows.filter((r) => r.serviceCategory === category);
      return { category, current: versions[0] ?? null, history: versions };
    }),
    staff,
    canManage: can(actor, 'manage:reviews'),
  };
}
