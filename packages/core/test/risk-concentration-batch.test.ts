import { type DatabaseConnection, kpiDailyRollups, partners, riskAlerts } from '@outpost/db';
import { createTestDatabase } from '@outpost/db/testing';
import { todayInChina } from '@outpost/i18n';
import { asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Actor,
  ensureDefaultKpis,
  evaluateRiskRules,
  ingestEvents,
  saveRiskRule,
} from '../src/index.ts';
import { makePartner, makeStaff } from '../src/testing/fixtures.ts';

/**
 * Decision record 061: after a batch, the concentration rule evaluates only the batch partner's
 * categories — with the same alerts opened and closed as a full evaluation gives — and never a
 * category the batch did not touch, even when a peer also serves it.
 */
let conn: DatabaseConnection;
let staff: Actor;
let ruleId: string;
const HOUR = 3_600_000;
const t0 = Date.now();
type Category = 'it' | 'claims' | 'agency';

beforeAll(async () => {
  conn = await createTestDatabase();
  await ensureDefaultKpis(conn.db);
  staff = (await makeStaff(conn.db, ['risk_officer'])).actor;
  // Every category, closing as soon as the condition clears: each step opens or closes at once.
  const rule = await saveRiskRule(conn.db, staff, {
    nameZh: '集中度',
    nameEn: 'Concentration',
    level: 'warning',
    kind: 'concentration',
    serviceCategories: [],
    params: { windowDays: 30, abovePercent: 50, minCategoryVolume: 10, clearAfterHours: 0 },
  });
  ruleId = rule.id;
});
afterAll(() => conn.close());

async function partnerIn(legalName: string, categories: Category[]) {
  const partner = await makePartner(conn.db, { legalName });
  await conn.db.update(partners).set({ serviceCategories: categories }).where(eq(partners.id, partner.id));
  return partner;
}

let batch = 0;
async function send(partnerId: string, n: number) {
  batch += 1;
  const events = Array.from({ length: n }, (_, i) => ({
    externalId: `b${batch}-${i}`,
    type: 'case_opened' as const,
    occurredAt: new Date(t0 - 2 * HOUR).toISOString(),
    caseId: `b${batch}-${i}`,
    slaDueAt: new Date(t0 + 70 * HOUR).toISOString(),
  }));
  const result = await ingestEvents(conn.db, staff, { partnerId, events }, t0);
  expect(result.accepted).toBe(n);
}

const names = new Map<string, string>();
/** The rule's alerts as "name/category status", in the order raised. */
async function alerts() {
  const rows = await conn.db
    .select()
    .from(riskAlerts)
    .where(eq(riskAlerts.ruleId, ruleId))
    .orderBy(asc(riskAlerts.createdAt), asc(riskAlerts.id));
  return rows.map(
    (a) =>
      `${names.get(a.partnerId)}/${a.conditionKey.replace('category:', '')} ${a.status}${a.clearedSince && a.status !== 'resolved' ? ' cleared' : ''}`,
  );
}
const full = () => evaluateRiskRules(conn.db, { now: new Date(t0), kinds: ['concentration'] });
const nothing = { raised: 0, cleared: 0, returned: 0, autoResolved: 0 };

/** Every statement the database runs while `work` runs (drizzle's query logger on the session). */
async function queriesDuring(work: () => Promise<void>) {
  const session = (conn.db as unknown as { session: { logger: unknown } }).session;
  const before = session.logger;
  const log: { sql: string; params: unknown[] }[] = [];
  session.logger = { logQuery: (sql: string, params: unknown[]) => log.push({ sql, params }) };
  try {
    await work();
  } finally {
    session.logger = before;
  }
  return log;
}

describe('concentration after a batch (decision 061)', () => {
  let a: { id: string };
  let b: { id: string };
  let c: { id: string };
  let d: { id: string };

  it('opens and closes the same alerts as a full evaluation, batch by batch, on a multi-category fixture', async () => {
    a = await partnerIn('A', ['it']);
    b = await partnerIn('B', ['it', 'claims']); // in two categories: its volume counts in both
    c = await partnerIn('C', ['claims']);
    d = await partnerIn('D', ['agency']);
    for (const [p, n] of [
      [a, 'A'],
      [b, 'B'],
      [c, 'C'],
      [d, 'D'],
    ] as const)
      names.set(p.id, n);

    // After every batch a full evaluation (every rule category, every partner) finds nothing to
    // change: the batch's evaluation left exactly the alerts a full one would.
    await send(a.id, 20); // it: A 20 → 100 %
    expect(await alerts()).toEqual(['A/it open']);
    expect(await full()).toEqual(nothing);

    await send(b.id, 30); // it: A 20, B 30 → B 60 %; claims: B 30 → 100 %
    expect(await alerts()).toEqual(['A/it resolved', 'B/claims open', 'B/it open']);
    expect(await full()).toEqual(nothing);

    await send(c.id, 40); // claims: B 30, C 40 → C 57 %, B 43 %
    expect(await alerts()).toEqual(['A/it resolved', 'B/claims resolved', 'B/it open', 'C/claims open']);
    expect(await full()).toEqual(nothing);

    await send(d.id, 15); // agency: D alone
    expect(await alerts()).toEqual([
      'A/it resolved',
      'B/claims resolved',
      'B/it open',
      'C/claims open',
      'D/agency open',
    ]);
    expect(await full()).toEqual(nothing);

    await send(a.id, 50); // it: A 70, B 30 → A 70 %, B 30 %
    expect(await alerts()).toEqual([
      'A/it resolved',
      'B/claims resolved',
      'B/it resolved',
      'C/claims open',
      'D/agency open',
      'A/it open',
    ]);
    expect(await full()).toEqual(nothing);

    await send(b.id, 80); // it: A 70, B 110 → B 61 %; claims: B 110, C 40 → B 73 %
    expect(await alerts()).toEqual([
      'A/it resolved',
      'B/claims resolved',
      'B/it resolved',
      'C/claims resolved',
      'D/agency open',
      'A/it resolved',
      'B/claims open',
      'B/it open',
    ]);
    expect(await full()).toEqual(nothing);
  });

  it('a batch for an IT-only partner neither reads nor reconciles claims, though its peer B serves claims too', async () => {
    // Claims moves without a batch evaluation (as when the evaluation after a batch failed and
    // waits for the schedule): E's rollups arrive directly, diluting B's claims share to 110 of 510.
    const e = await partnerIn('E', ['claims']);
    names.set(e.id, 'E');
    await conn.db
      .insert(kpiDailyRollups)
      .values({ partnerId: e.id, day: todayInChina(new Date(t0)), casesOpened: 400 });

    const log = await queriesDuring(() => send(a.id, 5)); // it: A 75, B 110 → B 59 %: stays
    // Nothing about claims was read: the rollup read asked for IT alone…
    const volumeReads = log.filter((q) => q.sql.includes('kpi_daily_rollups') && q.sql.includes('&&'));
    expect(volumeReads).toHaveLength(1);
    expect(JSON.stringify(volumeReads[0]!.params)).toContain('it');
    expect(JSON.stringify(log.map((q) => q.params))).not.toContain('claims');
    // …and B's claims alert was left as it was, not cleared (the full evaluation before 061 did).
    expect((await alerts()).slice(-2)).toEqual(['B/claims open', 'B/it open']);

    // The scheduled run catches claims up: B's claims alert closes, E's opens.
    expect(await full()).toMatchObject({ raised: 1, cleared: 1, autoResolved: 1 });
    expect((await alerts()).slice(-3)).toEqual(['B/claims resolved', 'B/it open', 'E/claims open']);
  });
});
