import { type DatabaseConnection, peerDistributions, peerScoreRefreshes, peerScores } from '@outpost/db';
import { createTestDatabase } from '@outpost/db/testing';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  type Actor,
  ensureDefaultKpis,
  getScorecard,
  ingestEvents,
  listKpis,
  PEER_SCORES_MAX_AGE_MS,
  percentileAmong,
  saveKpi,
  type ServiceEventInput,
  standingsIn,
} from '../src/index.ts';
import { makePartner, makeStaff } from '../src/testing/fixtures.ts';

/**
 * The peer distribution a scorecard ranks a partner in is stored per period and rebuilt when
 * it is older than PEER_SCORES_MAX_AGE_MS or the KPI definitions change; the partner's own
 * figures are always live.
 */
let conn: DatabaseConnection;
let staff: Actor;
let admin: Actor;
let me: { id: string };
let rival: { id: string };
const Q1 = { kind: 'quarter', year: 2026, index: 1 } as const;
let sequence = 0;

const rate = (partnerId: string, values: number[]) =>
  ingestEvents(
    conn.db,
    { type: 'api_key', keyId: 'k', partnerId, scopes: ['events'] },
    {
      events: values.map(
        (rating): ServiceEventInput => ({
          externalId: `r${sequence++}`,
          type: 'customer_rating',
          occurredAt: '2026-02-10T10:00:00+08:00',
          rating,
        }),
      ),
    },
  );
const standing = async () => (await getScorecard(conn.db, staff, { partnerId: me.id, period: Q1 })).peers[0];
/** Ages the stored distribution as time would, without waiting a minute. */
const ageDistribution = () =>
  conn.db
    .update(peerScoreRefreshes)
    .set({ refreshedAt: sql`now() - ${`${PEER_SCORES_MAX_AGE_MS + 1000} milliseconds`}::interval` });

beforeAll(async () => {
  conn = await createTestDatabase();
  await ensureDefaultKpis(conn.db);
  staff = (await makeStaff(conn.db, ['auditor'])).actor;
  admin = (await makeStaff(conn.db, ['admin'])).actor;
  me = await makePartner(conn.db, { legalName: 'Me Claims' });
  rival = await makePartner(conn.db, { legalName: 'Rival Claims' });
  const low = await makePartner(conn.db, { legalName: 'Low Claims' });
  await rate(me.id, [4]);
  await rate(rival.id, [3]);
  await rate(low.id, [1]);
});
afterAll(() => conn.close());

it('the first scorecard of a period stores every scored peer once, and later ones read it', async () => {
  expect(await standing()).toEqual({ category: 'claims', peerCount: 2, percentile: 100 });
  const stored = await conn.db.select().from(peerScores).where(eq(peerScores.period, '2026-Q1'));
  expect(new Set(stored.map((s) => s.partnerId)).size).toBe(3);
  const [claims] = await conn.db
    .select()
    .from(peerDistributions)
    .where(eq(peerDistributions.period, '2026-Q1'));
  expect(claims!.category).toBe('claims');
  expect(claims!.scores).toEqual(stored.map((s) => s.score).sort((a, b) => a - b));
  const [first] = await conn.db.select().from(peerScoreRefreshes);
  await standing();
  const [second] = await conn.db.select().from(peerScoreRefreshes);
  expect(second!.refreshedAt).toEqual(first!.refreshedAt);
});

it('own figures are live; a peer’s new events count once the distribution is a minute old', async () => {
  await rate(rival.id, [5, 5, 5, 5, 5]); // the rival's average: (3 + 25) / 6 ≈ 4.67, above mine
  await rate(me.id, [3]); // mine: (4 + 3) / 2 = 3.5
  const card = await getScorecard(conn.db, staff, { partnerId: me.id, period: Q1 });
  expect(card.kpis.find((k) => k.key === 'customer_satisfaction')?.value).toBe(3.5);
  // Against the stored distribution the rival still averages 3, below my 3.5.
  expect(card.peers[0]).toEqual({ category: 'claims', peerCount: 2, percentile: 100 });

  await ageDistribution();
  expect(await standing()).toEqual({ category: 'claims', peerCount: 2, percentile: 50 });
});

it('changing a KPI definition rebuilds the distribution on the next read', async () => {
  await standing();
  const {
    createdAt: _c,
    updatedAt: _u,
    ...satisfaction
  } = (await listKpis(conn.db, staff)).find((k) => k.key === 'customer_satisfaction')!;
  await saveKpi(conn.db, admin, {
    ...satisfaction,
    target: 5,
    warningThreshold: 4.8,
    criticalThreshold: 4.6,
  });
  expect(await conn.db.select().from(peerScoreRefreshes)).toEqual([]);
  const before = (await conn.db.select().from(peerScores).where(eq(peerScores.partnerId, rival.id)))[0]!
    .score;
  await standing();
  const after = (await conn.db.select().from(peerScores).where(eq(peerScores.partnerId, rival.id)))[0]!.score;
  expect(after).not.toBe(before);
});

it('readers arriving together while the distribution is missing all get the same answer', async () => {
  await conn.db.delete(peerScoreRefreshes);
  const results = await Promise.all(Array.from({ length: 6 }, () => standing()));
  for (const r of results) expect(r).toEqual(results[0]);
  expect(await conn.db.select().from(peerScoreRefreshes)).toHaveLength(1);
  expect(await conn.db.select().from(peerScores).where(eq(peerScores.period, '2026-Q1'))).toHaveLength(3);
});

it('a stored distribution gives the same percentile as comparing with the peers directly', () => {
  // The partner scored 70 at the refresh and is in "claims" only; ties count half.
  const peers = [40, 70, 70, 85, 90];
  const distribution = {
    refreshedAt: new Date(),
    storedScore: 70,
    scores: new Map([
      ['claims', { scores: [...peers, 70].sort((a, b) => a - b), includesSelf: true }],
      ['it', { scores: [70, 95], includesSelf: false }],
    ]),
  };
  for (const live of [10, 40, 55, 70, 80, 90, 100]) {
    expect(standingsIn(distribution, ['claims', 'it', 'agency'], live)).toEqual([
      { category: 'claims', peerCount: 5, percentile: percentileAmong(live, peers) },
      { category: 'it', peerCount: 2, percentile: percentileAmong(live, [70, 95]) },
      { category: 'agency', peerCount: 0, percentile: null },
    ]);
  }
});
