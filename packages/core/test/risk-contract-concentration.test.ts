import { contracts, type DatabaseConnection, partners, riskAlerts, riskRules } from '@outpost/db';
import { addDays, todayInChina } from '@outpost/i18n';
import { and, asc, count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Actor,
  AppError,
  decideContractApproval,
  draftContract,
  ensureDefaultRiskRules,
  evaluateAfterContractExpiry,
  evaluateRiskRules,
  ingestEvents,
  listTemplates,
  partnerVisibleEvidence,
  type RiskRuleInput,
  runContractExpiry,
  saveRiskRule,
  setContractApprovers,
  submitContract,
} from '../src/index.ts';
import { makePartner, makeStaff } from '../src/testing/fixtures.ts';
import { clauseValues, contractDatabase } from './contracts-support.ts';

/** Decision record 041: the contract-lapsing and concentration rule kinds. */
let conn: DatabaseConnection;
let risk: Actor;
let approver: Actor;
let templateId: string;
const HOUR = 3_600_000;
const values = clauseValues('上海市');

beforeAll(async () => {
  conn = await contractDatabase();
  risk = (await makeStaff(conn.db, ['risk_officer'])).actor;
  const admin = await makeStaff(conn.db, ['admin']);
  approver = admin.actor;
  await setContractApprovers(conn.db, approver, { serviceCategory: 'claims', userIds: [admin.user.id] });
  templateId = (await listTemplates(conn.db, risk, { serviceCategory: 'claims' }))[0]!.id;
});
afterAll(() => conn.close());

const rule = (input: Omit<RiskRuleInput, 'nameZh' | 'nameEn' | 'level'>) =>
  saveRiskRule(conn.db, risk, { nameZh: '测试', nameEn: 'Test', level: 'warning', ...input });
const alertsOf = (ruleId: string, partnerId: string) =>
  conn.db
    .select()
    .from(riskAlerts)
    .where(and(eq(riskAlerts.ruleId, ruleId), eq(riskAlerts.partnerId, partnerId)))
    .orderBy(asc(riskAlerts.raisedAt), asc(riskAlerts.createdAt));

/** An approved claims contract put in force directly (signing is tested with contracts). */
async function contractFor(
  partnerId: string,
  terms: { startDate: string; endDate: string; autoRenew?: boolean },
  status: 'active' | 'expired' = 'active',
) {
  const contract = await draftContract(conn.db, risk, {
    partnerId,
    templateId,
    terms: {
      noticeDays: 30,
      autoRenew: false,
      ...terms,
      annualValueCents: 10_000_000,
      governingLaw: '中国法律',
    },
    values,
  });
  await submitContract(conn.db, risk, contract.id);
  await decideContractApproval(conn.db, approver, { contractId: contract.id, decision: 'approve' });
  await conn.db.update(contracts).set({ status }).where(eq(contracts.id, contract.id));
  return contract;
}

describe('contract lapsing', () => {
  it('raises once for a contract ending without renewal, clears on renewal, closes after the clearing time, and comes back as a new alert', async () => {
    const lapsing = await rule({
      kind: 'contract_lapsing',
      serviceCategories: ['claims'],
      params: { withinDays: 60, clearAfterHours: 24 },
    });
    expect(lapsing.params).toMatchObject({ withinDays: 60, includeNoContract: false, clearAfterHours: 24 });
    const partner = await makePartner(conn.db);
    const t0 = new Date();
    const today = todayInChina(t0);
    const old = await contractFor(partner.id, {
      startDate: addDays(today, -320),
      endDate: addDays(today, 45),
    });
    const evaluate = (at: number) =>
      evaluateRiskRules(conn.db, { now: new Date(t0.getTime() + at), kinds: ['contract_lapsing'] });

    await evaluate(0);
    await evaluate(HOUR);
    let alerts = await alertsOf(lapsing.id, partner.id);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({ status: 'open', conditionKey: `contract:${old.id}`, level: 'warning' });
    expect(alerts[0]!.evidence).toMatchObject({
      state: 'ending',
      reference: old.reference,
      endDate: addDays(today, 45),
      daysLeft: 45,
      href: `/s/contracts/${old.id}`,
    });

    // The renewal is signed: the partner is covered beyond the old end, the condition clears.
    const renewal = await contractFor(partner.id, {
      startDate: addDays(today, 46),
      endDate: addDays(today, 46 + 365),
    });
    await evaluate(2 * HOUR);
    alerts = await alertsOf(lapsing.id, partner.id);
    expect(alerts.map((a) => [a.status, a.clearedSince !== null])).toEqual([['open', true]]);
    await evaluate(20 * HOUR);
    expect((await alertsOf(lapsing.id, partner.id))[0]!.status).toBe('open');
    await evaluate(27 * HOUR);
    expect((await alertsOf(lapsing.id, partner.id)).map((a) => a.status)).toEqual(['resolved']);

    // The renewal falls through (terminated before it starts): lapsing again is a new alert.
    await conn.db.update(contracts).set({ status: 'terminated' }).where(eq(contracts.id, renewal.id));
    await evaluate(28 * HOUR);
    await evaluate(29 * HOUR);
    alerts = await alertsOf(lapsing.id, partner.id);
    expect(alerts.map((a) => a.status)).toEqual(['resolved', 'open']);
    expect(alerts[1]!.id).not.toBe(alerts[0]!.id);
  });

  it('flags an expired contract after the contract job, and a partner without a contract only when asked', async () => {
    const expired = await rule({
      kind: 'contract_lapsing',
      serviceCategories: ['claims'],
      params: { withinDays: 0, includeNoContract: true, clearAfterHours: 0 },
    });
    const expiredOnly = await rule({
      kind: 'contract_lapsing',
      serviceCategories: ['claims'],
      params: { withinDays: 0, includeNoContract: false },
    });
    const now = new Date();
    const today = todayInChina(now);
    const ended = await makePartner(conn.db);
    const contract = await contractFor(ended.id, {
      startDate: addDays(today, -400),
      endDate: addDays(today, -1),
    });
    const without = await makePartner(conn.db);
    const renewing = await makePartner(conn.db);
    await contractFor(renewing.id, {
      startDate: addDays(today, -400),
      endDate: addDays(today, -1),
      autoRenew: true,
    });
    const ending = await makePartner(conn.db);
    await contractFor(ending.id, { startDate: addDays(today, -300), endDate: addDays(today, 10) });

    // The daily job marks the contract expired; the contract rules run right after it.
    await runContractExpiry(conn.db, today);
    await evaluateAfterContractExpiry(conn.db, now);
    expect((await conn.db.select().from(contracts).where(eq(contracts.id, contract.id)))[0]!.status).toBe(
      'expired',
    );
    const [alert] = await alertsOf(expired.id, ended.id);
    expect(alert).toMatchObject({ status: 'open', conditionKey: `contract:${contract.id}` });
    expect(alert!.evidence).toMatchObject({ state: 'expired', daysLeft: -1, reference: contract.reference });
    expect(await alertsOf(expiredOnly.id, ended.id)).toHaveLength(1);

    const [none] = await alertsOf(expired.id, without.id);
    expect(none).toMatchObject({ conditionKey: 'no_contract:claims' });
    expect(none!.evidence).toMatchObject({ state: 'none', serviceCategory: 'claims' });
    expect(await alertsOf(expiredOnly.id, without.id)).toHaveLength(0);
    // A contract that renews by itself does not lapse; one ending in 10 days is not expired yet.
    expect(await alertsOf(expired.id, renewing.id)).toHaveLength(0);
    expect(await alertsOf(expired.id, ending.id)).toHaveLength(0);
    // The partner would see its contract's figures, never the console link.
    expect(partnerVisibleEvidence('contract_lapsing', alert!.evidence)).not.toHaveProperty('href');
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
  async function partnerIn(category: 'it' | 'agency', legalName: string) {
    const partner = await makePartner(conn.db, { legalName });
    await conn.db
      .update(partners)
      .set({ serviceCategories: [category] })
      .where(eq(partners.id, partner.id));
    return partner;
  }

  it('raises from the ingestion batch that pushes a partner above the share, once; clears, closes after the clearing time, reopens as new', async () => {
    const share = await rule({
      kind: 'concentration',
      serviceCategories: ['it'],
      params: { windowDays: 30, abovePercent: 50, minCategoryVolume: 20, clearAfterHours: 1 },
    });
    const big = await partnerIn('it', 'Big IT Co., Ltd.');
    const small1 = await partnerIn('it', 'Small IT One Co., Ltd.');
    const small2 = await partnerIn('it', 'Small IT Two Co., Ltd.');
    const t0 = Date.now();
    const send = (partnerId: string, prefix: string, n: number) =>
      ingestEvents(conn.db, risk, { partnerId, events: opened(prefix, n, t0) }, t0);

    await send(small1.id, 's1', 10); // 10 cases in the category: below the minimum volume
    expect(await alertsOf(share.id, small1.id)).toHaveLength(0);
    await send(big.id, 'b', 30); // 30 of 40: 75 %, raised by the evaluation after the batch
    await send(small2.id, 's2', 10); // 10 of 50: 20 %
    let alerts = await alertsOf(share.id, big.id);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]!.conditionKey).toBe('category:it');
    expect(alerts[0]!.evidence).toMatchObject({
      serviceCategory: 'it',
      percent: 75,
      threshold: 50,
      partnerVolume: 30,
      categoryVolume: 40,
      measure: 'cases_opened',
    });
    expect((alerts[0]!.evidence.top as { legalName: string }[])[0]!.legalName).toBe('Big IT Co., Ltd.');
    // The partner sees its own share, never the other partners.
    expect(partnerVisibleEvidence('concentration', alerts[0]!.evidence)).not.toHaveProperty('top');

    // The scheduled run finds the same condition (now 30 of 50, 60 %): no second alert.
    const scheduled = await evaluateRiskRules(conn.db, { now: new Date(t0), kinds: ['concentration'] });
    expect(scheduled.raised).toBe(0);
    expect(await alertsOf(share.id, big.id)).toHaveLength(1);
    expect(await alertsOf(share.id, small2.id)).toHaveLength(0);

    // The others grow: 30 of 90, a third. Their batches clear big's alert (its share fell with
    // theirs), no scheduled run needed; it closes an hour later.
    await send(small1.id, 's1b', 20);
    await send(small2.id, 's2b', 20);
    expect(await alertsOf(share.id, small1.id)).toHaveLength(0);
    alerts = await alertsOf(share.id, big.id);
    expect(alerts.map((a) => [a.status, a.clearedSince !== null])).toEqual([['open', true]]);
    await evaluateRiskRules(conn.db, { now: new Date(t0 + 30 * 60_000), kinds: ['concentration'] });
    expect((await alertsOf(share.id, big.id))[0]!.status).toBe('open');
    await evaluateRiskRules(conn.db, { now: new Date(t0 + 62 * 60_000), kinds: ['concentration'] });
    expect((await alertsOf(share.id, big.id)).map((a) => a.status)).toEqual(['resolved']);

    // Back above half (90 of 150, 60 %): a new alert, from the batch again.
    await send(big.id, 'b2', 60);
    alerts = await alertsOf(share.id, big.id);
    expect(alerts.map((a) => a.status)).toEqual(['resolved', 'open']);
    expect(alerts[1]!.evidence).toMatchObject({ percent: 60, partnerVolume: 90, categoryVolume: 150 });
  });

  it('leaves a quiet category alone and counts only the rule’s window', async () => {
    const share = await rule({
      kind: 'concentration',
      serviceCategories: ['agency'],
      params: { windowDays: 7, abovePercent: 40, minCategoryVolume: 30 },
    });
    const only = await partnerIn('agency', 'Lone Agency Co., Ltd.');
    const now = Date.now();
    // 25 cases today (below 30), 40 more three weeks ago (outside the 7-day window).
    await ingestEvents(conn.db, risk, { partnerId: only.id, events: opened('a', 25, now) }, now);
    await ingestEvents(
      conn.db,
      risk,
      { partnerId: only.id, events: opened('old', 40, now - 21 * 24 * HOUR) },
      now,
    );
    await evaluateRiskRules(conn.db, { now: new Date(now), kinds: ['concentration'] });
    expect(await alertsOf(share.id, only.id)).toHaveLength(0);
  });
});

describe('parameters', () => {
  it('refuses a bad share, window, volume, day count or flag with 422 and the field, storing nothing', async () => {
    const [{ n: before }] = (await conn.db.select({ n: count() }).from(riskRules)) as [{ n: number }];
    const base = { nameZh: 'x', nameEn: 'x', level: 'warning' };
    const cases: [Record<string, unknown>, string][] = [
      [{ ...base, kind: 'concentration', params: { abovePercent: 100 } }, 'params.abovePercent'],
      [{ ...base, kind: 'concentration', params: { abovePercent: 0 } }, 'params.abovePercent'],
      [{ ...base, kind: 'concentration', params: { windowDays: 0 } }, 'params.windowDays'],
      [{ ...base, kind: 'concentration', params: { windowDays: 7.5 } }, 'params.windowDays'],
      [{ ...base, kind: 'concentration', params: { minCategoryVolume: 0 } }, 'params.minCategoryVolume'],
      [{ ...base, kind: 'concentration', params: { abovePercent: '40%' } }, 'params.abovePercent'],
      [{ ...base, kind: 'contract_lapsing', params: { withinDays: -1 } }, 'params.withinDays'],
      [{ ...base, kind: 'contract_lapsing', params: { withinDays: 400 } }, 'params.withinDays'],
      [
        { ...base, kind: 'contract_lapsing', params: { includeNoContract: 'yes' } },
        'params.includeNoContract',
      ],
      [{ ...base, kind: 'contract_lapsing', params: { kpiKey: 'x' } }, 'params'],
      [
        { ...base, kind: 'contract_lapsing', serviceCategories: ['casino'], params: {} },
        'serviceCategories.0',
      ],
    ];
    for (const [input, path] of cases) {
      const error = await saveRiskRule(conn.db, risk, input as unknown as RiskRuleInput).then(
        () => null,
        (e: unknown) => e,
      );
      expect(error, JSON.stringify(input)).toBeInstanceOf(AppError);
      expect((error as AppError).status).toBe(422);
      const paths = (((error as AppError).details?.fields ?? []) as { path: string }[]).map((f) => f.path);
      expect(paths, JSON.stringify(input)).toContain(path);
    }
    const [{ n: after }] = (await conn.db.select({ n: count() }).from(riskRules)) as [{ n: number }];
    expect(after).toBe(before);
  });

  it('seeds the contract and concentration defaults switched on', async () => {
    await ensureDefaultRiskRules(conn.db);
    const rows = await conn.db.select().from(riskRules);
    const byKey = (key: string) => rows.find((r) => r.defaultKey === key);
    expect(byKey('contract_lapsing_60d')).toMatchObject({
      kind: 'contract_lapsing',
      level: 'warning',
      enabled: true,
    });
    expect(byKey('contract_expired')).toMatchObject({
      kind: 'contract_lapsing',
      level: 'critical',
      enabled: true,
    });
    expect(byKey('concentration_50pct_30d')).toMatchObject({
      kind: 'concentration',
      enabled: true,
      params: { windowDays: 30, abovePercent: 50 },
    });
  });
});
