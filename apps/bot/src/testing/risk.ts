import { evaluateRiskRules, saveRiskRule } from '@outpost/core';
import { makePartner, makeStaff } from '@outpost/core/testing';
import {
  blacklistEntries,
  type Database,
  partners,
  type RiskAlert,
  riskAlerts,
  riskRules,
} from '@outpost/db';
import { and, eq } from 'drizzle-orm';

type Level = RiskAlert['level'];
/** One service category per level, so a partner meets exactly the rule of the level asked for. */
const categoryOf = { notice: 'agency', warning: 'claims', critical: 'sales_channel' } as const;

/**
 * A risk alert raised the way production raises one: a blacklist rule of the given level (made
 * once per level and database), a fresh active partner, a blacklist entry on its credit code, then
 * the rules' evaluation — which queues the alert's Slack card in the outbox.
 */
export async function raiseRiskAlert(
  db: Database,
  options: { level?: Level; legalName?: string; relationshipOwnerId?: string; now?: Date } = {},
): Promise<{ alert: RiskAlert; partner: typeof partners.$inferSelect }> {
  const level = options.level ?? 'warning';
  const nameEn = `Blacklist (${level})`;
  const [existing] = await db.select().from(riskRules).where(eq(riskRules.nameEn, nameEn));
  if (!existing) {
    const admin = await makeStaff(db, ['admin']);
    await saveRiskRule(db, admin.actor, {
      kind: 'blacklist_hit',
      nameZh: `黑名单（${level}）`,
      nameEn,
      level,
      serviceCategories: [categoryOf[level]],
      params: { clearAfterHours: 24 },
    });
  }
  const [rule] = await db.select().from(riskRules).where(eq(riskRules.nameEn, nameEn));
  const made = await makePartner(db, options.legalName ? { legalName: options.legalName } : {});
  const [partner] = await db
    .update(partners)
    .set({ serviceCategories: [categoryOf[level]], relationshipOwnerId: options.relationshipOwnerId ?? null })
    .where(eq(partners.id, made.id))
    .returning();
  await db
    .insert(blacklistEntries)
    .values({ creditCode: partner!.creditCode, name: partner!.legalName, reason: 'Fraud investigation' });
  await evaluateRiskRules(db, {
    kinds: ['blacklist_hit'],
    partnerIds: [partner!.id],
    ...(options.now ? { now: options.now } : {}),
  });
  const [alert] = await db
    .select()
    .from(riskAlerts)
    .where(and(eq(riskAlerts.partnerId, partner!.id), eq(riskAlerts.ruleId, rule!.id)));
  if (!alert) throw new Error('the blacklist rule raised no alert');
  return { alert, partner: partner! };
}
