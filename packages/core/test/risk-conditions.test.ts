import {
  blacklistEntries,
  type DatabaseConnection,
  documentRequirements,
  documents,
  kpiMonthlyRollups,
  partners,
  riskAlerts,
} from '@outpost/db';
import { createTestDatabase } from '@outpost/db/testing';
import { addDays, todayInChina } from '@outpost/i18n';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Actor,
  ensureDefaultKpis,
  evaluateRiskRules,
  ingestEvents,
  type RiskRuleInput,
  saveRiskRule,
  setSetting,
} from '../src/index.ts';
import { makePartner, makeStaff } from '../src/testing/fixtures.ts';

let conn: DatabaseConnection;
let risk: Actor;
beforeAll(async () => {
  conn = await createTestDatabase();
  await ensureDefaultKpis(conn.db);
  risk = (await makeStaff(conn.db, ['risk_officer'])).actor;
});
afterAll(() => conn.close());

const DAY = 86_400_000;
/** Each rule watches its own category, so the rules of one test never see another test's partner. */
async function partnerIn(category: 'it' | 'agency' | 'underwriting' | 'loss_adjusting') {
  const partner = await makePartner(conn.db);
  await conn.db
    .update(partners)
    .set({ serviceCategories: [category] })
    .where(eq(partners.id, partner.id));
  return partner;
}
const liveAlerts = (partnerId: string) =>
  conn.db
    .select()
    .from(riskAlerts)
    .where(and(eq(riskAlerts.partnerId, partnerId), eq(riskAlerts.status, 'open')));
const rule = (input: Omit<RiskRuleInput, 'nameZh' | 'nameEn' | 'level'>) =>
  saveRiskRule(conn.db, risk, { nameZh: '测试', nameEn: 'Test', level: 'warning', ...input });

describe('rule kinds', () => {
  it('sudden change: fires when the last week is far worse than the partner’s own weeks, not on a steady partner', async () => {
    await rule({
      kind: 'kpi_sudden_change',
      serviceCategories: ['it'],
      params: { kpiKey: 'processing_timeliness', sigma: 3, trailingWeeks: 12, minSample: 10 },
    });
    const steady = await partnerIn('it');
    const dropping = await partnerIn('it');
    const now = Date.now();
    const week = (partnerId: string, weeksAgo: number, late: number) => {
      const at = now - weeksAgo * 7 * DAY - DAY;
      return Array.from({ length: 20 }, (_, i) => ({
        externalId: `w${weeksAgo}-${i}`,
        type: 'case_closed',
        occurredAt: new Date(at).toISOString(),
        caseId: `c-${weeksAgo}-${i}`,
        // `late` of the 20 cases closed after their due time.
        slaDueAt: new Date(at + (i < late ? -3_600_000 : 3_600_000)).toISOString(),
      }));
    };
    for (const partnerId of [steady.id, dropping.id]) {
      const events = [];
      for (let w = 1; w <= 12; w++) events.push(...week(partnerId, w, w % 3)); // 0–2 late: 90–100 %
      events.push(...week(partnerId, 0, partnerId === dropping.id ? 12 : 1));
      await ingestEvents(conn.db, risk, { partnerId, events });
    }
    await evaluateRiskRules(conn.db, { kinds: ['kpi_sudden_change'] });
    expect(await liveAlerts(steady.id)).toHaveLength(0);
    const [alert] = await liveAlerts(dropping.id);
    expect(alert?.evidence).toMatchObject({ kpiKey: 'processing_timeliness', value: 40, weeks: 12 });
    expect(Number(alert?.evidence.deviations)).toBeGreaterThan(3);
  });

  it('document expiry: an accepted document expiring within the window, linked to its card; renewing it clears', async () => {
    await rule({
      kind: 'document_expiry',
      serviceCategories: ['agency'],
      params: { withinDays: 30, clearAfterHours: 0 },
    });
    const partner = await partnerIn('agency');
    const [requirement] = await conn.db
      .insert(documentRequirements)
      .values({ key: `licence_${Date.now()}`, nameZh: '许可证', nameEn: 'Licence', validityMonths: 12 })
      .returning();
    const today = todayInChina();
    const [doc] = await conn.db
      .insert(documents)
      .values({
        partnerId: partner.id,
        requirementId: requirement!.id,
        status: 'accepted',
        expiryDate: addDays(today, 10),
      })
      .returning();
    await evaluateRiskRules(conn.db, { kinds: ['document_expiry'] });
    const [alert] = await liveAlerts(partner.id);
    expect(alert).toMatchObject({ conditionKey: `document:${doc!.id}` });
    expect(alert!.evidence).toMatchObject({ daysLeft: 10, href: `/s/partners/${partner.id}#doc-${doc!.id}` });

    await conn.db
      .update(documents)
      .set({ expiryDate: addDays(today, 365) })
      .where(eq(documents.id, doc!.id));
    await evaluateRiskRules(conn.db, { kinds: ['document_expiry'] });
    expect(await liveAlerts(partner.id)).toHaveLength(0);
  });

  it('training compliance: this month’s figure below the threshold; no roster, no alert', async () => {
    await rule({
      kind: 'training_compliance',
      serviceCategories: ['underwriting'],
      params: { belowPercent: 75 },
    });
    const behind = await partnerIn('underwriting');
    const noRoster = await partnerIn('underwriting');
    const month = `${todayInChina().slice(0, 7)}-01`;
    await conn.db
      .insert(kpiMonthlyRollups)
      .values({ partnerId: behind.id, month, trainingPeople: 8, trainingMet: 5 });
    await evaluateRiskRules(conn.db, { kinds: ['training_compliance'] });
    const [alert] = await liveAlerts(behind.id);
    expect(alert?.evidence).toMatchObject({ percent: 62.5, people: 8, meeting: 5, threshold: 75 });
    expect(await liveAlerts(noRoster.id)).toHaveLength(0);
  });

  it('a rule watches only its service categories', async () => {
    await rule({ kind: 'blacklist_hit', serviceCategories: ['loss_adjusting'], params: {} });
    const watched = await partnerIn('loss_adjusting');
    const other = await partnerIn('it');
    for (const p of [watched, other]) {
      await conn.db
        .insert(blacklistEntries)
        .values({ creditCode: p.creditCode, name: p.legalName, reason: 'test' });
    }
    await evaluateRiskRules(conn.db, { kinds: ['blacklist_hit'] });
    expect(await liveAlerts(watched.id)).toHaveLength(1);
    expect(await liveAlerts(other.id)).toHaveLength(0);
  });

  it('the response deadline follows the setting for the rule’s level', async () => {
    const { actor: admin } = await makeStaff(conn.db, ['admin']);
    await setSetting(conn.db, admin, 'risk.responseHours', { notice: 72, warning: 24, critical: 4 });
    await saveRiskRule(conn.db, risk, {
      kind: 'blacklist_hit',
      nameZh: '黑名单',
      nameEn: 'Blacklist',
      level: 'critical',
      serviceCategories: ['agency'],
      params: {},
    });
    const partner = await partnerIn('agency');
    await conn.db.insert(blacklistEntries).values({ creditCode: partner.creditCode, name: 'x', reason: 'x' });
    const now = new Date();
    await evaluateRiskRules(conn.db, { kinds: ['blacklist_hit'], now });
    const [alert] = await liveAlerts(partner.id);
    expect(alert!.responseDeadline.getTime() - now.getTime()).toBe(4 * 3_600_000);
  });
});
