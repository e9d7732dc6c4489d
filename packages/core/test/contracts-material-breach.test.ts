import {
  auditLog,
  contractExecutionResults,
  contracts,
  type DatabaseConnection,
  quarterlyReviews,
  riskAlerts,
} from '@outpost/db';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  cureMonthsOf,
  decideContractApproval,
  draftContract,
  draftQuarterlyReviews,
  refreshDraftReviewSnapshots,
  evaluateContractExecution,
  evaluateRiskRules,
  ingestEvents,
  listContractExecution,
  listTemplates,
  saveRiskRule,
  setContractApprovers,
  submitContract,
} from '../src/index.ts';
import { makePartner, makePartnerUser, makeStaff } from '../src/testing/fixtures.ts';
import { clauseValues, contractDatabase } from './contracts-support.ts';

/**
 * Decision record 047: a month SLA missed in `sla_cure_months` consecutive months (the
 * service-standards clause: "missing them for N consecutive months is a material breach") is a
 * material breach; a month not missed — met, or not measured — ends the run.
 */
let conn: DatabaseConnection;
let officer: Awaited<ReturnType<typeof makeStaff>>;
let approver: Awaited<ReturnType<typeof makeStaff>>;
let templateId: string;
let partner: Awaited<ReturnType<typeof makePartner>>;
let contract: { id: string };
const values = clauseValues('上海市');
// 1 October 2026, 01:00 in Shanghai: Q3 and September have ended.
const AFTER_Q3 = new Date('2026-09-30T17:00:00Z');

/** `count` closed cases on `day`, `late` of them after their due time. */
const cases = (day: string, count: number, late: number) =>
  Array.from({ length: count }, (_, i) => ({
    externalId: `case-${day}-${i}`,
    type: 'case_closed',
    occurredAt: `${day}T02:00:00Z`,
    caseId: `c-${day}-${i}`,
    slaDueAt: i < late ? `${day}T01:00:00Z` : `${day}T03:00:00Z`,
  }));
const checks = (day: string, count: number, failed: number) =>
  Array.from({ length: count }, (_, i) => ({
    externalId: `check-${day}-${i}`,
    type: 'compliance_check',
    occurredAt: `${day}T02:00:00Z`,
    passed: i >= failed,
  }));

beforeAll(async () => {
  conn = await contractDatabase();
  officer = await makeStaff(conn.db, ['risk_officer']);
  approver = await makeStaff(conn.db, ['admin']);
  await setContractApprovers(conn.db, approver.actor, {
    serviceCategory: 'claims',
    userIds: [approver.user.id],
  });
  templateId = (await listTemplates(conn.db, officer.actor, { serviceCategory: 'claims' }))[0]!.id;
  partner = await makePartner(conn.db);
  contract = await draftContract(conn.db, officer.actor, {
    partnerId: partner.id,
    templateId,
    terms: {
      startDate: '2026-01-01',
      endDate: '2027-12-31',
      noticeDays: 90,
      annualValueCents: 12_000_000,
      governingLaw: '中国法律',
    },
    values,
    slaTargets: [
      { kpiKey: 'processing_timeliness', comparator: 'gte', target: 95, period: 'month' },
      { kpiKey: 'compliance_rate', comparator: 'gte', target: 90, period: 'month' },
    ],
  });
  await submitContract(conn.db, officer.actor, contract.id);
  await decideContractApproval(conn.db, approver.actor, { contractId: contract.id, decision: 'approve' });
  await conn.db.update(contracts).set({ status: 'active' }).where(eq(contracts.id, contract.id));
  // Timeliness (≥ 95 %): June 20/20 on time (met), July 18/20 = 90 %, August 16/20 = 80 %,
  // September 17/20 = 85 % — missed three months in a row.
  // Compliance (≥ 90 %): July 8/10 = 80 % (missed), August no checks (not measured),
  // September 5/10 = 50 % (missed) — the unmeasured August ends the run.
  await ingestEvents(conn.db, officer.actor, {
    partnerId: partner.id,
    events: [
      ...cases('2026-06-10', 20, 0),
      ...cases('2026-07-10', 20, 2),
      ...cases('2026-08-10', 20, 4),
      ...cases('2026-09-10', 20, 3),
      ...checks('2026-07-11', 10, 2),
      ...checks('2026-09-11', 10, 5),
    ],
  } as never);
});
afterAll(() => conn.close());

const resultOf = async (period: string) =>
  (
    await conn.db
      .select()
      .from(contractExecutionResults)
      .where(
        and(
          eq(contractExecutionResults.contractId, contract.id),
          eq(contractExecutionResults.period, period),
        ),
      )
  )[0]!;
const lines = (r: Awaited<ReturnType<typeof resultOf>>) =>
  r.slaResults.map((s) => [
    s.kpiKey,
    s.period,
    s.outcome,
    s.consecutiveMisses ?? null,
    s.materialBreach ?? null,
  ]);

describe('material breach after the cure period', () => {
  it('reads the cure period off the service-standards clause', () => {
    expect(cureMonthsOf([{ kind: 'service_standards' }], { sla_cure_months: 3 })).toBe(3);
    expect(cureMonthsOf([{ kind: 'compensation' }], { sla_cure_months: 3 })).toBeNull();
    expect(cureMonthsOf([{ kind: 'service_standards' }], {})).toBeNull();
  });

  it('marks the third month in a row missed as a material breach, evaluated month by month and as the quarter', async () => {
    // September alone: its run of misses reaches back into July and August (read from the rollups).
    await evaluateContractExecution(conn.db, officer.actor, { period: '2026-09' }, { now: AFTER_Q3 });
    const september = await resultOf('2026-09');
    expect(lines(september)).toEqual([
      ['processing_timeliness', '2026-09', 'missed', 3, true],
      ['compliance_rate', '2026-09', 'missed', 1, false],
    ]);
    expect(september).toMatchObject({ missed: 2, materialBreaches: 1 });

    await evaluateContractExecution(conn.db, officer.actor, { period: '2026-08' }, { now: AFTER_Q3 });
    expect(lines(await resultOf('2026-08'))).toEqual([
      ['processing_timeliness', '2026-08', 'missed', 2, false],
      ['compliance_rate', '2026-08', 'not_measured', null, null],
    ]);
    expect((await resultOf('2026-08')).materialBreaches).toBe(0);

    await evaluateContractExecution(conn.db, officer.actor, { period: '2026-Q3' }, { now: AFTER_Q3 });
    const q3 = await resultOf('2026-Q3');
    expect(lines(q3)).toEqual([
      ['processing_timeliness', '2026-07', 'missed', 1, false],
      ['processing_timeliness', '2026-08', 'missed', 2, false],
      ['processing_timeliness', '2026-09', 'missed', 3, true],
      ['compliance_rate', '2026-07', 'missed', 1, false],
      ['compliance_rate', '2026-08', 'not_measured', null, null],
      ['compliance_rate', '2026-09', 'missed', 1, false],
    ]);
    // 5 of 5 measured missed; one material breach.
    expect(q3).toMatchObject({ committed: 6, measured: 5, missed: 5, materialBreaches: 1 });

    // The partner sees it on its own contract's execution.
    const { actor: partnerUser } = await makePartnerUser(conn.db, partner.id, 'partner_admin');
    const own = await listContractExecution(conn.db, partnerUser, contract.id);
    expect(own.find((r) => r.period === '2026-09')).toMatchObject({ materialBreaches: 1 });
  });

  it('raises a contract-breach alert for a material breach even when fewer misses than the rule asks', async () => {
    await saveRiskRule(conn.db, officer.actor, {
      kind: 'contract_breach',
      nameZh: '合同未达标（多项）',
      nameEn: 'Contract breach (several)',
      level: 'critical',
      params: { minMisses: 10 },
    });
    await evaluateRiskRules(conn.db, { kinds: ['contract_breach'] });
    const alerts = await conn.db.select().from(riskAlerts).where(eq(riskAlerts.partnerId, partner.id));
    expect(alerts).toHaveLength(1);
    expect(alerts[0]!.evidence).toMatchObject({
      period: '2026-09',
      materialBreaches: 1,
      materialKpiKeys: ['processing_timeliness'],
    });
  });

  it('a draft review drafted before the contract was in force is re-frozen with the execution figure; audited once', async () => {
    // Drafted while the contract was not yet in force: no execution figure for the partner.
    await conn.db.update(contracts).set({ status: 'signing' }).where(eq(contracts.id, contract.id));
    await draftQuarterlyReviews(conn.db, '2026-Q3', officer.actor, AFTER_Q3);
    await conn.db.update(contracts).set({ status: 'active' }).where(eq(contracts.id, contract.id));
    const reviewOf = async () =>
      (
        await conn.db
          .select()
          .from(quarterlyReviews)
          .where(and(eq(quarterlyReviews.partnerId, partner.id), eq(quarterlyReviews.quarter, '2026-Q3')))
      )[0]!;
    expect((await reviewOf()).snapshot.contractExecution?.contracts).toEqual([]);
    const first = await refreshDraftReviewSnapshots(conn.db, officer.actor, '2026-Q3');
    expect(first.refreshed).toBeGreaterThanOrEqual(1);
    // The quarter as computed above: 5 of 5 measured service levels missed.
    expect((await reviewOf()).snapshot.contractExecution).toMatchObject({
      measured: 5,
      missed: 5,
      deviation: 1,
      contracts: [{ contractId: contract.id, missed: 5 }],
    });
    const review = await reviewOf();
    expect(
      await conn.db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.entityId, review.id), eq(auditLog.action, 'review.snapshot_refreshed'))),
    ).toHaveLength(1);
    // Nothing changed since: nothing rewritten.
    expect((await refreshDraftReviewSnapshots(conn.db, officer.actor, '2026-Q3')).refreshed).toBe(0);
  });
});
