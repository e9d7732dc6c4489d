import {
  type Database,
  kpiDefinitions,
  type RiskRule,
  riskLevels,
  riskRules,
  riskRuleVersions,
  serviceCategories,
} from '@outpost/db';
import { and, asc, desc, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Actor } from '../actor.ts';
import { audit } from '../audit.ts';
import { AppError, notFound } from '../errors.ts';
import { assertCan } from '../permissions.ts';
import { isUuid, parse } from '../validation.ts';
import { ruleParamSchemas } from './rule-params.ts';

const common = {
  nameZh: z.string().trim().min(1, 'Enter a name.').max(200),
  nameEn: z.string().trim().min(1, 'Enter a name.').max(200),
  level: z.enum(riskLevels, { message: 'Choose notice, warning or critical.' }),
  serviceCategories: z.array(z.enum(serviceCategories, { message: 'Unknown service category.' })).default([]),
  enabled: z.boolean().default(true),
};

/** A rule as staff send it: the kind decides which parameters are valid (risk/rule-params.ts). */
const ofKind = <K extends keyof typeof ruleParamSchemas>(kind: K) =>
  z.strictObject({ kind: z.literal(kind), ...common, params: ruleParamSchemas[kind] });
export const riskRuleInput = z.discriminatedUnion(
  'kind',
  [
    ofKind('kpi_threshold'),
    ofKind('kpi_sudden_change'),
    ofKind('document_expiry'),
    ofKind('blacklist_hit'),
    ofKind('training_compliance'),
    ofKind('contract_lapsing'),
    ofKind('concentration'),
  ],
  { message: 'Choose a rule kind.' },
);
export type RiskRuleInput = {
  kind: RiskRule['kind'];
  nameZh: string;
  nameEn: string;
  level: RiskRule['level'];
  serviceCategories?: RiskRule['serviceCategories'];
  enabled?: boolean;
  params: Record<string, unknown>;
};
type ParsedRule = Required<RiskRuleInput>;

/** What an alert keeps of its rule, and what each version row holds. */
export function ruleSnapshot(rule: RiskRule): Record<string, unknown> {
  return {
    kind: rule.kind,
    nameZh: rule.nameZh,
    nameEn: rule.nameEn,
    level: rule.level,
    serviceCategories: rule.serviceCategories,
    params: rule.params,
    enabled: rule.enabled,
    version: rule.version,
  };
}

export async function listRiskRules(db: Database, actor: Actor) {
  assertCan(actor, 'read:risk');
  return db
    .select()
    .from(riskRules)
    .orderBy(asc(riskRules.kind), asc(riskRules.createdAt), asc(riskRules.id));
}

/** One rule and every version of it, newest first. */
export async function getRiskRule(db: Database, actor: Actor, ruleId: string) {
  assertCan(actor, 'read:risk');
  if (!isUuid(ruleId)) throw notFound('Rule');
  const [rule] = await db.select().from(riskRules).where(eq(riskRules.id, ruleId));
  if (!rule) throw notFound('Rule');
  const versions = await db
    .select()
    .from(riskRuleVersions)
    .where(eq(riskRuleVersions.ruleId, ruleId))
    .orderBy(desc(riskRuleVersions.version));
  return { rule, versions };
}

/**
 * Creates a rule (no id) or saves a new version of one. Every save writes the whole rule into
 * risk_rule_versions and the audit log, so the alerts it raised can show the rule as it was.
 */
export async function saveRiskRule(db: Database, actor: Actor, raw: RiskRuleInput & { id?: string }) {
  assertCan(actor, 'manage:risk-rules');
  const { id, ...body } = raw as RiskRuleInput & { id?: string };
  const input = parse(riskRuleInput, body) as ParsedRule;
  await assertKpiUsable(db, input);
  const changedBy = actor.type === 'staff' ? actor.userId : null;
  return db.transaction(async (tx) => {
    let rule: RiskRule | undefined;
    if (id === undefined) {
      [rule] = await tx
        .insert(riskRules)
        .values({ ...input, updatedBy: changedBy })
        .returning();
    } else {
      if (!isUuid(id)) throw notFound('Rule');
      // A rule keeps its kind: its alerts' condition keys and evidence mean what that kind means.
      const [current] = await tx.select({ kind: riskRules.kind }).from(riskRules).where(eq(riskRules.id, id));
      if (!current) throw notFound('Rule');
      if (current.kind !== input.kind) {
        throw new AppError('validation_failed', 'A rule keeps its kind; create a new rule instead.', {
          details: {
            fields: [
              { path: 'kind', code: 'invalid', message: 'A rule keeps its kind; create a new rule instead.' },
            ],
          },
        });
      }
      [rule] = await tx
        .update(riskRules)
        .set({
          ...input,
          version: sql`${riskRules.version} + 1`,
          updatedAt: new Date(),
          updatedBy: changedBy,
        })
        .where(eq(riskRules.id, id))
        .returning();
      if (!rule) throw notFound('Rule');
    }
    await recordVersion(tx, actor, rule!, changedBy);
    return rule!;
  });
}

/** Switching a rule off or on is an edit like any other: a new version, audited. */
export async function setRiskRuleEnabled(db: Database, actor: Actor, ruleId: string, enabled: boolean) {
  const { rule } = await getRiskRule(db, actor, ruleId);
  return saveRiskRule(db, actor, {
    id: rule.id,
    kind: rule.kind,
    nameZh: rule.nameZh,
    nameEn: rule.nameEn,
    level: rule.level,
    serviceCategories: rule.serviceCategories,
    params: rule.params,
    enabled,
  });
}

export async function recordVersion(tx: Database, actor: Actor, rule: RiskRule, changedBy: string | null) {
  const snapshot = ruleSnapshot(rule);
  await tx.insert(riskRuleVersions).values({ ruleId: rule.id, version: rule.version, snapshot, changedBy });
  await audit(tx, actor, {
    action: 'risk_rule.saved',
    entityType: 'risk_rule',
    entityId: rule.id,
    data: snapshot,
  });
}

/** KPI rules need a KPI that exists and is computed from events (training has its own rule kind). */
async function assertKpiUsable(db: Database, input: ParsedRule) {
  if (input.kind !== 'kpi_threshold' && input.kind !== 'kpi_sudden_change') return;
  const key = String(input.params.kpiKey);
  const [kpi] = await db
    .select({ computation: kpiDefinitions.computation })
    .from(kpiDefinitions)
    .where(and(eq(kpiDefinitions.key, key), eq(kpiDefinitions.active, true)));
  if (!kpi || kpi.computation === 'external') {
    throw new AppError('validation_failed', 'Choose an active KPI computed from service events.', {
      details: {
        fields: [
          {
            path: 'params.kpiKey',
            code: 'invalid',
            message: 'Choose an active KPI computed from service events.',
          },
        ],
      },
    });
  }
}
