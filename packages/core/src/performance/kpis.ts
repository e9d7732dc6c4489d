import {
  type Database,
  kpiComputations,
  kpiDefinitions,
  kpiDirections,
  kpiUnits,
  serviceCategories,
} from '@outpost/db';
import { asc } from 'drizzle-orm';
import { z } from 'zod';
import { type Actor, systemActor } from '../actor.ts';
import { audit } from '../audit.ts';
import { invalidatePeerScores } from './peer-scores.ts';
import { assertCan } from '../permissions.ts';
import { parse } from '../validation.ts';
import { boundedNumber, int32 } from '../fields.ts';

export const kpiInput = z
  .strictObject({
    key: z
      .string()
      .trim()
      .regex(/^[a-z0-9_]{2,60}$/, 'Use 2–60 lower-case letters, digits or underscores.'),
    nameZh: z.string().trim().min(1).max(200),
    nameEn: z.string().trim().min(1).max(200),
    unit: z.enum(kpiUnits),
    computation: z.enum(kpiComputations),
    direction: z.enum(kpiDirections),
    target: boundedNumber(),
    warningThreshold: boundedNumber(),
    criticalThreshold: boundedNumber(),
    weight: z.number().int().min(0).max(100),
    serviceCategories: z.array(z.enum(serviceCategories)).default([]),
    active: z.boolean().default(true),
    sortOrder: int32().default(0),
  })
  // Thresholds must lie on the bad side of the target, the critical one furthest, or statuses contradict each other.
  .refine(
    (k) =>
      k.direction === 'higher_better'
        ? k.target >= k.warningThreshold && k.warningThreshold >= k.criticalThreshold
        : k.target <= k.warningThreshold && k.warningThreshold <= k.criticalThreshold,
    {
      message: 'Order target, warning and critical thresholds from best to worst for the KPI’s direction.',
      path: ['warningThreshold'],
    },
  )
  .refine((k) => k.target !== k.criticalThreshold, {
    message: 'The critical threshold must differ from the target (scores are measured between them).',
    path: ['criticalThreshold'],
  });
export type KpiInput = z.input<typeof kpiInput>;

export async function listKpis(db: Database, actor: Actor) {
  assertCan(actor, 'read:kpis');
  return db.select().from(kpiDefinitions).orderBy(asc(kpiDefinitions.sortOrder), asc(kpiDefinitions.key));
}

/** Creates or updates a KPI definition by its key (staff administrators); audited with the new values. */
export async function saveKpi(db: Database, actor: Actor, raw: KpiInput) {
  assertCan(actor, 'manage:kpis');
  const input = parse(kpiInput, raw);
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(kpiDefinitions)
      .values(input)
      .onConflictDoUpdate({ target: kpiDefinitions.key, set: { ...input, updatedAt: new Date() } })
      .returning();
    await audit(tx, actor, {
      action: 'kpi.saved',
      entityType: 'kpi_definition',
      entityId: input.key,
      data: input,
    });
    // Every stored peer score used the old definition.
    await invalidatePeerScores(tx);
    return row!;
  });
}

/**
 * Adds any missing default KPI, leaving definitions staff have changed alone, and records each
 * one it adds in the audit log (by the system), as staff's own definitions are. Idempotent:
 * safe on every start-up and in the demo seed.
 */
export async function ensureDefaultKpis(db: Database): Promise<number> {
  const inputs = defaultKpis.map((k) => parse(kpiInput, k));
  return db.transaction(async (tx) => {
    const rows = await tx
      .insert(kpiDefinitions)
      .values(inputs)
      .onConflictDoNothing({ target: kpiDefinitions.key })
      .returning({ key: kpiDefinitions.key });
    const actor = systemActor('kpi-defaults');
    for (const { key } of rows) {
      await audit(tx, actor, {
        action: 'kpi.saved',
        entityType: 'kpi_definition',
        entityId: key,
        data: inputs.find((k) => k.key === key),
      });
    }
    if (rows.length > 0) await invalidatePeerScores(tx);
    return rows.length;
  });
}

/**
 * A realistic starting set for an insurer in China. Weights add up to 100 for a claims
 * partner. Training compliance is defined now and reads `external`: the training
 * capability will supply its value (hours done / hours due, 36 h a year with 12 on law and
 * ethics); until then it shows "no data" and is left out of the weighted score.
 */
export const defaultKpis: KpiInput[] = [
  {
    key: 'customer_satisfaction',
    nameZh: '客户满意度',
    nameEn: 'Customer satisfaction',
    unit: 'rating',
    computation: 'average_rating',
    direction: 'higher_better',
    target: 4.5,
    warningThreshold: 4.2,
    criticalThreshold: 3.8,
    weight: 25,
    sortOrder: 10,
  },
  {
    key: 'processing_timeliness',
    nameZh: '处理时效',
    nameEn: 'Processing timeliness',
    unit: 'percent',
    computation: 'share_within_sla',
    direction: 'higher_better',
    target: 95,
    warningThreshold: 90,
    criticalThreshold: 80,
    weight: 25,
    sortOrder: 20,
  },
  {
    key: 'compliance_rate',
    nameZh: '合规率',
    nameEn: 'Compliance rate',
    unit: 'percent',
    computation: 'share_passed',
    direction: 'higher_better',
    // The insurer's quantified target: partner compliance rate ≥ 98% each quarter.
    target: 98,
    warningThreshold: 95,
    criticalThreshold: 90,
    weight: 20,
    sortOrder: 30,
  },
  {
    key: 'loss_rate',
    nameZh: '损失率',
    nameEn: 'Loss rate',
    unit: 'percent',
    computation: 'loss_ratio',
    direction: 'lower_better',
    target: 0.5,
    warningThreshold: 1,
    criticalThreshold: 2,
    weight: 15,
    sortOrder: 40,
  },
  {
    key: 'complaint_rate',
    nameZh: '投诉率',
    nameEn: 'Complaint rate',
    unit: 'per_thousand',
    computation: 'rate_per_cases',
    direction: 'lower_better',
    target: 1,
    warningThreshold: 2,
    criticalThreshold: 5,
    weight: 15,
    sortOrder: 50,
  },
  {
    key: 'training_compliance',
    nameZh: '培训达标率',
    nameEn: 'Training compliance',
    unit: 'percent',
    computation: 'external',
    direction: 'higher_better',
    target: 100,
    warningThreshold: 90,
    criticalThreshold: 75,
    weight: 10,
    serviceCategories: ['agency', 'sales_channel', 'customer_service'],
    sortOrder: 60,
  },
];
