import {
  auditLog,
  contractExecutionResults,
  contractExecutionRuns,
  contracts,
  type DatabaseConnection,
  riskAlerts,
} from '@outpost/db';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  compensationRule,
  decideContractApproval,
  draftContract,
  evaluateContractExecution,
  evaluateRiskRules,
  executionFigures,
  draftQuarterlyReviews,
  ingestEvents,
  listContractExecution,
  listTemplates,
  listWorstExecution,
  runScheduledContractExecution,
  saveRiskRule,
  setContractApprovers,
  submitContract,
  systemActor,
} from '../src/index.ts';
import { makePartner, makePartnerUser, makeStaff } from '../src/testing/fixtures.ts';
import { clauseValues, contractDatabase } from './contracts-support.ts';

let conn: DatabaseConnection;
let officer: Awaited<ReturnType<typeof makeStaff>>;
let approver: Awaited<ReturnType<typeof makeStaff>>;
let templateId: string;
const values = clauseValues('上海市');
// 1 October 2026, 01:00 in Shanghai: Q3 and September have ended.
const AFTER_Q3 = new Date('2026-09-30T17:00:00Z');

/** An approved contract put in force directly; ¥120,000 a year: ¥10,000 a month, ¥30,000 a quarter. */
async function activeContract(partnerId: string, slaTargets: unknown[]) {
  const contract = await draftContract(conn.db, officer.actor, {
    partnerId,
    templateId,
    terms: {
      startDate: '2026-01-01',
      endDate: '2027-12-31',
      noticeDays: 90,
      autoRenew: false,
      annualValueCents: 12_000_000,
      governingLaw: '中国法律',
    },
    values,
    slaTargets,
  } as never);
  await submitContract(conn.db, officer.actor, contract.id);
  await decideContractApproval(conn.db, approver.actor, { contractId: contract.id, decision: 'approve' });
  await conn.db.update(contracts).set({ status: 'active' }).where(eq(contracts.id, contract.id));
  return contract;
}

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
const ratings = (day: string, count: number, rating: number) =>
  Array.from({ length: count }, (_, i) => ({
    externalId: `rating-${day}-${i}`,
    type: 'customer_rating',
    occurredAt: `${day}T02:00:00Z`,
    rating,
  }));

const SLAS = [
  { kpiKey: 'processing_timeliness', comparator: 'gte', target: 95, period: 'month' },
  { kpiKey: 'compliance_rate', comparator: 'gte', target: 90, period: 'month' },
  { kpiKey: 'customer_satisfaction', comparator: 'gte', target: 4, period: 'quarter' },
];

let partnerA: Awaited<ReturnType<typeof makePartner>>;
let partnerB: Awaited<ReturnType<typeof makePartner>>;
let contractA: { id: string };
let contractB: { id: string };

beforeAll(async () => {
  conn = await contractDatabase();
  officer = await makeStaff(conn.db, ['risk_officer']);
  approver = await makeStaff(conn.db, ['admin']);
  await setContractApprovers(conn.db, approver.actor, {
    serviceCategory: 'claims',
    userIds: [approver.user.id],
  });
  templateId = (await listTemplates(conn.db, officer.actor, { serviceCategory: 'claims' }))[0]!.id;
  partnerA = await makePartner(conn.db);
  partnerB = await makePartner(conn.db);
  contractA = await activeContract(partnerA.id, SLAS);
  contractB = await activeContract(partnerB.id, SLAS.slice(0, 1));
  // A: July 90 % on time (missed), compliance 100 % (met), five ratings of 5;
  //    August: no events at all (not measured);
  //    September 100 % on time (met), compliance 80 % (missed), five ratings of 3.
  await ingestEvents(conn.db, officer.actor, {
    partnerId: partnerA.id,
    events: [
      ...cases('2026-07-10', 20, 2),
      ...checks('2026-07-11', 10, 0),
      ...ratings('2026-07-12', 5, 5),
      ...cases('2026-09-10', 20, 0),
      ...checks('2026-09-11', 10, 2),
      ...ratings('2026-09-12', 5, 3),
    ],
  } as never);
  // B: on time every month of the quarter.
  await ingestEvents(conn.db, officer.actor, {
    partnerId: partnerB.id,
    events: [...cases('2026-07-15', 10, 0), ...cases('2026-08-15', 10, 0), ...cases('2026-09-15', 10, 0)],
  } as never);
});
afterAll(() => conn.close());

const resultOf = async (contractId: string, period: string) =>
  (
    await conn.db
      .select()
      .from(contractExecutionResults)
      .where(
        and(eq(contractExecutionResults.contractId, contractId), eq(contractExecutionResults.period, period)),
      )
  )[0]!;

describe('contract execution', () => {
  it('matches the hand-computed deviations, with a month without events "not measured", never missed', async () => {
    for (const period of ['2026-07', '2026-08', '2026-09', '2026-Q3']) {
      await evaluateContractExecution(conn.db, officer.actor, { period }, { now: AFTER_Q3 });
    }
    const july = await resultOf(contractA.id, '2026-07');
    expect(july).toMatchObject({ committed: 2, measured: 2, missed: 1, deviation: 0.5, feeCents: 1_000_000 });
    expect(july.slaResults.map((s) => [s.kpiKey, s.actual, s.outcome])).toEqual([
      ['processing_timeliness', 90, 'missed'],
      ['compliance_rate', 100, 'met'],
    ]);
    expect(july.creditCents).toBe(50_000); // 5 % of the month's ¥10,000

    const august = await resultOf(contractA.id, '2026-08');
    expect(august).toMatchObject({ committed: 2, measured: 0, missed: 0, deviation: null, creditCents: 0 });
    expect(august.slaResults.map((s) => s.outcome)).toEqual(['not_measured', 'not_measured']);

    const september = await resultOf(contractA.id, '2026-09');
    expect(september).toMatchObject({ measured: 2, missed: 1, deviation: 0.5, creditCents: 50_000 });

    // The quarter: 2 monthly SLAs × 3 months + 1 quarterly = 7 committed; August's 2 not measured;
    // 2 of 5 measured missed = 40 %. Satisfaction (5×5 + 5×3) / 10 = 4.0 meets "at least 4".
    const q3 = await resultOf(contractA.id, '2026-Q3');
    expect(q3).toMatchObject({
      committed: 7,
      measured: 5,
      missed: 2,
      feeCents: 3_000_000,
      creditCents: 100_000,
    });
    expect(q3.deviation).toBeCloseTo(0.4, 10);
    expect(q3.slaResults.find((s) => s.period === '2026-Q3')).toMatchObject({
      kpiKey: 'customer_satisfaction',
      actual: 4,
      outcome: 'met',
    });
    expect(await resultOf(contractB.id, '2026-Q3')).toMatchObject({
      committed: 3,
      measured: 3,
      missed: 0,
      deviation: 0,
    });
  });

  it('replaces a period on a re-run (one row per contract and period) and audits each run once', async () => {
    const before = await resultOf(contractA.id, '2026-Q3');
    const run = await evaluateContractExecution(
      conn.db,
      officer.actor,
      { period: '2026-Q3' },
      { now: AFTER_Q3 },
    );
    expect(run).toMatchObject({ ran: true, contracts: 2, breaches: 2 });
    const rows = await conn.db
      .select()
      .from(contractExecutionResults)
      .where(eq(contractExecutionResults.period, '2026-Q3'));
    expect(rows).toHaveLength(2);
    const after = rows.find((r) => r.contractId === contractA.id)!;
    expect(after.id).toBe(before.id);
    expect(after.runId).toBe(run.runId);
    const audits = await conn.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'contract.execution_evaluated'), eq(auditLog.entityId, run.runId!)));
    expect(audits).toHaveLength(1);
  });

  it('credits a share of the fee per miss, capped at the period’s fee', () => {
    const rule = compensationRule([{ kind: 'compensation' }], { service_credit_percent: 60 });
    const sums = { casesClosed: 10, closedWithinSla: 5 } as never;
    const figures = executionFigures({
      period: { kind: 'month', year: 2026, index: 7 },
      terms: {
        startDate: '2026-01-01',
        endDate: '2026-12-31',
        autoRenew: false,
        annualValueCents: 1_200_000,
      } as never,
      slaTargets: [
        { kpiKey: 'processing_timeliness', comparator: 'gte', target: 95, period: 'month' },
        { kpiKey: 'processing_timeliness', comparator: 'gte', target: 90, period: 'month' },
      ],
      rule,
      computations: new Map([['processing_timeliness', 'share_within_sla']]),
      sumsOfMonth: () => ({ ...emptyish, ...(sums as object) }),
    });
    expect(figures).toMatchObject({ missed: 2, feeCents: 100_000, creditCents: 100_000, creditCapped: true });
    expect(compensationRule([], { service_credit_percent: 60 }).creditPercent).toBe(0);
  });

  it('refuses a year, a period not begun, and staff without the right', async () => {
    await expect(
      evaluateContractExecution(conn.db, officer.actor, { period: '2026' }, { now: AFTER_Q3 }),
    ).rejects.toMatchObject({ code: 'validation_failed' });
    await expect(
      evaluateContractExecution(conn.db, officer.actor, { period: '2026-12' }, { now: AFTER_Q3 }),
    ).rejects.toMatchObject({ code: 'validation_failed' });
    const auditor = await makeStaff(conn.db, ['auditor']);
    await expect(
      evaluateContractExecution(conn.db, auditor.actor, { period: '2026-09' }, { now: AFTER_Q3 }),
    ).rejects.toMatchObject({ code: 'forbidden' });
  });

  it('shows a partner its own results only, without who ran them', async () => {
    const userA = await makePartnerUser(conn.db, partnerA.id);
    const actorA = {
      type: 'partner',
      userId: userA.user.id,
      partnerId: partnerA.id,
      role: 'partner_admin',
    } as never;
    const own = await listContractExecution(conn.db, actorA, contractA.id);
    expect(own.map((r) => r.period)).toEqual(['2026-Q3', '2026-09', '2026-08', '2026-07']);
    expect(own[0]).not.toHaveProperty('runId');
    expect(own[0]).not.toHaveProperty('partnerId');
    await expect(listContractExecution(conn.db, actorA, contractB.id)).rejects.toMatchObject({
      code: 'not_found',
    });
    await expect(listWorstExecution(conn.db, actorA)).rejects.toMatchObject({ code: 'forbidden' });
  });

  it('lists contracts by worst deviation for a period, filtered by category', async () => {
    const list = await listWorstExecution(conn.db, officer.actor, { period: '2026-Q3' });
    expect(list.rows.map((r) => [r.contractId, r.deviation])).toEqual([
      [contractA.id, expect.closeTo(0.4, 10)],
      [contractB.id, 0],
    ]);
    expect(list.periods.map((p) => p.period)).toContain('2026-Q3');
    expect(
      (await listWorstExecution(conn.db, officer.actor, { period: '2026-Q3', serviceCategory: 'it' })).rows,
    ).toEqual([]);
  });

  it('a breach raises one risk alert per contract, however often the rules run', async () => {
    await saveRiskRule(conn.db, officer.actor, {
      kind: 'contract_breach',
      nameZh: '合同未达标',
      nameEn: 'Contract breach',
      level: 'warning',
      params: { minMisses: 1 },
    });
    await evaluateRiskRules(conn.db, { kinds: ['contract_breach'] });
    await evaluateRiskRules(conn.db, { kinds: ['contract_breach'] });
    const alertsA = await conn.db.select().from(riskAlerts).where(eq(riskAlerts.partnerId, partnerA.id));
    expect(alertsA).toHaveLength(1);
    expect(alertsA[0]!.evidence).toMatchObject({
      reference: expect.any(String),
      period: '2026-09',
      missed: 1,
    });
    expect(await conn.db.select().from(riskAlerts).where(eq(riskAlerts.partnerId, partnerB.id))).toHaveLength(
      0,
    );
  });

  it('the scheduled run evaluates the month and quarter just ended once per period', async () => {
    const first = await runScheduledContractExecution(conn.db, AFTER_Q3);
    expect(first.map((r) => [r.period, r.ran])).toEqual([
      ['2026-09', true],
      ['2026-Q3', true],
    ]);
    const again = await runScheduledContractExecution(conn.db, new Date('2026-10-03T17:00:00Z'));
    expect(again.map((r) => [r.period, r.ran])).toEqual([
      ['2026-09', false],
      ['2026-Q3', false],
    ]);
    const runs = await conn.db
      .select()
      .from(contractExecutionRuns)
      .where(eq(contractExecutionRuns.trigger, 'schedule'));
    expect(runs.map((r) => r.period).sort()).toEqual(['2026-09', '2026-Q3']);
    expect(
      (await runScheduledContractExecution(conn.db, new Date('2026-11-01T17:00:00Z'))).map((r) => r.period),
    ).toEqual(['2026-10']);
  });

  it('feeds the quarterly review snapshot with the quarter’s deviation', async () => {
    await draftQuarterlyReviews(conn.db, '2026-Q3', systemActor('test'), AFTER_Q3);
    const { quarterlyReviews } = await import('@outpost/db');
    const [review] = await conn.db
      .select()
      .from(quarterlyReviews)
      .where(eq(quarterlyReviews.partnerId, partnerA.id));
    expect(review!.snapshot.contractExecution).toMatchObject({
      measured: 5,
      missed: 2,
      creditCents: 100_000,
    });
    expect(review!.snapshot.contractExecution!.deviation).toBeCloseTo(0.4, 10);
  });
});

const emptyish = {
  casesOpened: 0,
  casesClosed: 0,
  closedWithinSla: 0,
  ratingsCount: 0,
  ratingsSum: 0,
  checksTotal: 0,
  checksPassed: 0,
  complaints: 0,
  handledAmount: 0,
  lossAmount: 0,
  trainingPeople: 0,
  trainingMet: 0,
};
