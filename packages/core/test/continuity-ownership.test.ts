import {
  auditLog,
  contracts,
  contractVersions,
  type DatabaseConnection,
  departments,
  exitPlans,
  exitPlanVersions,
  notifications,
  partners,
  quarterlyReviews,
  rectificationItems,
  riskAlerts,
  type serviceCategories,
  users,
} from '@outpost/db';
import { createTestDatabase } from '@outpost/db/testing';
import { addDays, todayInChina } from '@outpost/i18n';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Actor,
  AppError,
  concentrationView,
  ensureDefaultKpis,
  evaluateRiskRules,
  getExitPlan,
  ingestEvents,
  listContracts,
  listExitPlans,
  listPartners,
  listRectificationItems,
  listRiskAlerts,
  remindDueExitPlans,
  saveExitPlan,
  saveRiskRule,
  searchContracts,
  setOwnership,
  setPartnerRegion,
  setSetting,
  yearAfter,
} from '../src/index.ts';
import { makePartner, makePartnerUser, makeStaff } from '../src/testing/fixtures.ts';

/** Decision record 050: exit plans, the concentration view and the rule that reads it, ownership. */
let conn: DatabaseConnection;
let risk: Actor;
let riskUserId: string;
let admin: Actor;
let reviewer: Actor;
let reviewerId: string;
let dept: Record<string, string>;
const HOUR = 3_600_000;
type Category = (typeof serviceCategories)[number];

beforeAll(async () => {
  conn = await createTestDatabase();
  await ensureDefaultKpis(conn.db);
  const r = await makeStaff(conn.db, ['risk_officer']);
  risk = r.actor;
  riskUserId = r.user.id;
  admin = (await makeStaff(conn.db, ['admin'])).actor;
  const rev = await makeStaff(conn.db, ['reviewer']);
  reviewer = rev.actor;
  reviewerId = rev.user.id;
  dept = Object.fromEntries(
    (await conn.db.select({ id: departments.id, key: departments.key }).from(departments)).map((d) => [
      d.key,
      d.id,
    ]),
  );
  await conn.db.update(users).set({ departmentId: dept.risk }).where(eq(users.id, riskUserId));
  await conn.db.update(users).set({ departmentId: dept.operations }).where(eq(users.id, reviewerId));
});
afterAll(() => conn.close());

async function partnerIn(
  category: Category,
  legalName: string,
  criticality: 'critical' | 'important' | 'standard' = 'standard',
) {
  const partner = await makePartner(conn.db, { legalName });
  const [row] = await conn.db
    .update(partners)
    .set({ serviceCategories: [category], criticality })
    .where(eq(partners.id, partner.id))
    .returning();
  return row!;
}

const plan = (overrides: Record<string, unknown> = {}) => ({
  alternatives: [{ kind: 'external' as const, name: '外部理赔服务有限公司' }],
  steps: ['通知客户', '迁移在办案件', '切换接口'],
  switchDays: 90,
  dataToMigrate: '在办案件、客户联系方式',
  lastReviewedOn: addDays(todayInChina(), -30),
  lastTestedOn: addDays(todayInChina(), -60),
  ...overrides,
});

describe('exit plans', () => {
  it('every save is a new version with its history and an audit entry; a stale save is refused and changes nothing', async () => {
    const critical = await partnerIn('claims', '关键理赔有限公司', 'critical');
    const other = await partnerIn('claims', '备选理赔有限公司');
    const v1 = await saveExitPlan(conn.db, risk, critical.id, { ...plan(), expectedVersion: null });
    expect(v1.version).toBe(1);
    // The next review defaults to a year after the last one.
    expect(v1.nextReviewOn).toBe(yearAfter(plan().lastReviewedOn));
    expect(yearAfter('2024-02-29')).toBe('2025-02-28');
    const v2 = await saveExitPlan(conn.db, risk, critical.id, {
      ...plan({ switchDays: 60, alternatives: [{ kind: 'partner', partnerId: other.id }] }),
      expectedVersion: 1,
    });
    expect(v2).toMatchObject({ id: v1.id, version: 2, switchDays: 60 });

    // A retried first save (the form still says "no plan") is a conflict, not a third version.
    const stale = await saveExitPlan(conn.db, risk, critical.id, { ...plan(), expectedVersion: null }).catch(
      (e) => e,
    );
    expect(stale).toBeInstanceOf(AppError);
    expect(stale.status).toBe(409);
    const versions = await conn.db.select().from(exitPlanVersions).where(eq(exitPlanVersions.planId, v1.id));
    expect(versions.map((v) => v.version).sort()).toEqual([1, 2]);

    const current = await getExitPlan(conn.db, risk, critical.id);
    expect(current.versions.map((v) => v.version)).toEqual([2, 1]);
    expect(current.shown).toMatchObject({ switchDays: 60 });
    expect(current.partnerNames[other.id]).toBe('备选理赔有限公司');
    const first = await getExitPlan(conn.db, risk, critical.id, { version: 1 });
    expect(first.shown).toMatchObject({ switchDays: 90, alternatives: [{ kind: 'external' }] });

    const audits = await conn.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.entityId, v1.id))
      .orderBy(auditLog.id);
    expect(audits.map((a) => a.action)).toEqual(['exit_plan.created', 'exit_plan.updated']);
    expect(audits[1]!.data).toMatchObject({ before: { switchDays: 90 }, after: { switchDays: 60 } });
  });

  it('refuses bad input with the field to fix: standard partners, itself as alternative, unknown partners, dates the wrong way round', async () => {
    const standard = await partnerIn('claims', '一般合作方有限公司');
    const important = await partnerIn('claims', '重要合作方有限公司', 'important');
    const code = (p: Promise<unknown>) =>
      p.then(() => null).catch((e: AppError) => [e.status, e.details?.fields]);
    expect((await code(saveExitPlan(conn.db, risk, standard.id, plan())))?.[0]).toBe(409);
    expect(
      await code(
        saveExitPlan(
          conn.db,
          risk,
          important.id,
          plan({ alternatives: [{ kind: 'partner', partnerId: important.id }] }),
        ),
      ),
    ).toMatchObject([422, [{ path: 'alternatives' }]]);
    expect(
      await code(
        saveExitPlan(
          conn.db,
          risk,
          important.id,
          plan({ alternatives: [{ kind: 'partner', partnerId: crypto.randomUUID() }] }),
        ),
      ),
    ).toMatchObject([422, [{ path: 'alternatives' }]]);
    expect(
      await code(
        saveExitPlan(conn.db, risk, important.id, plan({ nextReviewOn: addDays(todayInChina(), -40) })),
      ),
    ).toMatchObject([422, [{ path: 'nextReviewOn' }]]);
    expect((await code(saveExitPlan(conn.db, risk, important.id, plan({ alternatives: [] }))))?.[0]).toBe(
      422,
    );
    expect(await code(saveExitPlan(conn.db, risk, important.id, plan({ switchDays: 0 })))).toMatchObject([
      422,
      [{ path: 'switchDays' }],
    ]);
    // A reviewer reads plans but does not write them.
    expect((await code(saveExitPlan(conn.db, reviewer, important.id, plan())))?.[0]).toBe(403);
    expect(await conn.db.select().from(exitPlans).where(eq(exitPlans.partnerId, important.id))).toHaveLength(
      0,
    );
  });

  it('the list flags critical and important partners without a plan and marks overdue reviews', async () => {
    const noPlan = await partnerIn('claims', '缺预案有限公司', 'important');
    const late = await partnerIn('claims', '逾期复核有限公司', 'critical');
    await saveExitPlan(conn.db, risk, late.id, {
      ...plan({ lastReviewedOn: addDays(todayInChina(), -400), nextReviewOn: addDays(todayInChina(), -35) }),
    });
    const list = await listExitPlans(conn.db, reviewer);
    expect(list.find((r) => r.partnerId === noPlan.id)).toMatchObject({ state: 'missing', plan: null });
    expect(list.find((r) => r.partnerId === late.id)).toMatchObject({ state: 'overdue' });
    expect(list[0]!.state).toBe('overdue');
  });

  it('reminds the owner once per due date, even with two workers at once, and again for the next due date', async () => {
    await remindDueExitPlans(conn.db); // the plans of the tests above that are already due
    const p = await partnerIn('claims', '到期预案有限公司', 'critical');
    const today = todayInChina();
    const due = addDays(today, -1);
    await saveExitPlan(conn.db, risk, p.id, {
      ...plan({ lastReviewedOn: addDays(today, -366), nextReviewOn: due, ownerId: reviewerId }),
    });
    const mine = () =>
      conn.db
        .select()
        .from(notifications)
        .where(
          and(
            eq(notifications.recipientId, reviewerId),
            eq(notifications.template, 'notify.exit_plan_review_due'),
          ),
        );
    const [a, b] = await Promise.all([remindDueExitPlans(conn.db), remindDueExitPlans(conn.db)]);
    expect(a.reminded + b.reminded).toBe(1);
    expect(await remindDueExitPlans(conn.db)).toEqual({ reminded: 0 });
    expect(await mine()).toHaveLength(1);
    expect((await mine())[0]!.params).toMatchObject({ partner: '到期预案有限公司', date: due });

    // Reviewed but the next date is already today: a new due date, one new reminder.
    const [row] = await conn.db.select().from(exitPlans).where(eq(exitPlans.partnerId, p.id));
    await saveExitPlan(conn.db, risk, p.id, {
      ...plan({ lastReviewedOn: addDays(today, -2), nextReviewOn: today, ownerId: reviewerId }),
      expectedVersion: row!.version,
    });
    expect(await remindDueExitPlans(conn.db)).toEqual({ reminded: 1 });
    expect(await remindDueExitPlans(conn.db)).toEqual({ reminded: 0 });
    expect(await mine()).toHaveLength(2);
    // A plan not yet due is not reminded.
    const fresh = await partnerIn('claims', '未到期有限公司', 'important');
    await saveExitPlan(conn.db, risk, fresh.id, plan());
    expect(await remindDueExitPlans(conn.db)).toEqual({ reminded: 0 });
  });

  it('a partner reads no exit plan, its own or another’s', async () => {
    const own = await partnerIn('claims', '自查有限公司', 'critical');
    await saveExitPlan(conn.db, risk, own.id, plan());
    const { actor } = await makePartnerUser(conn.db, own.id);
    await expect(listExitPlans(conn.db, actor)).rejects.toMatchObject({ status: 403 });
    await expect(getExitPlan(conn.db, actor, own.id)).rejects.toMatchObject({ status: 403 });
    await expect(saveExitPlan(conn.db, actor, own.id, plan())).rejects.toMatchObject({ status: 403 });
  });
});

describe('concentration', () => {
  const opened = (prefix: string, n: number, at: number) =>
    Array.from({ length: n }, (_, i) => ({
      externalId: `${prefix}-${i}`,
      type: 'case_opened' as const,
      occurredAt: new Date(at - 2 * HOUR).toISOString(),
      caseId: `${prefix}-${i}`,
      slaDueAt: new Date(at + 70 * HOUR).toISOString(),
    }));
  async function contract(
    partnerId: string,
    category: Category,
    annualValueCents: number,
    status = 'active',
  ) {
    const [c] = await conn.db
      .insert(contracts)
      .values({
        reference: `HT-T-${crypto.randomUUID().slice(0, 8)}`,
        partnerId,
        serviceCategory: category,
        status: status as 'active',
      })
      .returning();
    const today = todayInChina();
    await conn.db.insert(contractVersions).values({
      contractId: c!.id,
      version: 1,
      status: status === 'active' ? 'signed' : 'draft',
      terms: {
        startDate: addDays(today, -100),
        endDate: addDays(today, 265),
        autoRenew: false,
        noticeDays: 30,
        annualValueCents,
        currency: 'CNY',
        governingLaw: '中国法律',
        language: 'zh-CN',
      },
      clauses: [],
    });
    return c!;
  }

  it('shares per category against a hand-computed fixture: sums to 100 %, single-partner and above-limit flags; the risk rule flags the same partners', async () => {
    await setSetting(conn.db, admin, 'continuity.concentration', { limitPercent: 50, windowDays: 30 });
    const t0 = Date.now();
    const send = (partnerId: string, prefix: string, n: number) =>
      ingestEvents(conn.db, risk, { partnerId, events: opened(prefix, n, t0) }, t0);
    // Underwriting: 60 / 30 / 10 cases → 60 %, 30 %, 10 %. Contract value 2 M / 6 M → 25 %, 75 %.
    const uwA = await partnerIn('underwriting', 'UW Alpha Co., Ltd.');
    const uwB = await partnerIn('underwriting', 'UW Beta Co., Ltd.');
    const uwC = await partnerIn('underwriting', 'UW Gamma Co., Ltd.');
    await send(uwA.id, 'ua', 60);
    await send(uwB.id, 'ub', 30);
    await send(uwC.id, 'uc', 10);
    await contract(uwA.id, 'underwriting', 200_000_000);
    await contract(uwB.id, 'underwriting', 600_000_000);
    await contract(uwC.id, 'underwriting', 900_000_000, 'draft'); // not in force: not counted
    // Customer service: one partner alone.
    const csOnly = await partnerIn('customer_service', 'CS Solo Co., Ltd.');
    await send(csOnly.id, 'cs', 20);
    // Loss adjusting: 40 / 40 / 20 → nobody above 50 %.
    const la = [
      await partnerIn('loss_adjusting', 'LA One Co., Ltd.'),
      await partnerIn('loss_adjusting', 'LA Two Co., Ltd.'),
      await partnerIn('loss_adjusting', 'LA Three Co., Ltd.'),
    ];
    await send(la[0]!.id, 'l1', 40);
    await send(la[1]!.id, 'l2', 40);
    await send(la[2]!.id, 'l3', 20);

    const view = await concentrationView(conn.db, reviewer, { today: todayInChina(new Date(t0)) });
    const of = (c: Category) => view.categories.find((x) => x.category === c)!;
    const uw = of('underwriting');
    expect(uw.volume.total).toBe(100);
    expect(uw.volume.shares.map((s) => [s.legalName, s.amount, s.percent])).toEqual([
      ['UW Alpha Co., Ltd.', 60, 60],
      ['UW Beta Co., Ltd.', 30, 30],
      ['UW Gamma Co., Ltd.', 10, 10],
    ]);
    expect(uw.value.totalCents).toBe(800_000_000);
    expect(uw.value.shares.map((s) => [s.partnerId, s.percent])).toEqual([
      [uwB.id, 75],
      [uwA.id, 25],
    ]);
    expect(uw.flags).toEqual(['above_limit']);
    expect(new Set(uw.aboveLimitPartnerIds)).toEqual(new Set([uwA.id, uwB.id]));
    const cs = of('customer_service');
    expect(cs.servingPartners).toBe(1);
    expect(cs.volume.shares).toMatchObject([{ partnerId: csOnly.id, percent: 100 }]);
    expect(cs.flags).toEqual(['single_partner', 'above_limit']);
    const lossAdj = of('loss_adjusting');
    expect(lossAdj.volume.shares.map((s) => s.percent)).toEqual([40, 40, 20]);
    expect(lossAdj.flags).toEqual([]);
    for (const c of [uw, cs, lossAdj]) {
      expect(c.volume.shares.reduce((sum, s) => sum + s.percent, 0)).toBeCloseTo(100, 10);
    }

    // The rule, at the same limit over the same window, raises for exactly the partners whose
    // share of the cases the view shows above the limit.
    const rule = await saveRiskRule(conn.db, risk, {
      nameZh: '集中度',
      nameEn: 'Concentration',
      level: 'warning',
      kind: 'concentration',
      serviceCategories: ['underwriting', 'customer_service', 'loss_adjusting'],
      params: { windowDays: 30, abovePercent: 50, minCategoryVolume: 1, clearAfterHours: 0 },
    });
    await evaluateRiskRules(conn.db, { now: new Date(t0), kinds: ['concentration'] });
    const raised = await conn.db.select().from(riskAlerts).where(eq(riskAlerts.ruleId, rule.id));
    const viewAbove = view.categories.flatMap((c) =>
      c.volume.shares.filter((s) => s.percent > view.limitPercent).map((s) => `${c.category}:${s.partnerId}`),
    );
    expect(raised.map((a) => `${a.conditionKey.slice('category:'.length)}:${a.partnerId}`).sort()).toEqual(
      viewAbove.sort(),
    );
    expect(viewAbove.sort()).toEqual([`customer_service:${csOnly.id}`, `underwriting:${uwA.id}`].sort());
  });

  it('a partner cannot read the view (it names other partners)', async () => {
    const p = await partnerIn('claims', '看不到有限公司');
    const { actor } = await makePartnerUser(conn.db, p.id);
    await expect(concentrationView(conn.db, actor, { today: todayInChina() })).rejects.toMatchObject({
      status: 403,
    });
  });
});

describe('departments and responsible persons', () => {
  it('the department defaults from the person, can be set apart from it, is audited, and every list filters by both', async () => {
    const p = await partnerIn('agency', '归属测试有限公司');
    const other = await partnerIn('agency', '其他归属有限公司');
    // Partner: the relationship owner is a risk officer (risk department by default).
    await setOwnership(conn.db, admin, { entity: 'partner', id: p.id, ownerId: riskUserId });
    const [row] = await conn.db.select().from(partners).where(eq(partners.id, p.id));
    expect(row).toMatchObject({ relationshipOwnerId: riskUserId, departmentId: dept.risk });
    // A reviewer cannot be a partner's relationship owner (they would get its critical alerts).
    await expect(
      setOwnership(conn.db, admin, { entity: 'partner', id: other.id, ownerId: reviewerId }),
    ).rejects.toMatchObject({ status: 422, details: { fields: [{ path: 'ownerId' }] } });
    // Filters.
    expect(
      (await listPartners(conn.db, reviewer, { departmentId: dept.risk })).items.map((x) => x.id),
    ).toEqual([p.id]);
    expect((await listPartners(conn.db, reviewer, { ownerId: riskUserId })).items.map((x) => x.id)).toEqual([
      p.id,
    ]);

    // Contract: a reviewer (operations) responsible, the department set to legal explicitly.
    const [c] = await conn.db
      .insert(contracts)
      .values({ reference: 'HT-OWN-1', partnerId: p.id, serviceCategory: 'agency', status: 'active' })
      .returning();
    await conn.db.insert(contractVersions).values({
      contractId: c!.id,
      version: 1,
      status: 'signed',
      terms: {
        startDate: '2026-01-01',
        endDate: '2026-12-31',
        autoRenew: false,
        noticeDays: 30,
        annualValueCents: 1,
        currency: 'CNY',
        governingLaw: '中国法律',
        language: 'zh-CN',
      },
      clauses: [],
    });
    await setOwnership(conn.db, risk, { entity: 'contract', id: c!.id, ownerId: reviewerId });
    expect((await conn.db.select().from(contracts).where(eq(contracts.id, c!.id)))[0]).toMatchObject({
      ownerId: reviewerId,
      departmentId: dept.operations,
    });
    await setOwnership(conn.db, risk, {
      entity: 'contract',
      id: c!.id,
      ownerId: reviewerId,
      departmentId: dept.legal,
    });
    // The same again (a retried form) changes and audits nothing.
    await setOwnership(conn.db, risk, {
      entity: 'contract',
      id: c!.id,
      ownerId: reviewerId,
      departmentId: dept.legal,
    });
    const audits = await conn.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.entityId, c!.id))
      .orderBy(auditLog.id);
    expect(audits.map((a) => a.action)).toEqual(['contract.ownership_changed', 'contract.ownership_changed']);
    expect(audits[1]!.data).toMatchObject({
      before: { ownerId: reviewerId, departmentId: dept.operations },
      after: { ownerId: reviewerId, departmentId: dept.legal },
    });
    expect(
      (await listContracts(conn.db, reviewer, { departmentId: dept.legal })).items.map((x) => x.id),
    ).toEqual([c!.id]);
    expect(
      (await searchContracts(conn.db, reviewer, { ownerId: reviewerId })).items.map((x) => x.id),
    ).toEqual([c!.id]);
    expect((await searchContracts(conn.db, reviewer, { departmentId: dept.operations })).items).toHaveLength(
      0,
    );

    // Rectification items: a review's items start with the partner's owner and department.
    const [review] = await conn.db
      .insert(quarterlyReviews)
      .values({ partnerId: p.id, quarter: '2026-Q3', snapshot: {} as never })
      .returning();
    const [item] = await conn.db
      .insert(rectificationItems)
      .values({
        reviewId: review!.id,
        partnerId: p.id,
        position: 0,
        description: '补交资质',
        dueDate: '2026-12-31',
      })
      .returning();
    await setOwnership(conn.db, risk, { entity: 'rectification_item', id: item!.id, ownerId: reviewerId });
    expect(
      (await listRectificationItems(conn.db, reviewer, { departmentId: dept.operations })).items,
    ).toMatchObject([{ id: item!.id, ownerId: reviewerId, departmentId: dept.operations }]);
    expect((await listRectificationItems(conn.db, reviewer, { ownerId: riskUserId })).items).toHaveLength(0);

    // Risk alerts (from the concentration test above) filter by department too.
    const [anAlert] = await conn.db.select().from(riskAlerts).limit(1);
    await setOwnership(conn.db, risk, { entity: 'risk_alert', id: anAlert!.id, ownerId: riskUserId });
    const byDept = await listRiskAlerts(conn.db, reviewer, { departmentId: dept.risk, status: 'all' });
    expect(byDept.alerts.map((a) => a.id)).toEqual([anAlert!.id]);
    expect(
      (await listRiskAlerts(conn.db, reviewer, { departmentId: dept.legal, status: 'all' })).alerts,
    ).toHaveLength(0);

    // Nobody without the right role changes ownership; nothing changes.
    await expect(
      setOwnership(conn.db, reviewer, { entity: 'contract', id: c!.id, ownerId: null }),
    ).rejects.toMatchObject({ status: 403 });
    await expect(
      setOwnership(conn.db, risk, {
        entity: 'contract',
        id: c!.id,
        ownerId: reviewerId,
        departmentId: crypto.randomUUID(),
      }),
    ).rejects.toMatchObject({ status: 422 });
    await expect(
      setOwnership(conn.db, risk, { entity: 'contract', id: crypto.randomUUID(), ownerId: reviewerId }),
    ).rejects.toMatchObject({ status: 404 });
  });

  it('a partner sees only its own rectification items, without the insurer’s owner, and assigns nothing', async () => {
    const mine = await partnerIn('agency', '我方有限公司');
    const theirs = await partnerIn('agency', '他方有限公司');
    for (const p of [mine, theirs]) {
      const [review] = await conn.db
        .insert(quarterlyReviews)
        .values({ partnerId: p.id, quarter: '2026-Q2', snapshot: {} as never })
        .returning();
      await conn.db.insert(rectificationItems).values({
        reviewId: review!.id,
        partnerId: p.id,
        position: 0,
        description: `整改 ${p.legalName}`,
        dueDate: '2026-12-31',
        ownerId: reviewerId,
        departmentId: dept.operations,
      });
    }
    const { actor } = await makePartnerUser(conn.db, mine.id);
    const seen = await listRectificationItems(conn.db, actor, { partnerId: theirs.id });
    expect(seen.items).toHaveLength(0);
    const own = await listRectificationItems(conn.db, actor);
    expect(own.items.map((i) => i.partnerId)).toEqual([mine.id]);
    expect(own.items[0]).toMatchObject({ ownerId: null, ownerName: null, departmentId: null });
    const [theirItem] = await conn.db
      .select()
      .from(rectificationItems)
      .where(eq(rectificationItems.partnerId, theirs.id));
    await expect(
      setOwnership(conn.db, actor, { entity: 'rectification_item', id: theirItem!.id, ownerId: null }),
    ).rejects.toMatchObject({ status: 403 });
  });

  it('the partner region: recorded and audited, a value outside the seven regions refused', async () => {
    const p = await partnerIn('agency', '区域有限公司');
    await setPartnerRegion(conn.db, admin, { partnerId: p.id, region: 'east' });
    expect((await conn.db.select().from(partners).where(eq(partners.id, p.id)))[0]!.region).toBe('east');
    await expect(
      setPartnerRegion(conn.db, admin, { partnerId: p.id, region: 'mars' as 'east' }),
    ).rejects.toMatchObject({ status: 422, details: { fields: [{ path: 'region' }] } });
    await expect(
      setPartnerRegion(conn.db, reviewer, { partnerId: p.id, region: null }),
    ).rejects.toMatchObject({
      status: 403,
    });
    const audits = await conn.db.select().from(auditLog).where(eq(auditLog.entityId, p.id));
    expect(audits.filter((a) => a.action === 'partner.region_changed')).toMatchObject([
      { data: { before: null, after: 'east' } },
    ]);
  });
});
