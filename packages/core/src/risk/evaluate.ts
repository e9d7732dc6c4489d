import { type Database, partners, type RiskAlert, type RiskRule, riskAlerts, riskRules } from '@outpost/db';
import { loggerFor } from '@outpost/log';
import { todayInChina } from '@outpost/i18n';
import { and, arrayOverlaps, eq, inArray, sql } from 'drizzle-orm';
import { systemActor } from '../actor.ts';
import { isDatabaseUnavailable } from '../database-errors.ts';
import { getSetting } from '../settings.ts';
import {
  categoryDrivenKinds,
  conditions,
  contractDrivenKinds,
  eventDrivenKinds,
  type Finding,
} from './conditions/index.ts';
import { concentrationKey } from './conditions/concentration.ts';
import { memoised } from './conditions/types.ts';
import type { RiskRuleKind } from './rule-params.ts';
import { ruleSnapshot } from './rules.ts';
import { recordAlertEvent } from './timeline.ts';

const HOUR = 3_600_000;
const liveStatuses = ['open', 'acknowledged'] as const;

export interface EvaluationOptions {
  now?: Date;
  /** Only these partners (the ones an ingestion batch touched). */
  partnerIds?: readonly string[];
  /** Only rules of these kinds. */
  kinds?: readonly RiskRuleKind[];
  /**
   * For the category-driven kinds (concentration): only these service categories — their findings
   * and their live alerts; another category's alert is neither raised nor cleared (decision 061).
   */
  serviceCategories?: readonly string[];
}

export interface EvaluationResult {
  raised: number;
  cleared: number;
  returned: number;
  autoResolved: number;
}

/**
 * Evaluates the enabled rules and reconciles their live alerts with what holds now:
 * a condition without a live alert raises one (the partial unique index keeps it to one even
 * when two evaluations race); a live alert whose condition is gone is marked cleared, and is
 * resolved by the system once it has stayed cleared for the rule's `clearAfterHours`; a condition
 * back before that un-clears the same alert. After an alert is closed, the condition coming back
 * raises a new one. `now` is explicit so tests (and the follow-up's escalation) control the clock.
 */
export async function evaluateRiskRules(
  db: Database,
  options: EvaluationOptions = {},
): Promise<EvaluationResult> {
  const now = options.now ?? new Date();
  const scope = {
    partnerIds: options.partnerIds,
    serviceCategories: options.serviceCategories,
    now,
    today: todayInChina(now),
    memo: new Map(),
  };
  // The category-driven alerts outside the evaluated categories are not reconciled (not cleared).
  const categoryKeys = options.serviceCategories && new Set(options.serviceCategories.map(concentrationKey));
  const inCategories = (rule: RiskRule, alert: RiskAlert) =>
    !categoryKeys || !categoryDrivenKinds.includes(rule.kind) || categoryKeys.has(alert.conditionKey);
  const where = [eq(riskRules.enabled, true)];
  if (options.kinds) where.push(inArray(riskRules.kind, [...options.kinds]));
  const rules = await db
    .select()
    .from(riskRules)
    .where(and(...where));
  const total: EvaluationResult = { raised: 0, cleared: 0, returned: 0, autoResolved: 0 };
  if (rules.length === 0) return total;
  // The live alerts of all these rules in one read; the deadline setting only once something is raised.
  const liveWhere = [
    inArray(riskAlerts.status, [...liveStatuses]),
    inArray(
      riskAlerts.ruleId,
      rules.map((r) => r.id),
    ),
  ];
  if (options.partnerIds) liveWhere.push(inArray(riskAlerts.partnerId, [...options.partnerIds]));
  const live = await db
    .select()
    .from(riskAlerts)
    .where(and(...liveWhere));
  const hours = () => memoised(scope, 'responseHours', () => getSetting(db, 'risk.responseHours'));
  for (const rule of rules) {
    const findings = await conditions[rule.kind](db, rule, scope);
    const ofRule = live.filter((a) => a.ruleId === rule.id && inCategories(rule, a));
    const result = await reconcile(db, rule, findings, ofRule, now, async () => (await hours())[rule.level]);
    for (const k of Object.keys(total) as (keyof EvaluationResult)[]) total[k] += result[k];
  }
  return total;
}

/**
 * After an ingestion batch: the event-driven rules, for the one partner whose rollups changed
 * (a handful of indexed rollup reads, never the events), and the category-driven ones
 * (concentration) for the batch partner's categories only — the only shares the batch moved —
 * and the partners serving them: one read of those partners, one grouped rollup read per rule
 * (decision records 041 and 061). A peer's other categories are not evaluated: the batch did not
 * change them, and the scheduled run keeps them. The batch is already committed, so a
 * failure here must not turn into an error for the sender (who would resend a stored batch):
 * it is logged, and the scheduled evaluation (job risk-evaluate) catches up.
 */
export async function evaluateAfterBatch(db: Database, partnerId: string, now = new Date()) {
  try {
    const own = await evaluateRiskRules(db, { now, partnerIds: [partnerId], kinds: eventDrivenKinds });
    // A share of a category moves for everyone in it: the batch's partner and its peers (041),
    // in the batch partner's categories only (061).
    const [sender] = await db
      .select({ serviceCategories: partners.serviceCategories })
      .from(partners)
      .where(eq(partners.id, partnerId));
    const categories = sender?.serviceCategories ?? [];
    if (categories.length === 0) return own;
    const peers = await db
      .select({ id: partners.id })
      .from(partners)
      .where(arrayOverlaps(partners.serviceCategories, categories));
    const shares = await evaluateRiskRules(db, {
      now,
      partnerIds: peers.map((p) => p.id),
      kinds: categoryDrivenKinds,
      serviceCategories: categories,
    });
    for (const k of Object.keys(own) as (keyof EvaluationResult)[]) own[k] += shares[k];
    return own;
  } catch (error) {
    // The database going away (a restart) is an outage, not a bug: warn (decision record 054).
    const level = isDatabaseUnavailable(error) ? 'warn' : 'error';
    loggerFor('risk')[level](
      { err: error, partnerId },
      'evaluation after a batch failed; the scheduled run will catch up',
    );
    return null;
  }
}

/**
 * After the daily contract job: the contract rules over every partner, so a contract that just
 * became expiring or expired raises its alert with the job rather than at the next scheduled run.
 * Decision record 041.
 */
export function evaluateAfterContractExpiry(db: Database, now = new Date()) {
  return evaluateRiskRules(db, { now, kinds: contractDrivenKinds });
}

async function reconcile(
  db: Database,
  rule: RiskRule,
  findings: Finding[],
  live: RiskAlert[],
  now: Date,
  responseHours: () => Promise<number>,
): Promise<EvaluationResult> {
  const result: EvaluationResult = { raised: 0, cleared: 0, returned: 0, autoResolved: 0 };
  const keyOf = (partnerId: string, conditionKey: string) => `${partnerId}\u0000${conditionKey}`;
  const liveByKey = new Map(live.map((a) => [keyOf(a.partnerId, a.conditionKey), a]));
  const found = new Set<string>();
  const actor = systemActor('risk-evaluation');
  const clearAfter = Number((rule.params as { clearAfterHours?: number }).clearAfterHours ?? 24) * HOUR;

  for (const finding of findings) {
    const key = keyOf(finding.partnerId, finding.conditionKey);
    found.add(key);
    const existing = liveByKey.get(key);
    if (existing) {
      if (existing.clearedSince) {
        await db.transaction(async (tx) => {
          await tx
            .update(riskAlerts)
            .set({ clearedSince: null, evidence: finding.evidence, updatedAt: now })
            .where(eq(riskAlerts.id, existing.id));
          await recordAlertEvent(tx, actor, existing, 'returned', now, { evidence: finding.evidence });
        });
        result.returned += 1;
      }
      continue;
    }
    const deadline = new Date(now.getTime() + (await responseHours()) * HOUR);
    const raised = await db.transaction(async (tx) => {
      const [alert] = await tx
        .insert(riskAlerts)
        .values({
          partnerId: finding.partnerId,
          ruleId: rule.id,
          ruleVersion: rule.version,
          ruleSnapshot: ruleSnapshot(rule),
          conditionKey: finding.conditionKey,
          level: rule.level,
          evidence: finding.evidence,
          raisedAt: now,
          responseDeadline: deadline,
          // Until someone is assigned, the alert belongs to the partner's department (decision record 050).
          departmentId: sql`(select department_id from partners where id = ${finding.partnerId})`,
        })
        // Another evaluation raised it a moment ago: one alert per condition, not per evaluation.
        .onConflictDoNothing()
        .returning();
      if (!alert) return false;
      await recordAlertEvent(tx, actor, alert, 'raised', now, {
        ruleId: rule.id,
        ruleVersion: rule.version,
        level: rule.level,
        conditionKey: finding.conditionKey,
      });
      return true;
    });
    if (raised) result.raised += 1;
  }

  for (const alert of live) {
    if (found.has(keyOf(alert.partnerId, alert.conditionKey))) continue;
    const since = alert.clearedSince ?? now;
    if (!alert.clearedSince) {
      await db.transaction(async (tx) => {
        await tx
          .update(riskAlerts)
          .set({ clearedSince: now, updatedAt: now })
          .where(and(eq(riskAlerts.id, alert.id), inArray(riskAlerts.status, [...liveStatuses])));
        await recordAlertEvent(tx, actor, alert, 'cleared', now);
      });
      result.cleared += 1;
    }
    if (now.getTime() - since.getTime() >= clearAfter) {
      const closed = await db.transaction(async (tx) => {
        const [row] = await tx
          .update(riskAlerts)
          .set({ status: 'resolved', resolvedAt: now, resolvedBy: null, updatedAt: now })
          .where(and(eq(riskAlerts.id, alert.id), inArray(riskAlerts.status, [...liveStatuses])))
          .returning({ id: riskAlerts.id });
        if (!row) return false;
        await recordAlertEvent(tx, actor, alert, 'auto_resolved', now, { clearedSince: since.toISOString() });
        return true;
      });
      if (closed) result.autoResolved += 1;
    }
  }
  return result;
}
