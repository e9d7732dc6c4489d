import { auditLog, type DatabaseConnection, partners } from '@outpost/db';
import { createTestDatabase } from '@outpost/db/testing';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Actor,
  AppError,
  ensureDefaultKpis,
  eventsBehind,
  getScorecard,
  ingestEvents,
  isProvisional,
  kpiStatus,
  listKpis,
  monthOf,
  parsePeriod,
  periodDays,
  quarterOf,
  rankPartners,
  saveKpi,
  type ServiceEventInput,
  trailingQuarters,
  worstKpiStatus,
} from '../src/index.ts';
import { makePartner, makePartnerUser, makeStaff } from '../src/testing/fixtures.ts';

let conn: DatabaseConnection;
let p: { id: string; legalName: string };
let peers: { id: string; legalName: string }[];
let staff: Actor;
const Q1 = { kind: 'quarter', year: 2026, index: 1 } as const;

const key = (partnerId: string): Actor => ({ type: 'api_key', keyId: 'k', partnerId, scopes: ['events'] });
const send = (partnerId: string, events: ServiceEventInput[]) =>
  ingestEvents(conn.db, key(partnerId), { events });
const ratings = (
  prefix: string,
  values: number[],
  occurredAt = '2026-02-10T10:00:00+08:00',
): ServiceEventInput[] =>
  values.map((rating, i) => ({ externalId: `${prefix}-r${i}`, type: 'customer_rating', occurredAt, rating }));
async function refusal(promise: Promise<unknown>) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return (error as AppError).code;
}

beforeAll(async () => {
  conn = await createTestDatabase();
  expect(await ensureDefaultKpis(conn.db)).toBe(6);
  expect(await ensureDefaultKpis(conn.db)).toBe(0);
  staff = (await makeStaff(conn.db, ['auditor'])).actor;
  p = await makePartner(conn.db, { legalName: 'Papa Claims Ltd' });
  const day = '2026-02-10T';
  const events: ServiceEventInput[] = [
    // Customer satisfaction: (4 + 5 + 5 + 4) / 4 = 4.5, on target.
    ...ratings('p', [4, 5, 5, 4]),
    // Timeliness: 9 of 10 closed within SLA = 90 %. Handled 10 × 1,000 yuan.
    ...Array.from(
      { length: 10 },
      (_, i): ServiceEventInput => ({
        externalId: `p-c${i}`,
        type: 'case_closed',
        occurredAt: `${day}12:00:00+08:00`,
        caseId: `c${i}`,
        slaDueAt: i === 0 ? `${day}11:00:00+08:00` : `${day}18:00:00+08:00`,
        amount: 1000,
      }),
    ),
    // Compliance: 18 of 20 checks passed = 90 %.
    ...Array.from(
      { length: 20 },
      (_, i): ServiceEventInput => ({
        externalId: `p-k${i}`,
        type: 'compliance_check',
        occurredAt: `${day}13:00:00+08:00`,
        passed: i >= 2,
      }),
    ),
    // Loss rate: 150 / 10,000 = 1.5 %.
    { externalId: 'p-l1', type: 'loss', occurredAt: `${day}14:00:00+08:00`, amount: 100 },
    { externalId: 'p-l2', type: 'loss', occurredAt: `${day}14:00:00+08:00`, amount: 50 },
    // Complaint rate: 1 per 10 closed cases = 100 per thousand.
    { externalId: 'p-m1', type: 'complaint', occurredAt: `${day}15:00:00+08:00` },
    // A rating that was voided does not count; one just after the quarter (CST) does not either.
    { externalId: 'p-void', type: 'customer_rating', occurredAt: `${day}16:00:00+08:00`, rating: 1 },
    {
      externalId: 'p-fix',
      type: 'correction',
      occurredAt: `${day}17:00:00+08:00`,
      correctsExternalId: 'p-void',
      reason: 'test call',
    },
    { externalId: 'p-april', type: 'customer_rating', occurredAt: '2026-04-01T00:10:00+08:00', rating: 1 },
    { externalId: 'p-march', type: 'customer_rating', occurredAt: '2026-03-31T23:50:00+08:00', rating: 5 },
    { externalId: 'p-march2', type: 'customer_rating', occurredAt: '2026-03-31T23:55:00+08:00', rating: 4 },
    // Older history for the trend.
    ...ratings('p-old', [3, 4], '2025-08-01T10:00:00+08:00'),
  ];
  await send(p.id, events);

  // Peers in the same category score 100, 14.3 and 0; others must not count.
  peers = [];
  for (const [name, values] of [
    ['Quebec Claims', [5, 5]],
    ['Romeo Claims', [3]],
    ['Sierra Claims', [1]],
  ] as const) {
    const peer = await makePartner(conn.db, { legalName: name });
    peers.push(peer);
    await send(peer.id, ratings(peer.id, [...values]));
  }
  const otherCategory = await makePartner(conn.db, { legalName: 'Tango IT Ltd' });
  await conn.db
    .update(partners)
    .set({ serviceCategories: ['it'] })
    .where(eq(partners.id, otherCategory.id));
  await send(otherCategory.id, ratings('t', [5]));
  const notYetAdmitted = await makePartner(conn.db, { legalName: 'Uniform Applicant', status: 'applying' });
  await makePartner(conn.db, { legalName: 'Victor No Data' });
  void notYetAdmitted;
});
afterAll(() => conn.close());

describe('default KPI definitions', () => {
  it('are added once, each recorded in the audit log by the system', async () => {
    const entries = await conn.db.select().from(auditLog).where(eq(auditLog.action, 'kpi.saved'));
    const bySystem = entries.filter((e) => e.actorType === 'system' && e.actorId === 'kpi-defaults');
    expect(bySystem.map((e) => e.entityId).sort()).toEqual(
      [
        'complaint_rate',
        'compliance_rate',
        'customer_satisfaction',
        'loss_rate',
        'processing_timeliness',
        'training_compliance',
      ].sort(),
    );
    // The second call in beforeAll added nothing, so it recorded nothing either.
    expect(bySystem).toHaveLength(6);
  });
});

describe('kpiStatus', () => {
  const satisfaction = {
    direction: 'higher_better',
    target: 4.5,
    warningThreshold: 4.2,
    criticalThreshold: 3.8,
  } as const;
  const compliance = {
    direction: 'higher_better',
    target: 98,
    warningThreshold: 95,
    criticalThreshold: 90,
  } as const;
  const lossRate = {
    direction: 'lower_better',
    target: 0.5,
    warningThreshold: 1,
    criticalThreshold: 2,
  } as const;

  it('is met only at or better than the target: 4.4 of 4.5 and 97.6 % of 98 % are below target', () => {
    expect(kpiStatus(satisfaction, 4.5)).toBe('met');
    expect(kpiStatus(satisfaction, 4.8)).toBe('met');
    expect(kpiStatus(satisfaction, 4.4)).toBe('below_target');
    expect(kpiStatus(satisfaction, 4.4999)).toBe('below_target');
    expect(kpiStatus(compliance, 97.6)).toBe('below_target');
    expect(kpiStatus(compliance, 98)).toBe('met');
  });

  it('is warning once worse than the warning threshold and critical once worse than the critical one', () => {
    expect(kpiStatus(satisfaction, 4.2)).toBe('below_target');
    expect(kpiStatus(satisfaction, 4.19)).toBe('warning');
    expect(kpiStatus(satisfaction, 3.8)).toBe('warning');
    expect(kpiStatus(satisfaction, 3.79)).toBe('critical');
    expect(kpiStatus(compliance, 95)).toBe('below_target');
    expect(kpiStatus(compliance, 94.9)).toBe('warning');
    expect(kpiStatus(compliance, 89.9)).toBe('critical');
    expect(kpiStatus(compliance, null)).toBe('no_data');
  });

  it('reads the thresholds the other way round when lower is better', () => {
    expect(kpiStatus(lossRate, 0)).toBe('met');
    expect(kpiStatus(lossRate, 0.5)).toBe('met');
    expect(kpiStatus(lossRate, 0.6)).toBe('below_target');
    expect(kpiStatus(lossRate, 1)).toBe('below_target');
    expect(kpiStatus(lossRate, 1.01)).toBe('warning');
    expect(kpiStatus(lossRate, 2)).toBe('warning');
    expect(kpiStatus(lossRate, 2.01)).toBe('critical');
  });

  it('the worst of a partner’s statuses; no data only when nothing has data', () => {
    expect(worstKpiStatus(['met', 'no_data', 'below_target'])).toBe('below_target');
    expect(worstKpiStatus(['met', 'critical', 'warning'])).toBe('critical');
    expect(worstKpiStatus(['no_data', 'met'])).toBe('met');
    expect(worstKpiStatus(['no_data'])).toBe('no_data');
  });
});

describe('isProvisional', () => {
  const Q4 = { kind: 'quarter', year: 2026, index: 4 } as const;
  it('a quarter is provisional until midnight at its end in China time, not UTC', () => {
    // 2026-12-31 23:59 in Beijing = 15:59 UTC; the quarter ends at 16:00 UTC.
    expect(isProvisional(Q4, new Date('2026-12-31T15:59:59.999Z'))).toBe(true);
    expect(isProvisional(Q4, new Date('2026-12-31T16:00:00Z'))).toBe(false);
    // Still Dec 31 in UTC, already Jan 1 in China: ended.
    expect(isProvisional(Q4, new Date('2026-12-31T20:00:00Z'))).toBe(false);
    expect(isProvisional(Q4, new Date('2026-10-01T00:00:00+08:00'))).toBe(true);
    // A future quarter has not ended either; an old one has.
    expect(isProvisional({ kind: 'quarter', year: 2027, index: 1 }, new Date('2026-12-01T00:00:00Z'))).toBe(
      true,
    );
    expect(isProvisional({ kind: 'quarter', year: 2026, index: 3 }, new Date('2026-12-01T00:00:00Z'))).toBe(
      false,
    );
    expect(isProvisional({ kind: 'month', year: 2026, index: 12 }, new Date('2026-12-31T15:00:00Z'))).toBe(
      true,
    );
    expect(isProvisional({ kind: 'year', year: 2026, index: 1 }, new Date('2027-01-01T00:00:00+08:00'))).toBe(
      false,
    );
  });
});

describe('getScorecard', () => {
  it('computes each KPI, its status in words, the weighted score and grade from the rollups', async () => {
    const card = await getScorecard(conn.db, staff, { partnerId: p.id, period: Q1 });
    const byKey = Object.fromEntries(card.kpis.map((k) => [k.key, k]));
    expect(Object.keys(byKey)).toEqual([
      'customer_satisfaction',
      'processing_timeliness',
      'compliance_rate',
      'loss_rate',
      'complaint_rate',
    ]);
    // (4+5+5+4+5+4)/6 = 4.5: the voided 1 and the April 1 are out.
    expect(byKey.customer_satisfaction).toMatchObject({
      value: 4.5,
      sampleSize: 6,
      status: 'met',
      statusText: 'Met',
      score: 100,
    });
    expect(byKey.processing_timeliness).toMatchObject({
      value: 90,
      sampleSize: 10,
      // Below the 95 % target but not below the 90 % warning threshold.
      status: 'below_target',
      statusText: 'Below target',
      score: 86.7,
    });
    expect(byKey.compliance_rate).toMatchObject({
      value: 90,
      sampleSize: 20,
      status: 'warning',
      statusText: 'Warning',
      score: 60,
    });
    expect(byKey.loss_rate).toMatchObject({ value: 1.5, status: 'warning', score: 73.3 });
    expect(byKey.complaint_rate).toMatchObject({
      value: 100,
      status: 'critical',
      statusText: 'Critical',
      score: 0,
    });
    // (25·100 + 25·86.7 + 20·60 + 15·73.3 + 15·0) / 100
    expect(card.score).toBe(69.7);
    expect(card.grade).toBe('D');
    expect(card.period).toMatchObject({ label: '2026-Q1', from: '2026-01-01', to: '2026-04-01' });
    expect(card.provisional).toBe(false);
  });

  it('marks a period, and each trend quarter, provisional until it has ended in China time', async () => {
    // 2026-03-31 23:59:59 in Beijing is 15:59:59 UTC: Q1 still runs there.
    const during = await getScorecard(
      conn.db,
      staff,
      { partnerId: p.id, period: Q1 },
      undefined,
      new Date('2026-03-31T15:59:59Z'),
    );
    expect(during.provisional).toBe(true);
    expect(during.score).toBe(69.7);
    expect(during.trend.filter((t) => t.provisional).map((t) => t.period)).toEqual(['2026-Q1']);
    const after = await getScorecard(
      conn.db,
      staff,
      { partnerId: p.id, period: Q1 },
      undefined,
      new Date('2026-03-31T16:00:00Z'),
    );
    expect(after.provisional).toBe(false);
    expect(after.trend.some((t) => t.provisional)).toBe(false);
    const ranking = await rankPartners(conn.db, staff, { period: Q1 }, new Date('2026-03-31T15:59:59Z'));
    expect(ranking.provisional).toBe(true);
    expect(
      (await rankPartners(conn.db, staff, { period: Q1 }, new Date('2026-04-01T00:00:00+08:00'))).provisional,
    ).toBe(false);
  });

  it('shows the last eight quarters as a trend', async () => {
    const card = await getScorecard(conn.db, staff, { partnerId: p.id, period: Q1 });
    expect(card.trend.map((t) => t.period)).toEqual([
      '2024-Q2',
      '2024-Q3',
      '2024-Q4',
      '2025-Q1',
      '2025-Q2',
      '2025-Q3',
      '2025-Q4',
      '2026-Q1',
    ]);
    expect(card.trend.find((t) => t.period === '2025-Q3')).toMatchObject({
      values: { customer_satisfaction: 3.5 },
    });
    expect(card.trend.find((t) => t.period === '2025-Q4')).toMatchObject({ score: null, grade: null });
    expect(card.trend.at(-1)).toMatchObject({ score: 69.7 });
  });

  it('ranks the partner among scored peers of its category as a percentile, without naming them', async () => {
    const card = await getScorecard(conn.db, staff, { partnerId: p.id, period: Q1 });
    // Beats 14.3 and 0, loses to 100: 2 of 3. The IT partner, the applicant and the one without data are not peers.
    expect(card.peers).toEqual([{ category: 'claims', peerCount: 3, percentile: 67 }]);
    const text = JSON.stringify(card);
    for (const peer of peers) {
      expect(text).not.toContain(peer.id);
      expect(text).not.toContain(peer.legalName);
    }
  });

  it('a month and a year read the same rollups', async () => {
    const march = await getScorecard(conn.db, staff, {
      partnerId: p.id,
      period: { kind: 'month', year: 2026, index: 3 },
    });
    expect(march.kpis.find((k) => k.key === 'customer_satisfaction')).toMatchObject({
      value: 4.5,
      sampleSize: 2,
    });
    const year = await getScorecard(conn.db, staff, {
      partnerId: p.id,
      period: { kind: 'year', year: 2026, index: 1 },
    });
    expect(year.kpis.find((k) => k.key === 'customer_satisfaction')).toMatchObject({ sampleSize: 7 });
  });

  it('a partner sees its own scorecard only; another partner’s is "not found"', async () => {
    const own = await makePartnerUser(conn.db, p.id, 'partner_member');
    expect((await getScorecard(conn.db, own.actor, { partnerId: p.id, period: Q1 })).score).toBe(69.7);
    const other = await makePartnerUser(conn.db, peers[0]!.id, 'partner_admin');
    expect(await refusal(getScorecard(conn.db, other.actor, { partnerId: p.id, period: Q1 }))).toBe(
      'not_found',
    );
    expect(await refusal(getScorecard(conn.db, other.actor, { partnerId: 'not-a-uuid', period: Q1 }))).toBe(
      'not_found',
    );
    // An ingestion key reads nothing.
    expect(await refusal(getScorecard(conn.db, key(p.id), { partnerId: p.id, period: Q1 }))).toBe(
      'forbidden',
    );
  });
});

describe('rankPartners', () => {
  it('ranks partners of a category by score for staff, with pagination and sorting', async () => {
    const page = await rankPartners(conn.db, staff, { period: Q1, category: 'claims' });
    expect(page.items.map((r) => [r.legalName, r.rank, r.score])).toEqual([
      ['Quebec Claims', 1, 100],
      ['Papa Claims Ltd', 2, 69.7],
      ['Romeo Claims', 3, 14.3],
      ['Sierra Claims', 4, 0],
      ['Victor No Data', null, null],
    ]);
    const second = await rankPartners(conn.db, staff, {
      period: Q1,
      category: 'claims',
      page: 2,
      pageSize: 2,
    });
    expect(second).toMatchObject({ total: 5, page: 2, pageSize: 2 });
    expect(second.items.map((r) => r.legalName)).toEqual(['Romeo Claims', 'Sierra Claims']);
    const ascending = await rankPartners(conn.db, staff, { period: Q1, category: 'claims', order: 'asc' });
    expect(ascending.items.map((r) => r.score)).toEqual([0, 14.3, 69.7, 100, null]);
    const all = await rankPartners(conn.db, staff, { period: Q1, sort: 'name', pageSize: 100 });
    expect(all.items.map((r) => r.legalName)).toContain('Tango IT Ltd');
  });

  it('is for staff only', async () => {
    const own = await makePartnerUser(conn.db, p.id, 'partner_admin');
    expect(await refusal(rankPartners(conn.db, own.actor, { period: Q1 }))).toBe('forbidden');
  });
});

describe('eventsBehind', () => {
  it('lists the events behind a KPI in the period, voided ones marked, paginated', async () => {
    const all = await eventsBehind(conn.db, staff, {
      partnerId: p.id,
      kpiKey: 'customer_satisfaction',
      period: Q1,
      pageSize: 200,
    });
    expect(all.total).toBe(7);
    expect(all.items.map((e) => e.externalId)).toEqual([
      'p-r0',
      'p-r1',
      'p-r2',
      'p-r3',
      'p-void',
      'p-march',
      'p-march2',
    ]);
    expect(all.items.find((e) => e.externalId === 'p-void')!.voidedBy).toBe('p-fix');
    // Ratings have no SLA.
    expect(all.items.every((e) => e.late === null)).toBe(true);
    const page = await eventsBehind(conn.db, staff, {
      partnerId: p.id,
      kpiKey: 'customer_satisfaction',
      period: Q1,
      page: 2,
      pageSize: 5,
    });
    expect(page.items.map((e) => e.externalId)).toEqual(['p-march', 'p-march2']);
    const loss = await eventsBehind(conn.db, staff, { partnerId: p.id, kpiKey: 'loss_rate', period: Q1 });
    expect(loss.total).toBe(12);
  });

  it('marks closed cases that missed their SLA as late, as the timeliness KPI counts them', async () => {
    const closed = await eventsBehind(conn.db, staff, {
      partnerId: p.id,
      kpiKey: 'processing_timeliness',
      period: Q1,
      pageSize: 200,
    });
    const late = closed.items.filter((e) => e.late);
    // p-c0 closed at 12:00, due 11:00: the one case of ten outside the SLA (timeliness 90 %).
    expect(late.map((e) => [e.externalId, e.minutesLate])).toEqual([['p-c0', 60]]);
    expect(closed.items.filter((e) => e.late === false)).toHaveLength(9);
  });

  it('is scoped like the scorecard', async () => {
    const other = await makePartnerUser(conn.db, peers[0]!.id, 'partner_admin');
    expect(
      await refusal(
        eventsBehind(conn.db, other.actor, { partnerId: p.id, kpiKey: 'customer_satisfaction', period: Q1 }),
      ),
    ).toBe('not_found');
    expect(
      await refusal(eventsBehind(conn.db, staff, { partnerId: p.id, kpiKey: 'no_such_kpi', period: Q1 })),
    ).toBe('not_found');
  });
});

describe('KPI definitions', () => {
  it('are listed for readers and saved by administrators, audited', async () => {
    const member = await makePartnerUser(conn.db, p.id, 'partner_member');
    expect((await listKpis(conn.db, member.actor)).map((k) => k.key)).toContain('training_compliance');
    const admin = await makeStaff(conn.db, ['admin']);
    const saved = await saveKpi(conn.db, admin.actor, {
      key: 'first_contact_resolution',
      nameZh: '首次解决率',
      nameEn: 'First-contact resolution',
      unit: 'percent',
      computation: 'share_passed',
      direction: 'higher_better',
      target: 80,
      warningThreshold: 70,
      criticalThreshold: 60,
      weight: 0,
      serviceCategories: ['customer_service'],
    });
    expect(saved).toMatchObject({ key: 'first_contact_resolution', active: true });
    const [entry] = await conn.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.entityId, 'first_contact_resolution'));
    expect(entry).toMatchObject({ action: 'kpi.saved', entityType: 'kpi_definition' });
    expect(await refusal(saveKpi(conn.db, member.actor, { ...saved, key: 'x_x' }))).toBe('forbidden');
    expect(
      await refusal(saveKpi(conn.db, (await makeStaff(conn.db, ['reviewer'])).actor, { ...saved })),
    ).toBe('forbidden');
  });

  it('refuse thresholds on the wrong side of the target', async () => {
    const admin = await makeStaff(conn.db, ['admin']);
    const base = {
      key: 'odd',
      nameZh: '怪',
      nameEn: 'Odd',
      unit: 'percent',
      computation: 'share_passed',
      weight: 1,
    } as const;
    expect(
      await refusal(
        saveKpi(conn.db, admin.actor, {
          ...base,
          direction: 'higher_better',
          target: 90,
          warningThreshold: 95,
          criticalThreshold: 80,
        }),
      ),
    ).toBe('validation_failed');
    expect(
      await refusal(
        saveKpi(conn.db, admin.actor, {
          ...base,
          direction: 'lower_better',
          target: 1,
          warningThreshold: 2,
          criticalThreshold: 1.5,
        }),
      ),
    ).toBe('validation_failed');
  });
});

describe('periods', () => {
  it('parse, bound and trail across years', () => {
    expect(parsePeriod('2026-Q3')).toEqual({ kind: 'quarter', year: 2026, index: 3 });
    expect(parsePeriod('2026-07')).toEqual({ kind: 'month', year: 2026, index: 7 });
    expect(parsePeriod('2026')).toEqual({ kind: 'year', year: 2026, index: 1 });
    expect(() => parsePeriod('2026-Q5')).toThrow(AppError);
    expect(periodDays({ kind: 'quarter', year: 2026, index: 4 })).toEqual({
      from: '2026-10-01',
      to: '2027-01-01',
    });
    expect(periodDays({ kind: 'month', year: 2026, index: 12 })).toEqual({
      from: '2026-12-01',
      to: '2027-01-01',
    });
    expect(
      trailingQuarters({ kind: 'month', year: 2026, index: 2 }, 3).map((q) => `${q.year}-Q${q.index}`),
    ).toEqual(['2025-Q3', '2025-Q4', '2026-Q1']);
  });

  it('place a moment in the month and quarter of Shanghai, as the time-zone database does', () => {
    const shanghai = new Intl.DateTimeFormat('en-CA', {
      timeZone: 'Asia/Shanghai',
      year: 'numeric',
      month: '2-digit',
    });
    // The turn of each month (midnight in Shanghai is 16:00 UTC the day before), and spread-out instants.
    const instants = [
      new Date('2026-03-31T15:59:59.999Z'),
      new Date('2026-03-31T16:00:00Z'),
      new Date('2025-12-31T16:00:00Z'),
      ...Array.from({ length: 500 }, (_, i) => new Date(Date.UTC(2000, 0, 1) + i * 1_987_654_321)),
    ];
    for (const at of instants) {
      const [year, month] = shanghai.format(at).split('-').map(Number);
      expect(monthOf(at)).toEqual({ kind: 'month', year, index: month });
      expect(quarterOf(at)).toEqual({ kind: 'quarter', year, index: Math.ceil(month! / 3) });
    }
  });
});
