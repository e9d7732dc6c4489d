import {
  contractExecutionResults,
  contracts,
  contractVersions,
  type DatabaseConnection,
  documentRequirements,
  documents,
  kpiMonthlyRollups,
  partners,
  riskAlerts,
  targetDashboardCache,
} from '@outpost/db';
import { createTestDatabase } from '@outpost/db/testing';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Actor,
  AppError,
  cachedTargetDashboard,
  contractDeviationFigure,
  ensureDefaultKpis,
  recordQuarterCompliance,
  saveRiskRule,
  satisfactionBaseline,
  satisfactionChange,
  setSatisfactionBaseline,
  snapshotQuarterCompliance,
  targetDashboard,
} from '../src/index.ts';
import { makePartner, makePartnerUser, makeStaff } from '../src/testing/fixtures.ts';

/**
 * The four target figures against a hand-computed portfolio (decision record 046), on a fixed day:
 * 2026-11-15 (China), in 2026-Q4; the previous quarter 2026-Q3 is the satisfaction baseline.
 *   A — everything in order: compliant; ratings 4.0 in Q3, 4.4 in Q4 (+10 %).
 *   B — its mandatory document missing and an open critical alert (two reasons).
 *   C — no data at all: no document, no contract, no ratings, no alerts.
 *   D — documents and contract fine, also in customer service (where the training KPI applies):
 *       7 of 10 people on pace, below the KPI's critical 75 %.
 * Compliance Q4 = 1 of 4 = 25 %; Q3 (recorded then) = 2 of 3.
 */
const now = new Date('2026-11-15T04:00:00Z');
const HOUR = 3_600_000;
let conn: DatabaseConnection;
let admin: Actor;
let auditor: Actor;
let partnerActor: Actor;
const p: Record<'a' | 'b' | 'c' | 'd', { id: string }> = {} as never;
let ruleId: string;

async function contractFor(partnerId: string, reference: string) {
  const [c] = await conn.db
    .insert(contracts)
    .values({ reference, partnerId, serviceCategory: 'claims', status: 'active' })
    .returning();
  await conn.db.insert(contractVersions).values({
    contractId: c!.id,
    version: 1,
    terms: {
      startDate: '2026-01-01',
      endDate: '2027-12-31',
      autoRenew: false,
      noticeDays: 90,
      annualValueCents: 1,
      currency: 'CNY',
      governingLaw: 'PRC',
      language: 'zh-CN',
    },
    clauses: [],
  });
}

async function alertFor(partnerId: string, raisedHoursAgo: number, ackAfterHours: number | null) {
  const raisedAt = new Date(now.getTime() - raisedHoursAgo * HOUR);
  await conn.db.insert(riskAlerts).values({
    partnerId,
    ruleId,
    ruleVersion: 1,
    ruleSnapshot: {},
    conditionKey: `c-${Math.random()}`,
    level: 'critical',
    evidence: {},
    raisedAt,
    responseDeadline: new Date(raisedAt.getTime() + 24 * HOUR),
    status: ackAfterHours === null ? 'open' : 'acknowledged',
    acknowledgedAt: ackAfterHours === null ? null : new Date(raisedAt.getTime() + ackAfterHours * HOUR),
  });
}

beforeAll(async () => {
  conn = await createTestDatabase();
  await ensureDefaultKpis(conn.db);
  admin = (await makeStaff(conn.db, ['admin'])).actor;
  auditor = (await makeStaff(conn.db, ['auditor'])).actor;
  for (const k of ['a', 'b', 'c', 'd'] as const)
    p[k] = await makePartner(conn.db, { legalName: `目标${k.toUpperCase()}有限公司` });
  await conn.db
    .update(partners)
    .set({ region: 'east', serviceCategories: ['claims', 'agency'] })
    .where(eq(partners.id, p.a.id));
  await conn.db
    .update(partners)
    .set({ serviceCategories: ['claims', 'customer_service'] })
    .where(eq(partners.id, p.d.id));
  partnerActor = (await makePartnerUser(conn.db, p.a.id, 'partner_admin')).actor;
  const [req] = await conn.db
    .insert(documentRequirements)
    .values({
      key: 'target_licence',
      nameZh: '许可证',
      nameEn: 'Licence',
      serviceCategories: ['claims'],
      expires: false,
    })
    .returning();
  for (const k of ['a', 'd'] as const) {
    await conn.db
      .insert(documents)
      .values({ partnerId: p[k].id, requirementId: req!.id, status: 'accepted' });
  }
  await contractFor(p.a.id, 'HT-T-1');
  await contractFor(p.b.id, 'HT-T-2');
  await contractFor(p.d.id, 'HT-T-3');
  await conn.db.insert(kpiMonthlyRollups).values([
    { partnerId: p.d.id, month: '2026-11-01', trainingPeople: 10, trainingMet: 7 },
    { partnerId: p.a.id, month: '2026-08-01', ratingsSum: 40, ratingsCount: 10 },
    { partnerId: p.a.id, month: '2026-10-01', ratingsSum: 22, ratingsCount: 5 },
    // A's roster is on pace at 80 %: below target, not critical, so not a failed requirement.
    {
      partnerId: p.a.id,
      month: '2026-11-01',
      ratingsSum: 22,
      ratingsCount: 5,
      trainingPeople: 10,
      trainingMet: 8,
    },
  ]);
  const rule = await saveRiskRule(conn.db, admin, {
    kind: 'blacklist_hit',
    nameZh: '黑名单命中',
    nameEn: 'Blacklist hit',
    level: 'critical',
    serviceCategories: [],
    params: { clearAfterHours: 24 },
  });
  ruleId = (rule as { id: string }).id;
  // B: one answered after 2 h, one after 30 h, one still open (deadline passed: due, unanswered).
  await alertFor(p.b.id, 60, 2);
  await alertFor(p.b.id, 50, 30);
  await alertFor(p.b.id, 30, null);
  await recordQuarterCompliance(
    conn.db,
    '2026-Q3',
    [
      { partnerId: p.a.id, reasons: [] },
      { partnerId: p.b.id, reasons: [] },
      { partnerId: p.c.id, reasons: ['contract'] },
    ],
    new Date('2026-09-30T12:00:00Z'),
  );
});
afterAll(() => conn.close());

describe('quarterly target dashboard', () => {
  it('computes the compliance rate with each non-compliant partner’s reasons', async () => {
    const d = await targetDashboard(conn.db, auditor, {}, now);
    expect(d.quarter).toBe('2026-Q4');
    expect(d.current.compliance).toMatchObject({
      value: 0.25,
      partners: 4,
      compliant: 1,
      met: false,
      running: true,
    });
    const reasons = Object.fromEntries(d.nonCompliant.map((r) => [r.partnerId, r.reasons]));
    expect(reasons).toEqual({
      [p.b.id]: ['documents', 'critical_alert'],
      [p.c.id]: ['documents', 'contract'],
      [p.d.id]: ['training'],
    });
    const q3 = d.trend.compliance.find((t) => t.quarter === '2026-Q3')!;
    expect(q3).toMatchObject({ partners: 3, compliant: 2 });
    expect(q3.value).toBeCloseTo(2 / 3);
    // Quarters before any record: not yet measured, never zero.
    expect(d.trend.compliance[0]).toMatchObject({ quarter: '2025-Q1', value: null, met: null });
    expect(d.trend.compliance).toHaveLength(8);
  });

  it('the snapshot job records the running quarter as the dashboard computes it', async () => {
    const r = await snapshotQuarterCompliance(conn.db, now);
    expect(r).toEqual({ quarter: '2026-Q4', partners: 4, compliant: 1 });
  });

  it('risk response: share answered within 24 h and the median; a quarter without alerts is not measured', async () => {
    const d = await targetDashboard(conn.db, admin, {}, now);
    // 3 due (two answered, one open past its deadline), 1 within 24 h; median of 2 h and 30 h = 16 h.
    expect(d.current.risk_response).toMatchObject({ due: 3, medianMinutes: 960, met: false });
    expect(d.current.risk_response.value).toBeCloseTo(1 / 3);
    expect(d.trend.risk_response.find((t) => t.quarter === '2026-Q3')).toMatchObject({ value: null, due: 0 });
    const b = d.partners.find((r) => r.partnerId === p.b.id)!;
    expect(b).toMatchObject({ alertsDue: 3, medianMinutes: 960 });
    const c = d.partners.find((r) => r.partnerId === p.c.id)!;
    expect(c).toMatchObject({ alertsDue: 0, share24h: null, meanRating: null, ratingChange: null });
  });

  it('contract execution deviation: missed over measured service levels of the quarter’s results; none is not measured', async () => {
    expect(await contractDeviationFigure(conn.db, '2026-Q3')).toBeNull();
    let d = await targetDashboard(conn.db, admin, {}, now);
    expect(d.trend.contract_deviation.every((t) => t.value === null && t.met === null)).toBe(true);

    // Q3 as the execution evaluation stores it: A's contract missed 2 of 5 measured levels, D's 0 of 3
    // (a month row of A's must not count in the quarter).
    const result = async (
      partnerId: string,
      period: string,
      kind: 'month' | 'quarter',
      measured: number,
      missed: number,
    ) => {
      const [c] = await conn.db.select().from(contracts).where(eq(contracts.partnerId, partnerId));
      await conn.db.insert(contractExecutionResults).values({
        contractId: c!.id,
        partnerId,
        version: 1,
        period,
        periodKind: kind,
        periodFrom: kind === 'quarter' ? '2026-07-01' : '2026-09-01',
        periodTo: '2026-10-01',
        slaResults: [],
        committed: measured,
        measured,
        missed,
        deviation: measured ? missed / measured : null,
        feeCents: 0,
        creditPercent: 0,
        creditCents: 0,
      });
    };
    await result(p.a.id, '2026-Q3', 'quarter', 5, 2);
    await result(p.d.id, '2026-Q3', 'quarter', 3, 0);
    await result(p.a.id, '2026-09', 'month', 1, 1);
    expect(await contractDeviationFigure(conn.db, '2026-Q3')).toEqual({ value: 2 / 8, contracts: 2 });
    expect(await contractDeviationFigure(conn.db, '2026-Q3', [p.a.id])).toEqual({
      value: 2 / 5,
      contracts: 1,
    });
    expect(await contractDeviationFigure(conn.db, '2026-Q3', [p.c.id])).toBeNull();
    expect(await contractDeviationFigure(conn.db, '2026-Q4')).toBeNull();
    d = await targetDashboard(conn.db, admin, {}, now);
    expect(d.trend.contract_deviation.find((t) => t.quarter === '2026-Q3')).toMatchObject({
      value: 0.25,
      met: false,
    });
    expect(d.current.contract_deviation.value).toBeNull();
  });

  it('customer satisfaction against the configured baseline; none, empty or zero baseline is not measured', async () => {
    let d = await targetDashboard(conn.db, admin, {}, now);
    expect(d.baseline).toBeNull();
    expect(d.current.satisfaction).toMatchObject({ value: null, meanRating: 4.4, ratings: 10 });

    await setSatisfactionBaseline(conn.db, admin, { quarter: '2026-Q3' }, now);
    d = await targetDashboard(conn.db, admin, {}, now);
    expect(d.baselineMeanRating).toBe(4);
    expect(d.current.satisfaction.value).toBeCloseTo(0.1);
    expect(d.current.satisfaction.met).toBe(true);
    expect(d.partners.find((r) => r.partnerId === p.a.id)!.ratingChange).toBeCloseTo(0.1);

    // A baseline quarter without ratings: nothing to compare with.
    await setSatisfactionBaseline(conn.db, admin, { quarter: '2026-Q2' }, now);
    d = await targetDashboard(conn.db, admin, {}, now);
    expect(d.current.satisfaction.value).toBeNull();
    expect(satisfactionChange(4.4, 0)).toBeNull();
    expect(satisfactionChange(null, 4)).toBeNull();
    await setSatisfactionBaseline(conn.db, admin, { quarter: '2026-Q3' }, now);
  });

  it('refuses a baseline in the future (422) and leaves the setting as it was', async () => {
    const err = await setSatisfactionBaseline(conn.db, admin, { quarter: '2027-Q1' }, now).catch((e) => e);
    expect(err).toBeInstanceOf(AppError);
    expect(err.code).toBe('validation_failed');
    expect(err.messageKey).toBe('targets.error.baselineFuture');
    expect(await satisfactionBaseline(conn.db)).toBe('2026-Q3');
    await expect(
      setSatisfactionBaseline(conn.db, auditor, { quarter: '2026-Q1' }, now),
    ).rejects.toMatchObject({
      code: 'forbidden',
    });
  });

  it('filters by region and category, sorts the partner table, refuses partners and odd quarters', async () => {
    const east = await targetDashboard(conn.db, admin, { region: 'east' }, now);
    expect(east.partners.map((r) => r.partnerId)).toEqual([p.a.id]);
    expect(east.current.compliance.value).toBe(1);
    const it = await targetDashboard(conn.db, admin, { serviceCategory: 'it' }, now);
    expect(it.partners).toEqual([]);
    expect(it.current.compliance.value).toBeNull();
    const byCompliance = await targetDashboard(conn.db, admin, { sort: 'compliance' }, now);
    expect(byCompliance.partners.at(-1)!.partnerId).toBe(p.a.id);
    const bySatisfaction = await targetDashboard(conn.db, admin, { sort: 'satisfaction', dir: 'desc' }, now);
    expect(bySatisfaction.partners[0]!.partnerId).toBe(p.a.id);
    await expect(targetDashboard(conn.db, partnerActor, {}, now)).rejects.toMatchObject({
      code: 'forbidden',
    });
    await expect(targetDashboard(conn.db, admin, { quarter: '2020-Q1' }, now)).rejects.toMatchObject({
      code: 'validation_failed',
    });
  });
});

describe('the dashboard as the page reads it: computed once a minute for every web process', () => {
  it('serves the same figures from the cache within the minute, a page at a time, and computes again after it', async () => {
    await conn.db.delete(targetDashboardCache);
    const fresh = await targetDashboard(conn.db, admin, { sort: 'name' }, now);
    const first = await cachedTargetDashboard(conn.db, admin, { sort: 'name', pageSize: 2 }, { now });
    expect(first.current).toEqual(fresh.current);
    expect(first.trend).toEqual(fresh.trend);
    expect(first.computedAt).toBe(now.toISOString());
    expect(first).toMatchObject({ partnerTotal: fresh.partners.length, page: 1 });
    expect(first.partners).toEqual(fresh.partners.slice(0, 2));
    expect(first.nonCompliantTotal).toBe(fresh.nonCompliant.length);

    // A change within the minute is not seen yet: the same figures, read back a page at a time.
    await conn.db.update(partners).set({ region: 'east' }).where(eq(partners.id, p.b.id));
    const later = new Date(now.getTime() + 30_000);
    const second = await cachedTargetDashboard(
      conn.db,
      admin,
      { sort: 'name', pageSize: 2, page: 2 },
      { now: later },
    );
    expect(second.computedAt).toBe(now.toISOString());
    expect(second.current).toEqual(first.current);
    expect(second.partners).toEqual(fresh.partners.slice(2, 4));
    // A page past the end is the last one; the drill-down is cut as asked.
    const past = await cachedTargetDashboard(
      conn.db,
      admin,
      { sort: 'name', pageSize: 2, page: 99, drillDown: 1 },
      { now: later },
    );
    expect(past.page).toBe(Math.ceil(fresh.partners.length / 2));
    expect(past.nonCompliant).toEqual(fresh.nonCompliant.slice(0, 1));
    // Another filter or sort is its own entry, computed now.
    const east = await cachedTargetDashboard(conn.db, admin, { region: 'east' }, { now: later });
    expect(east.computedAt).toBe(later.toISOString());
    expect(east.partners.map((r) => r.partnerId).sort()).toEqual([p.a.id, p.b.id].sort());

    // After the minute the figures are computed again.
    const afterwards = new Date(now.getTime() + 61_000);
    const recomputed = await cachedTargetDashboard(conn.db, admin, { sort: 'name' }, { now: afterwards });
    expect(recomputed.computedAt).toBe(afterwards.toISOString());
    await conn.db.update(partners).set({ region: null }).where(eq(partners.id, p.b.id));
  });

  it('two views computing the same entry at once both answer, and one entry is left', async () => {
    await conn.db.delete(targetDashboardCache);
    const both = await Promise.all([
      cachedTargetDashboard(conn.db, admin, {}, { now }),
      cachedTargetDashboard(conn.db, admin, {}, { now }),
    ]);
    expect(both[0].current).toEqual(both[1].current);
    expect(await conn.db.select().from(targetDashboardCache)).toHaveLength(1);
  });

  it('a new satisfaction baseline clears it; partners are refused before anything is read', async () => {
    await cachedTargetDashboard(conn.db, admin, {}, { now });
    expect(await conn.db.select().from(targetDashboardCache)).not.toHaveLength(0);
    await setSatisfactionBaseline(conn.db, admin, { quarter: '2026-Q3' }, now);
    expect(await conn.db.select().from(targetDashboardCache)).toEqual([]);
    await cachedTargetDashboard(conn.db, admin, {}, { now });
    await expect(cachedTargetDashboard(conn.db, partnerActor, {}, { now })).rejects.toMatchObject({
      code: 'forbidden',
    });
    await expect(
      cachedTargetDashboard(conn.db, admin, { quarter: '2020-Q1' }, { now }),
    ).rejects.toMatchObject({ code: 'validation_failed' });
  });
});
