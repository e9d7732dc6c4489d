import {
  type ComplianceReason,
  recentQuarters,
  recordQuarterCompliance,
  setSatisfactionBaseline,
  snapshotQuarterCompliance,
} from '@outpost/core';
import { partners, type partnerRegions } from '@outpost/db';
import { eq } from 'drizzle-orm';
import type { Joined } from './admissions.ts';
import { type SeedContext, staffActor } from './context.ts';
import type { ActivePartner } from './partners.ts';

/** Where each demo partner works (decision record 046): every region filter finds someone or says so. */
const regions: Record<string, (typeof partnerRegions)[number]> = {
  huaan: 'east',
  dingxin: 'north',
  hengtai: 'south',
  xinda: 'east',
  mingcheng: 'central',
  anshun: 'southwest',
  ruifeng: 'east',
  jindun: 'north',
  huaxin: 'south',
  yunfan: 'northwest',
  shuzhi: 'east',
};

/**
 * The compliance record of the seven closed quarters, as the daily job would have left it had it
 * run then (demo history, like the backdated service events): quarters ago → partner → reasons.
 * Partners not named were compliant.
 */
const history: Record<number, Record<string, ComplianceReason[]>> = {
  7: { hengtai: ['documents', 'contract'], yunfan: ['training'], anshun: ['rectification'] },
  6: { hengtai: ['documents'], yunfan: ['training'] },
  5: { hengtai: ['rectification'], jindun: ['critical_alert'] },
  4: { hengtai: ['rectification'] },
  3: { huaxin: ['documents'] },
  2: {},
  1: { hengtai: ['critical_alert'] },
};

/**
 * The quarterly target dashboard's demo data: regions, the satisfaction baseline (the quarter a
 * year before the running one, whose ratings the demo events fill), the closed quarters' compliance
 * record and the running quarter's, recorded by the job from the live records.
 */
export async function seedTargets(
  context: SeedContext,
  admitted: { partner: ActivePartner; joined: Joined }[],
) {
  const { db, now } = context;
  for (const { partner, joined } of admitted) {
    const region = regions[partner.key];
    if (region) await db.update(partners).set({ region }).where(eq(partners.id, joined.partnerId));
  }
  const quarters = recentQuarters(now);
  await setSatisfactionBaseline(
    db,
    staffActor(context, 'admin@outpost.test'),
    { quarter: quarters[4]! },
    now,
  );
  for (const [ago, failing] of Object.entries(history)) {
    const quarter = quarters[Number(ago)]!;
    const rows = admitted.map(({ partner, joined }) => ({
      partnerId: joined.partnerId,
      reasons: failing[partner.key] ?? [],
    }));
    await recordQuarterCompliance(db, quarter, rows, now);
  }
  await snapshotQuarterCompliance(db, now);
}
