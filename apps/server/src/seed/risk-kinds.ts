import { evaluateAfterContractExpiry, ingestEvents, type ServiceEventInput } from '@outpost/core';
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
 */
export async function seedRiskKinds(
  context: SeedContext,
  admitted: { partner: ActivePartner; joined: Joined }[],
) {
  const { db } = context;
  const now = context.now.getTime();
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
  await ingestEvents(
    db,
    staffActor(context, 'risk@outpost.test'),
    { partnerId: shuzhi.joined.partnerId, events },
    now - HOUR,
  );
  await evaluateAfterContractExpiry(db, context.now);
}
