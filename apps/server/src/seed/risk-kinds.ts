import {
  dismissRiskAlert,
  evaluateAfterContractExpiry,
  ingestEvents,
  type ServiceEventInput,
} from '@outpost/core';
import { riskAlerts, riskRules } from '@outpost/db';
import { and, eq, inArray, isNotNull } from 'drizzle-orm';
import type { Joined } from './admissions.ts';
import { type SeedContext, staffActor } from './context.ts';
import type { ActivePartner } from './partners.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/**
 * The contract and concentration rules (decision record 041), after the contracts are seeded:
 * - 数智 (IT) took over another provider's ticket queue: 70 cases opened over the last three days
 *   put it above half of the IT category's cases — the ingestion of the batch raises the
 *   concentration warning, with the category's largest partners as evidence.
 * - 鼎信's contract ends within 60 days and does not renew: the daily contract job, followed by the
 *   contract rules, raises the "ending without renewal" warning.
 * Before that, the risk officer dismisses the concentration alerts the history import raised while
 * partners' two years arrived one partner after the other (the first in a category briefly had most
 * of its cases); the full evaluation has already marked them cleared.
 */
export async function seedRiskKinds(
  context: SeedContext,
  admitted: { partner: ActivePartner; joined: Joined }[],
) {
  const { db } = context;
  const now = context.now.getTime();
  const risk = staffActor(context, 'risk@outpost.test');
  const transient = await db
    .select({ id: riskAlerts.id })
    .from(riskAlerts)
    .innerJoin(riskRules, eq(riskRules.id, riskAlerts.ruleId))
    .where(
      and(
        eq(riskRules.kind, 'concentration'),
        inArray(riskAlerts.status, ['open', 'acknowledged']),
        isNotNull(riskAlerts.clearedSince),
      ),
    );
  for (const { id } of transient) {
    await dismissRiskAlert(
      db,
      risk,
      { alertId: id, reason: '历史数据按合作伙伴依次导入期间产生，导入完成后占比已恢复正常。' },
      context.now,
    );
  }
  const shuzhi = admitted.find((a) => a.partner.key === 'shuzhi');
  if (!shuzhi) throw new Error('seed: no active partner shuzhi');
  const events: ServiceEventInput[] = Array.from({ length: 70 }, (_, i) => {
    const opened = now - 3 * DAY + Math.floor((i * 3 * DAY) / 70) - HOUR;
    return {
      externalId: `risk-demo-takeover-${i}`,
      type: 'case_opened',
      occurredAt: new Date(opened).toISOString(),
      caseId: `SZ-TAKEOVER-${String(i).padStart(3, '0')}`,
      slaDueAt: new Date(opened + 72 * HOUR).toISOString(),
    };
  });
  await ingestEvents(db, risk, { partnerId: shuzhi.joined.partnerId, events }, now - HOUR);
  await evaluateAfterContractExpiry(db, context.now);
}
