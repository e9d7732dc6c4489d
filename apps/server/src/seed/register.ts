import {
  partnersWithoutArrangement,
  registerEntries,
  updateArrangementRegister,
  updatePartner,
  updatePartnerRegister,
} from '@outpost/core';
import { addDays } from '@outpost/i18n';
import { type SeedContext, staffActor } from './context.ts';

/** Registered addresses of the demo providers (the partner record), by the city of their credit code's region. */
const cities = [
  '上海市浦东新区',
  '北京市朝阳区',
  '广州市天河区',
  '深圳市南山区',
  '杭州市西湖区',
  '成都市高新区',
];

/**
 * The outsourcing register of the first-run demo (decision record 052): every provider's
 * registered address, and the critical and important arrangements' own register fields (risk
 * assessment, audits, exit, recovery objectives, regulator notification) — so that every
 * arrangement is complete except 鼎信's expiring one, which still lacks its criticality assessment
 * date (decision 039's seed). Partners without a contract in force get their substitutability and
 * exit possibility on the partner. Runs after the contract register seed.
 */
export async function seedRegister(context: SeedContext) {
  const { db, today } = context;
  const admin = staffActor(context, 'admin@outpost.test');
  const risk = staffActor(context, 'risk@outpost.test');
  const entries = await registerEntries(db, risk, today);
  const seen = new Set<string>();
  for (const [i, { record: r }] of entries.entries()) {
    if (!r.registeredAddress && !seen.has(r.partnerId)) {
      seen.add(r.partnerId);
      await updatePartner(db, admin, r.partnerId, {
        registeredAddress: `${cities[i % cities.length]}金融大道 ${100 + i * 8} 号`,
      });
    }
    if (r.criticality === 'standard' || r.contractStatus === 'expiring') continue;
    const critical = r.criticality === 'critical';
    await updateArrangementRegister(db, risk, r.contractId, {
      riskAssessedOn: addDays(today, -60),
      riskAssessmentResult: critical ? 'medium' : 'low',
      lastAuditOn: addDays(today, -150),
      nextAuditOn: addDays(today, 215),
      discontinuationImpact: critical ? 'high' : 'medium',
      alternativeProviders: ['备选服务商（已准入）'],
      timeCritical: critical,
      rtoHours: critical ? 4 : 24,
      rpoHours: critical ? 1 : 12,
      regulatorNotifiedOn: addDays(today, -250),
    });
  }
  for (const p of await partnersWithoutArrangement(db, risk)) {
    await updatePartnerRegister(db, risk, p.partnerId, {
      substitutability: p.criticality === 'standard' ? 'easy' : 'difficult',
      exitPossibility: p.criticality === 'standard' ? 'both' : 'other_provider',
    });
  }
}
