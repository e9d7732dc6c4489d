import {
  type Database,
  type IncidentPlanCopy,
  type RiskEmergencyPlan,
  riskEmergencyPlans,
  riskEmergencyPlanVersions,
  riskPlanScenarios,
  serviceCategories,
} from '@outpost/db';
import { and, asc, desc, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Actor } from '../../actor.ts';
import { audit } from '../../audit.ts';
import { AppError, notFound } from '../../errors.ts';
import { assertCan } from '../../permissions.ts';
import { isUuid, parse } from '../../validation.ts';

const title = (message: string) => z.string({ message }).trim().min(1, message).max(200, message);
const body = (message: string) => z.string({ message }).trim().min(1, message).max(20_000);
const steps = z
  .array(z.string().trim().max(500, 'Keep each step under 500 characters.'))
  .max(50, 'A plan has at most 50 steps.')
  .transform((list) => list.filter((s) => s.length > 0));

export const planInput = z.strictObject({
  scenario: z.enum(riskPlanScenarios, { message: 'Choose a scenario.' }),
  serviceCategories: z
    .array(z.enum(serviceCategories, { message: 'Choose known service categories.' }))
    .default([]),
  titleZh: title('Give the plan a Chinese title.'),
  titleEn: title('Give the plan an English title.'),
  bodyZh: body('Write the plan in Chinese.'),
  bodyEn: body('Write the plan in English.'),
  stepsZh: steps.default([]),
  stepsEn: steps.default([]),
  active: z.boolean().default(true),
});
export type PlanInput = z.input<typeof planInput>;

const snapshotOf = (p: RiskEmergencyPlan) => ({
  scenario: p.scenario,
  serviceCategories: p.serviceCategories,
  titleZh: p.titleZh,
  titleEn: p.titleEn,
  bodyZh: p.bodyZh,
  bodyEn: p.bodyEn,
  stepsZh: p.stepsZh,
  stepsEn: p.stepsEn,
  active: p.active,
  version: p.version,
});

/**
 * Creates a plan (no planId) or saves a new version of one. Both languages are required, and both
 * step lists have the same length so a step reads the same in either language.
 */
export async function saveEmergencyPlan(
  db: Database,
  actor: Actor,
  raw: PlanInput & { planId?: string },
): Promise<RiskEmergencyPlan> {
  assertCan(actor, 'manage:risk-incidents');
  const { planId, ...rest } = raw;
  const input = parse(planInput, rest);
  if (input.stepsZh.length !== input.stepsEn.length) {
    throw new AppError('validation_failed', 'Give every step in both languages (the same number of lines).', {
      messageKey: 'risk.plan.error.stepsMismatch',
      details: {
        fields: [
          {
            path: 'stepsEn',
            code: 'invalid',
            message: 'Give every step in both languages (the same number of lines).',
          },
        ],
      },
    });
  }
  const by = actor.type === 'staff' ? actor.userId : null;
  return db.transaction(async (tx) => {
    let plan: RiskEmergencyPlan;
    if (planId === undefined) {
      // Creating the same plan twice (a retry, a double click) gives the first one back.
      const [same] = await tx
        .select()
        .from(riskEmergencyPlans)
        .where(
          and(
            eq(riskEmergencyPlans.scenario, input.scenario),
            eq(riskEmergencyPlans.titleZh, input.titleZh),
            eq(riskEmergencyPlans.titleEn, input.titleEn),
          ),
        );
      if (same) return same;
      [plan] = (await tx
        .insert(riskEmergencyPlans)
        .values({ ...input, updatedBy: by })
        .returning()) as [RiskEmergencyPlan];
    } else {
      if (!isUuid(planId)) throw notFound('Emergency plan');
      const [row] = await tx
        .update(riskEmergencyPlans)
        .set({
          ...input,
          version: sql`${riskEmergencyPlans.version} + 1`,
          updatedBy: by,
          updatedAt: new Date(),
        })
        .where(eq(riskEmergencyPlans.id, planId))
        .returning();
      if (!row) throw notFound('Emergency plan');
      plan = row;
    }
    await tx
      .insert(riskEmergencyPlanVersions)
      .values({ planId: plan.id, version: plan.version, snapshot: snapshotOf(plan), changedBy: by });
    await audit(tx, actor, {
      action: planId === undefined ? 'risk_plan.created' : 'risk_plan.updated',
      entityType: 'risk_emergency_plan',
      entityId: plan.id,
      data: { version: plan.version, titleZh: plan.titleZh, titleEn: plan.titleEn, active: plan.active },
    });
    return plan;
  });
}

/** Every plan (staff), active ones first; `activeOnly` for the choice when opening an incident. */
export async function listEmergencyPlans(db: Database, actor: Actor, options: { activeOnly?: boolean } = {}) {
  assertCan(actor, 'read:risk');
  return db
    .select()
    .from(riskEmergencyPlans)
    .where(options.activeOnly ? eq(riskEmergencyPlans.active, true) : undefined)
    .orderBy(
      desc(riskEmergencyPlans.active),
      asc(riskEmergencyPlans.scenario),
      asc(riskEmergencyPlans.titleZh),
    );
}

/** One plan with its version history (newest first). */
export async function getEmergencyPlan(db: Database, actor: Actor, planId: string) {
  assertCan(actor, 'read:risk');
  if (!isUuid(planId)) throw notFound('Emergency plan');
  const [plan] = await db.select().from(riskEmergencyPlans).where(eq(riskEmergencyPlans.id, planId));
  if (!plan) throw notFound('Emergency plan');
  const versions = await db
    .select({ version: riskEmergencyPlanVersions.version, changedAt: riskEmergencyPlanVersions.changedAt })
    .from(riskEmergencyPlanVersions)
    .where(eq(riskEmergencyPlanVersions.planId, planId))
    .orderBy(desc(riskEmergencyPlanVersions.version));
  return { plan, versions };
}

/** The copy of a plan an incident keeps: its current version, frozen. Only an active plan may be chosen. */
export async function planCopy(tx: Database, planId: string): Promise<IncidentPlanCopy> {
  const invalid = () =>
    new AppError('validation_failed', 'Choose an emergency plan in use.', {
      details: { fields: [{ path: 'planId', code: 'invalid', message: 'Choose an emergency plan in use.' }] },
    });
  if (!isUuid(planId)) throw invalid();
  const [p] = await tx
    .select()
    .from(riskEmergencyPlans)
    .where(and(eq(riskEmergencyPlans.id, planId), eq(riskEmergencyPlans.active, true)));
  if (!p) throw invalid();
  return {
    planId: p.id,
    version: p.version,
    scenario: p.scenario,
    titleZh: p.titleZh,
    titleEn: p.titleEn,
    bodyZh: p.bodyZh,
    bodyEn: p.bodyEn,
    stepsZh: [...p.stepsZh],
    stepsEn: [...p.stepsEn],
  };
}
