import {
  auditLog,
  contracts,
  contractVersions,
  type DatabaseConnection,
  incentiveRecords,
  quarterlyReviews,
  type ReviewSnapshot,
} from '@outpost/db';
import { createTestDatabase } from '@outpost/db/testing';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Actor,
  AppError,
  answerAppeal,
  appealReview,
  decideIncentive,
  exportAllocation,
  finaliseReview,
  getAllocation,
  getIncentiveRecord,
  largestRemainderShares,
  latestRecognition,
  listAllocations,
  listIncentiveRecords,
  saveTierSet,
  type TierSetInput,
  verifyAuditChain,
} from '../src/index.ts';
import { makePartner, makePartnerUser, makeStaff } from '../src/testing/fixtures.ts';

let conn: DatabaseConnection;
let risk: Actor;
let approverA: { actor: Actor; user: { id: string } };
let approverB: { actor: Actor; user: { id: string } };
let outsider: Actor;

async function refusal(promise: Promise<unknown>) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

/**
 * The hand-computed fixture (claims, score bands). Configured base ¥4,000,000 a year, so a
 * quarter's fees are ¥1,000,000 (100,000,000 cents) without a contract; approval above ¥30,000.
 */
const tiers = (): TierSetInput => ({
  serviceCategory: 'claims',
  basis: 'score',
  baseAnnualFeeCents: 400_000_000,
  approvalThresholdCents: 3_000_000,
  approverIds: [approverA.user.id, approverB.user.id],
  tiers: [
    {
      name: 'Failing',
      minScore: 0,
      maxScore: 60,
      deductionPercentOfFees: 10,
      businessWeight: 0,
      terminationReview: true,
    },
    {
      name: 'Poor',
      minScore: 60,
      maxScore: 70,
      deductionPercentOfFees: 2,
      businessWeight: 0.7,
      rectification: true,
    },
    { name: 'Fair', minScore: 70, maxScore: 80, businessWeight: 1 },
    { name: 'Good', minScore: 80, maxScore: 90, bonusCents: 1_000_000, businessWeight: 1.2 },
    {
      name: 'Excellent',
      minScore: 90,
      maxScore: 100,
      bonusPercentOfFees: 5,
      businessWeight: 1.5,
      routingPriority: true,
      recognition: true,
    },
  ],
});

const snapshot = (score: number): ReviewSnapshot => ({
  period: { label: '2026-Q3', from: '2026-07-01', to: '2026-09-30' },
  score,
  grade: null,
  kpis: [],
  peers: [],
});

async function draftReview(partnerId: string, score: number, grade: string) {
  const [review] = await conn.db
    .insert(quarterlyReviews)
    .values({ partnerId, quarter: '2026-Q3', snapshot: { ...snapshot(score), grade }, score, grade })
    .returning();
  return review!;
}

const recordOf = async (partnerId: string) =>
  (await conn.db.select().from(incentiveRecords).where(eq(incentiveRecords.partnerId, partnerId)))[0]!;
const sharesOf = async () => {
  const table = await getAllocation(conn.db, risk, 'claims', '2026-Q4');
  return Object.fromEntries(table.shares.map((s) => [s.partnerName, s.shareBasisPoints]));
};

const p: Record<string, { id: string; legalName: string }> = {};
let excellentAdmin: Actor;
let goodAdmin: Actor;
let failingAdmin: Actor;

beforeAll(async () => {
  conn = await createTestDatabase();
  risk = (await makeStaff(conn.db, ['risk_officer'])).actor;
  approverA = await makeStaff(conn.db, ['admin']);
  approverB = await makeStaff(conn.db, ['risk_officer']);
  outsider = (await makeStaff(conn.db, ['risk_officer'])).actor;
  // Names sort in the same order as the expected tables below.
  for (const name of ['P1 Excellent', 'P2 Boundary', 'P3 Just below', 'P4 Poor', 'P5 Appealing']) {
    p[name] = await makePartner(conn.db, { legalName: name });
  }
  excellentAdmin = (await makePartnerUser(conn.db, p['P1 Excellent']!.id)).actor;
  goodAdmin = (await makePartnerUser(conn.db, p['P2 Boundary']!.id)).actor;
  failingAdmin = (await makePartnerUser(conn.db, p['P5 Appealing']!.id)).actor;
  // P1 has a contract in force worth ¥3,000,000 a year: its quarter's fees are ¥750,000.
  const [contract] = await conn.db
    .insert(contracts)
    .values({
      reference: 'HT-2026-0901',
      partnerId: p['P1 Excellent']!.id,
      serviceCategory: 'claims',
      status: 'active',
    })
    .returning();
  await conn.db.insert(contractVersions).values({
    contractId: contract!.id,
    version: 1,
    status: 'signed',
    clauses: [],
    terms: {
      startDate: '2026-01-01',
      endDate: '2027-12-31',
      autoRenew: false,
      noticeDays: 60,
      annualValueCents: 300_000_000,
      currency: 'CNY',
      governingLaw: '中国法律',
      language: 'zh-CN',
    },
  });
});
afterAll(() => conn.close());

describe('tier configuration', () => {
  it('refuses bands that overlap, leave a gap or miss the ends, and grades in two tiers or none', async () => {
    const base = tiers();
    const withBands = (bands: [number, number][]) => ({
      ...base,
      tiers: bands.map(([minScore, maxScore], i) => ({
        name: `T${i}`,
        minScore,
        maxScore,
        businessWeight: 1,
      })),
    });
    const overlap = await refusal(
      saveTierSet(
        conn.db,
        risk,
        withBands([
          [0, 60],
          [55, 100],
        ]),
      ),
    );
    expect(overlap).toMatchObject({ status: 422, messageKey: 'errors.incentives.band_overlap' });
    expect(overlap.message).toContain('overlap');
    const gap = await refusal(
      saveTierSet(
        conn.db,
        risk,
        withBands([
          [0, 60],
          [70, 100],
        ]),
      ),
    );
    expect(gap).toMatchObject({ messageKey: 'errors.incentives.band_gap' });
    expect(gap.message).toContain('from 60 to 70');
    expect((await refusal(saveTierSet(conn.db, risk, withBands([[10, 100]])))).message).toContain(
      'start at 0',
    );
    expect((await refusal(saveTierSet(conn.db, risk, withBands([[0, 90]])))).message).toContain('end at 100');
    const grades = await refusal(
      saveTierSet(conn.db, risk, {
        ...base,
        basis: 'grade',
        tiers: [
          { name: 'Top', grades: ['A', 'B'], businessWeight: 1.2 },
          { name: 'Rest', grades: ['B', 'C', 'D', 'E'], businessWeight: 1 },
        ],
      }),
    );
    expect(grades).toMatchObject({ messageKey: 'errors.incentives.grade_overlap' });
    const missing = await refusal(
      saveTierSet(conn.db, risk, {
        ...base,
        basis: 'grade',
        tiers: [{ name: 'Top', grades: ['A', 'B', 'C'], businessWeight: 1 }],
      }),
    );
    expect(missing.message).toContain('D, E');
    const mixed = await refusal(
      saveTierSet(conn.db, risk, {
        ...base,
        tiers: [{ name: 'Odd', minScore: 0, maxScore: 100, bonusCents: 5, businessWeight: 0.5 }],
      }),
    );
    expect(mixed.messageKey).toBe('errors.incentives.mixed_tier');
    const partnerAdmin = (
      await makePartnerUser(conn.db, (await makePartner(conn.db, { status: 'applying' })).id)
    ).actor;
    expect((await refusal(saveTierSet(conn.db, partnerAdmin, base))).code).toBe('forbidden');
    expect((await refusal(saveTierSet(conn.db, risk, { ...base, approverIds: [] }))).messageKey).toBe(
      'errors.incentives.no_approvers',
    );
  });

  it('saves versions: each save is the next one, audited', async () => {
    const first = await saveTierSet(conn.db, risk, { ...tiers(), approvalThresholdCents: 1 });
    const second = await saveTierSet(conn.db, risk, tiers());
    expect([first.version, second.version]).toEqual([1, 2]);
    const entries = await conn.db.select().from(auditLog).where(eq(auditLog.action, 'incentive.tiers_saved'));
    expect(entries).toHaveLength(2);
  });
});

describe('finalising reviews applies the tiers (hand-computed fixture)', () => {
  it('makes one record per partner and quarter with what, how much, why and its scorecard', async () => {
    const reviews = {
      p1: await draftReview(p['P1 Excellent']!.id, 95, 'A'),
      p2: await draftReview(p['P2 Boundary']!.id, 80, 'B'),
      p3: await draftReview(p['P3 Just below']!.id, 79.9, 'C'),
      p4: await draftReview(p['P4 Poor']!.id, 65, 'D'),
      p5: await draftReview(p['P5 Appealing']!.id, 50, 'E'),
    };
    for (const review of Object.values(reviews)) {
      await finaliseReview(conn.db, risk, { reviewId: review.id, decision: 'no_change' });
    }
    // P1: 5 % of a quarter of its contract's ¥3,000,000 = ¥37,500 > ¥30,000 → waits for approval.
    expect(await recordOf(p['P1 Excellent']!.id)).toMatchObject({
      reviewId: reviews.p1.id,
      quarter: '2026-Q3',
      tierName: 'Excellent',
      tierSetVersion: 2,
      kind: 'reward',
      score: 95,
      amountCents: 3_750_000,
      feeBasis: 'contract',
      quarterFeeCents: 75_000_000,
      contractReference: 'HT-2026-0901',
      status: 'pending_approval',
      approverIds: [approverA.user.id, approverB.user.id],
    });
    // P2 scores exactly 80: bands are [min, max), so it is "Good", not "Fair": a ¥10,000 bonus.
    expect(await recordOf(p['P2 Boundary']!.id)).toMatchObject({
      tierName: 'Good',
      amountCents: 1_000_000,
      feeBasis: 'configured',
      status: 'applied',
    });
    // P3 at 79.9 is just below the boundary: "Fair", nothing paid or deducted.
    expect(await recordOf(p['P3 Just below']!.id)).toMatchObject({
      tierName: 'Fair',
      kind: 'neutral',
      amountCents: 0,
      status: 'applied',
    });
    // P4: 2 % of the configured quarter (¥1,000,000) = ¥20,000 deducted, within the threshold.
    expect(await recordOf(p['P4 Poor']!.id)).toMatchObject({
      tierName: 'Poor',
      kind: 'penalty',
      amountCents: -2_000_000,
      feeBasis: 'configured',
      quarterFeeCents: 100_000_000,
      contractId: null,
      status: 'applied',
    });
    // P5: 10 % = ¥100,000 deducted: above the threshold.
    expect(await recordOf(p['P5 Appealing']!.id)).toMatchObject({
      tierName: 'Failing',
      amountCents: -10_000_000,
      status: 'pending_approval',
    });
    expect(await conn.db.select().from(incentiveRecords)).toHaveLength(5);
  });

  it('an appeal holds the record; the approvers cannot decide it while on hold', async () => {
    const review = (
      await conn.db
        .select()
        .from(quarterlyReviews)
        .where(eq(quarterlyReviews.partnerId, p['P5 Appealing']!.id))
    )[0]!;
    await appealReview(conn.db, failingAdmin, {
      reviewId: review.id,
      reason: 'Our July figures were loaded twice by mistake.',
    });
    expect(await recordOf(p['P5 Appealing']!.id)).toMatchObject({ status: 'on_hold', round: 1 });
    const held = await refusal(
      decideIncentive(conn.db, approverA.actor, {
        recordId: (await recordOf(p['P5 Appealing']!.id)).id,
        decision: 'approve',
      }),
    );
    expect(held).toMatchObject({ code: 'already_decided', messageKey: 'errors.incentives.not_pending' });
  });

  it('next quarter’s shares add up to exactly 100 % by largest remainder', async () => {
    // Weights: P1 pending → 1, P2 1.2, P3 1, P4 0.7, P5 on hold → 1; total 4.9. Exact shares in basis
    // points 2040.82, 2448.98, 2040.82, 1428.57, 2040.82: floors sum to 9,996; the 4 missing points go
    // to the largest remainders P2 (.98), then P1, P3, P5 (.82).
    expect(await sharesOf()).toEqual({
      'P2 Boundary': 2449,
      'P1 Excellent': 2041,
      'P3 Just below': 2041,
      'P5 Appealing': 2041,
      'P4 Poor': 1428,
    });
    const total = Object.values(await sharesOf()).reduce((a, b) => a + b, 0);
    expect(total).toBe(10_000);
  });

  it('approval: every approver approves; a second click of the same approver and outsiders are refused', async () => {
    const record = await recordOf(p['P1 Excellent']!.id);
    expect(
      (await refusal(decideIncentive(conn.db, outsider, { recordId: record.id, decision: 'approve' })))
        .messageKey,
    ).toBe('errors.incentives.not_approver');
    expect(
      (
        await refusal(
          decideIncentive(conn.db, approverA.actor, { recordId: record.id, decision: 'reject', reason: '' }),
        )
      ).status,
    ).toBe(422);
    expect(
      await decideIncentive(conn.db, approverA.actor, { recordId: record.id, decision: 'approve' }),
    ).toMatchObject({
      outcome: null,
      tally: { approve: 1, pending: 1 },
    });
    expect(
      (await refusal(decideIncentive(conn.db, approverA.actor, { recordId: record.id, decision: 'approve' })))
        .messageKey,
    ).toBe('errors.incentives.already_decided');
    expect(
      await decideIncentive(conn.db, approverB.actor, { recordId: record.id, decision: 'approve' }),
    ).toMatchObject({
      outcome: 'applied',
    });
    // Weights now 1.5, 1.2, 1, 0.7, 1 (total 5.4): 2777.78, 2222.22, 1851.85, 1296.30, 1851.85;
    // floors 9,997, the 3 points to P3 and P5 (.85) and P1 (.78).
    expect(await sharesOf()).toEqual({
      'P1 Excellent': 2778,
      'P2 Boundary': 2222,
      'P3 Just below': 1852,
      'P5 Appealing': 1852,
      'P4 Poor': 1296,
    });
    expect(await latestRecognition(conn.db, excellentAdmin)).toMatchObject({
      tierName: 'Excellent',
      quarter: '2026-Q3',
    });
    expect(await latestRecognition(conn.db, goodAdmin)).toBeNull();
  });

  it('the appeal’s outcome re-applies the tier: upheld → waiting for approval again as a new round', async () => {
    const review = (
      await conn.db
        .select()
        .from(quarterlyReviews)
        .where(eq(quarterlyReviews.partnerId, p['P5 Appealing']!.id))
    )[0]!;
    await answerAppeal(conn.db, risk, {
      reviewId: review.id,
      outcome: 'upheld',
      response: 'The figures were checked against the source files.',
    });
    expect(await recordOf(p['P5 Appealing']!.id)).toMatchObject({ status: 'pending_approval', round: 2 });
    const record = await recordOf(p['P5 Appealing']!.id);
    expect(
      await decideIncentive(conn.db, approverB.actor, {
        recordId: record.id,
        decision: 'reject',
        reason: 'Deduction waived: first failing quarter.',
      }),
    ).toMatchObject({ outcome: 'rejected' });
    expect(await recordOf(p['P5 Appealing']!.id)).toMatchObject({
      status: 'rejected',
      rejectReason: 'Deduction waived: first failing quarter.',
    });
    expect(Object.values(await sharesOf()).reduce((a, b) => a + b, 0)).toBe(10_000);
    const actions = (
      await conn.db.select().from(auditLog).where(eq(auditLog.entityId, record.id)).orderBy(auditLog.id)
    ).map((e) => e.action);
    expect(actions).toEqual([
      'incentive.applied',
      'incentive.held',
      'incentive.applied',
      'incentive.approval_decided',
      'incentive.rejected',
    ]);
    expect(await verifyAuditChain(conn.db)).toMatchObject({ ok: true });
  });

  it('exports the table as CSV and XLSX with percentages adding up to 100.00', async () => {
    const csv = await exportAllocation(conn.db, risk, {
      serviceCategory: 'claims',
      quarter: '2026-Q4',
      format: 'csv',
      headers: ['Partner id', 'Partner', 'Share %', 'Basis points', 'Routing priority'],
    });
    const lines = String(csv.body).trim().split('\r\n').slice(1);
    const percents = lines.map((l) => Number(l.split(',')[2]));
    expect(percents.reduce((a, b) => a + b, 0).toFixed(2)).toBe('100.00');
    expect(String(csv.body)).toContain('P1 Excellent');
    const xlsx = await exportAllocation(conn.db, risk, {
      serviceCategory: 'claims',
      quarter: '2026-Q4',
      format: 'xlsx',
      headers: ['a', 'b', 'c', 'd', 'e'],
    });
    expect(xlsx.fileName).toBe('allocation-claims-2026-Q4.xlsx');
    expect((xlsx.body as Uint8Array).byteLength).toBeGreaterThan(100);
  });
});

describe('partner isolation', () => {
  it('a partner sees its own records, without approvers, and only its own allocation share', async () => {
    const mine = await listIncentiveRecords(conn.db, goodAdmin);
    expect(mine.map((r) => r.partnerName)).toEqual(['P2 Boundary']);
    expect(mine[0]).not.toHaveProperty('approverIds');
    expect(mine[0]).not.toHaveProperty('appliedBy');
    const other = await recordOf(p['P1 Excellent']!.id);
    expect((await refusal(getIncentiveRecord(conn.db, goodAdmin, other.id))).code).toBe('not_found');
    // Filtering by another partner's id finds nothing of theirs.
    expect(await listIncentiveRecords(conn.db, goodAdmin, { partnerId: other.partnerId })).toEqual([]);
    const tables = await listAllocations(conn.db, goodAdmin);
    expect(tables).toHaveLength(1);
    expect(tables[0]!.shares).toEqual([
      expect.objectContaining({ partnerName: 'P2 Boundary', shareBasisPoints: 2222 }),
    ]);
    const csv = await exportAllocation(conn.db, goodAdmin, {
      serviceCategory: 'claims',
      quarter: '2026-Q4',
      format: 'csv',
      headers: ['a', 'b', 'c', 'd', 'e'],
    });
    expect(String(csv.body)).not.toContain('P1 Excellent');
    expect(
      (await refusal(decideIncentive(conn.db, goodAdmin, { recordId: other.id, decision: 'approve' }))).code,
    ).toBe('forbidden');
  });
});

describe('largest remainder', () => {
  it('always adds up to 10,000 and gives nothing to a zero weight', () => {
    for (const weights of [[1, 1, 1], [1, 2, 3, 4, 5, 6, 7], [0.7, 0.3, 0], [1e-9, 1], [3]]) {
      const shares = largestRemainderShares(weights.map((weight, i) => ({ key: `k${i}`, weight })));
      expect([...shares.values()].reduce((a, b) => a + b, 0)).toBe(10_000);
      weights.forEach((w, i) => {
        if (w === 0) expect(shares.get(`k${i}`)).toBe(0);
      });
    }
    expect([
      ...largestRemainderShares([
        { key: 'a', weight: 1 },
        { key: 'b', weight: 1 },
        { key: 'c', weight: 1 },
      ]).values(),
    ]).toEqual([3334, 3333, 3333]);
    expect([...largestRemainderShares([{ key: 'a', weight: 0 }]).values()]).toEqual([0]);
  });
});

describe('an overturned appeal', () => {
  it('withdraws the record; finalising the review again applies the tier as a new round', async () => {
    const partnerId = p['P4 Poor']!.id;
    const poorAdmin = (await makePartnerUser(conn.db, partnerId)).actor;
    const [review] = await conn.db
      .select()
      .from(quarterlyReviews)
      .where(eq(quarterlyReviews.partnerId, partnerId));
    await appealReview(conn.db, poorAdmin, {
      reviewId: review!.id,
      reason: 'The complaint count includes another firm’s cases.',
    });
    await answerAppeal(conn.db, risk, {
      reviewId: review!.id,
      outcome: 'overturned',
      response: 'Confirmed: three cases belonged to another firm.',
    });
    expect(await recordOf(partnerId)).toMatchObject({ status: 'withdrawn', round: 1 });
    // Withdrawn counts as neutral in the allocation, which still adds up to 100 %.
    expect(Object.values(await sharesOf()).reduce((a, b) => a + b, 0)).toBe(10_000);
    await finaliseReview(conn.db, risk, { reviewId: review!.id, decision: 'no_change' });
    expect(await recordOf(partnerId)).toMatchObject({ status: 'applied', round: 2, amountCents: -2_000_000 });
    expect(
      await conn.db.select().from(incentiveRecords).where(eq(incentiveRecords.partnerId, partnerId)),
    ).toHaveLength(1);
  });
});
