import { auditLog, type DatabaseConnection, kpiDailyRollups, serviceEvents } from '@outpost/db';
import { createTestDatabase } from '@outpost/db/testing';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Actor,
  AppError,
  ingestEvents,
  MAX_EVENTS_PER_BATCH,
  type ServiceEventInput,
} from '../src/index.ts';
import { sampleEvents } from '../src/performance/sample-events.ts';
import { makePartner, makePartnerUser, makeStaff } from '../src/testing/fixtures.ts';

let conn: DatabaseConnection;
beforeAll(async () => {
  conn = await createTestDatabase();
});
afterAll(() => conn.close());

const keyFor = (partnerId: string, scopes = ['events']): Actor => ({
  type: 'api_key',
  keyId: `k-${partnerId.slice(0, 8)}`,
  partnerId,
  scopes,
});

async function rollupsOf(partnerId: string) {
  return conn.db
    .select()
    .from(kpiDailyRollups)
    .where(eq(kpiDailyRollups.partnerId, partnerId))
    .orderBy(kpiDailyRollups.day);
}
async function storedCount(partnerId: string) {
  const [row] = await conn.db
    .select({ n: sql<number>`count(*)::int` })
    .from(serviceEvents)
    .where(eq(serviceEvents.partnerId, partnerId));
  return row!.n;
}
async function batchAudits(partnerId: string) {
  return conn.db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.partnerId, partnerId), eq(auditLog.action, 'events.ingested')));
}
async function rejection(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error, 'expected the call to be refused').toBeInstanceOf(AppError);
  return error as AppError;
}

const at = (iso: string) => new Date(iso).toISOString();
const closed = (
  externalId: string,
  occurredAt: string,
  slaDueAt: string,
  amount?: number,
): ServiceEventInput => ({
  externalId,
  type: 'case_closed',
  occurredAt,
  caseId: `case-${externalId}`,
  slaDueAt,
  ...(amount === undefined ? {} : { amount }),
});

describe('ingestEvents', () => {
  it('stores a batch, updates the day rollups and writes one audit entry', async () => {
    const p = await makePartner(conn.db);
    const result = await ingestEvents(conn.db, keyFor(p.id), {
      events: [
        closed('c1', '2026-03-02T10:00:00+08:00', '2026-03-03T00:00:00+08:00', 1000),
        closed('c2', '2026-03-02T11:00:00+08:00', '2026-03-02T09:00:00+08:00', 500.5),
        { externalId: 'r1', type: 'customer_rating', occurredAt: '2026-03-02T12:00:00+08:00', rating: 4 },
        {
          externalId: 'r2',
          type: 'customer_rating',
          occurredAt: '2026-03-02T12:30:00+08:00',
          rating: 5,
          caseId: 'x',
        },
        {
          externalId: 'k1',
          type: 'compliance_check',
          occurredAt: '2026-03-02T13:00:00+08:00',
          passed: false,
        },
        { externalId: 'l1', type: 'loss', occurredAt: '2026-03-02T14:00:00+08:00', amount: 12.34 },
        { externalId: 'm1', type: 'complaint', occurredAt: '2026-03-02T15:00:00+08:00' },
        // 23:30 UTC on the 2nd is the 3rd in China Standard Time.
        {
          externalId: 'o1',
          type: 'case_opened',
          occurredAt: '2026-03-02T23:30:00Z',
          caseId: 'n',
          slaDueAt: '2026-03-06T00:00:00Z',
        },
      ],
    });
    expect(result).toMatchObject({ accepted: 8, duplicates: 0 });
    const rollups = await rollupsOf(p.id);
    expect(rollups.map((r) => r.day)).toEqual(['2026-03-02', '2026-03-03']);
    expect(rollups[0]).toMatchObject({
      casesClosed: 2,
      closedWithinSla: 1,
      ratingsCount: 2,
      ratingsSum: 9,
      checksTotal: 1,
      checksPassed: 0,
      complaints: 1,
      handledAmount: '1500.50',
      lossAmount: '12.34',
      casesOpened: 0,
    });
    expect(rollups[1]).toMatchObject({ casesOpened: 1, casesClosed: 0 });
    const audits = await batchAudits(p.id);
    expect(audits).toHaveLength(1);
    expect(audits[0]!.data).toMatchObject({ received: 8, accepted: 8, duplicates: 0 });
    const [stored] = await conn.db
      .select()
      .from(serviceEvents)
      .where(and(eq(serviceEvents.partnerId, p.id), eq(serviceEvents.externalId, 'c2')));
    expect(stored!.payload).toEqual({
      caseId: 'case-c2',
      slaDueAt: at('2026-03-02T09:00:00+08:00'),
      amount: 500.5,
    });
  });

  it('is idempotent on retry: nothing is stored or counted twice', async () => {
    const p = await makePartner(conn.db);
    const events = sampleEvents({
      seed: 1,
      count: 300,
      prefix: 'retry',
      start: new Date('2026-01-01T00:00:00Z'),
      days: 20,
    });
    const first = await ingestEvents(conn.db, keyFor(p.id), { events });
    const before = await rollupsOf(p.id);
    const again = await ingestEvents(conn.db, keyFor(p.id), { events });
    expect(first).toMatchObject({ accepted: 300, duplicates: 0 });
    expect(again).toMatchObject({ accepted: 0, duplicates: 300 });
    expect(await rollupsOf(p.id)).toEqual(before);
    expect(await storedCount(p.id)).toBe(300);
    // Nothing changed on the retry, so nothing new to audit.
    expect(await batchAudits(p.id)).toHaveLength(1);
  });

  it('stores each event once when the same batch is sent twice at the same time', async () => {
    const p = await makePartner(conn.db);
    const events = sampleEvents({
      seed: 2,
      count: 1000,
      prefix: 'race',
      start: new Date('2026-02-01T00:00:00Z'),
      days: 10,
    });
    const results = await Promise.all([
      ingestEvents(conn.db, keyFor(p.id), { events }),
      ingestEvents(conn.db, keyFor(p.id), { events }),
    ]);
    expect(results.reduce((n, r) => n + r.accepted, 0)).toBe(1000);
    expect(results.reduce((n, r) => n + r.duplicates, 0)).toBe(1000);
    expect(await storedCount(p.id)).toBe(1000);
    const sums = (await rollupsOf(p.id)).reduce(
      (s, r) => s + r.casesOpened + r.casesClosed + r.ratingsCount + r.checksTotal + r.complaints,
      0,
    );
    const losses = events.filter((e) => e.type === 'loss').length;
    expect(sums + losses).toBe(1000);
  });

  it('does not deadlock or double count when overlapping batches race', async () => {
    const p = await makePartner(conn.db);
    const events = sampleEvents({
      seed: 3,
      count: 900,
      prefix: 'overlap',
      start: new Date('2026-02-01T00:00:00Z'),
      days: 5,
    });
    // Three batches that share two thirds of their events, in different orders.
    const batches = [
      events.slice(0, 600),
      events.slice(300, 900).reverse(),
      [...events.slice(600), ...events.slice(0, 300)],
    ];
    const results = await Promise.all(batches.map((b) => ingestEvents(conn.db, keyFor(p.id), { events: b })));
    expect(results.reduce((n, r) => n + r.accepted, 0)).toBe(900);
    expect(await storedCount(p.id)).toBe(900);
  });

  it('stores nothing when one event is bad, and names it by index', async () => {
    const p = await makePartner(conn.db);
    const events: unknown[] = sampleEvents({
      seed: 4,
      count: 50,
      prefix: 'bad',
      start: new Date('2026-01-01T00:00:00Z'),
      days: 3,
    });
    events[37] = {
      externalId: 'bad-37',
      type: 'customer_rating',
      occurredAt: '2026-01-01T10:00:00Z',
      rating: 6,
    };
    const error = await rejection(ingestEvents(conn.db, keyFor(p.id), { events }));
    expect(error.code).toBe('validation_failed');
    expect(error.details).toMatchObject({ invalidCount: 1, events: [{ index: 37, externalId: 'bad-37' }] });
    expect((error.details!.events as { reason: string }[])[0]!.reason).toMatch(/rating/);
    expect(await storedCount(p.id)).toBe(0);
    expect(await rollupsOf(p.id)).toEqual([]);
  });

  it('refuses timestamps beyond the future tolerance, but accepts a slightly fast clock', async () => {
    const p = await makePartner(conn.db);
    const now = Date.now();
    const soon = new Date(now + 4 * 60_000).toISOString();
    const tooLate = new Date(now + 6 * 60_000).toISOString();
    const error = await rejection(
      ingestEvents(conn.db, keyFor(p.id), {
        events: [
          { externalId: 'f1', type: 'complaint', occurredAt: soon },
          { externalId: 'f2', type: 'complaint', occurredAt: tooLate },
        ],
      }),
    );
    expect(error.details!.events).toEqual([
      {
        index: 1,
        externalId: 'f2',
        reason: expect.stringMatching(/more than 5 minutes in the future/),
        issues: [
          expect.objectContaining({ path: 'occurredAt', code: 'in_future', params: { toleranceMinutes: 5 } }),
        ],
      },
    ]);
    expect(
      await ingestEvents(conn.db, keyFor(p.id), {
        events: [{ externalId: 'f1', type: 'complaint', occurredAt: soon }],
      }),
    ).toMatchObject({ accepted: 1 });
  });

  it('reports unknown fields, wrong types, unknown event types, missing fields and repeated ids', async () => {
    const p = await makePartner(conn.db);
    const occurredAt = '2026-01-05T10:00:00+08:00';
    const error = await rejection(
      ingestEvents(conn.db, keyFor(p.id), {
        events: [
          { externalId: 'u1', type: 'complaint', occurredAt, severity: 'high' },
          { externalId: 'u2', type: 'compliance_check', occurredAt, passed: 'yes' },
          { externalId: 'u3', type: 'teleport', occurredAt },
          { externalId: 'u4', type: 'case_closed', occurredAt, caseId: 'c' },
          { externalId: 'u5', type: 'loss', occurredAt: '2026-01-05 10:00', amount: 1 },
          { externalId: 'u6', type: 'loss', occurredAt, amount: 1.234 },
          { externalId: 'u1', type: 'complaint', occurredAt },
          'not an event',
          { externalId: 'ok', type: 'complaint', occurredAt },
        ],
      }),
    );
    const reasons = Object.fromEntries(
      (error.details!.events as { index: number; reason: string }[]).map((e) => [e.index, e.reason]),
    );
    expect(Object.keys(reasons).map(Number)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(reasons[0]).toMatch(/unknown field\(s\): severity/);
    expect(reasons[1]).toMatch(/passed/);
    expect(reasons[2]).toMatch(/type: must be one of/);
    expect(reasons[3]).toMatch(/slaDueAt/);
    expect(reasons[4]).toMatch(/occurredAt: Use an ISO 8601 timestamp/);
    expect(reasons[5]).toMatch(/two decimals/);
    expect(reasons[6]).toMatch(/also used by the event at index 0/);
    expect(await storedCount(p.id)).toBe(0);
  });

  it(`refuses an empty batch and one over ${MAX_EVENTS_PER_BATCH} events`, async () => {
    const p = await makePartner(conn.db);
    const events = sampleEvents({
      seed: 5,
      count: MAX_EVENTS_PER_BATCH + 1,
      prefix: 'big',
      start: new Date('2026-01-01T00:00:00Z'),
      days: 3,
    });
    const tooMany = await rejection(ingestEvents(conn.db, keyFor(p.id), { events }));
    expect(tooMany.code).toBe('validation_failed');
    expect(tooMany.details).toMatchObject({
      maxEvents: MAX_EVENTS_PER_BATCH,
      received: MAX_EVENTS_PER_BATCH + 1,
    });
    expect((await rejection(ingestEvents(conn.db, keyFor(p.id), { events: [] }))).code).toBe(
      'validation_failed',
    );
    expect((await rejection(ingestEvents(conn.db, keyFor(p.id), { events: 'nope' }))).code).toBe(
      'validation_failed',
    );
    expect(
      await ingestEvents(conn.db, keyFor(p.id), { events: events.slice(0, MAX_EVENTS_PER_BATCH) }),
    ).toMatchObject({ accepted: MAX_EVENTS_PER_BATCH });
  });

  it('lets a key write only for its own partner, and staff only with the permission and a named partner', async () => {
    const a = await makePartner(conn.db);
    const b = await makePartner(conn.db);
    const events = [{ externalId: 'x1', type: 'complaint', occurredAt: '2026-01-05T10:00:00Z' }];
    expect((await rejection(ingestEvents(conn.db, keyFor(a.id), { partnerId: b.id, events }))).code).toBe(
      'forbidden',
    );
    expect((await rejection(ingestEvents(conn.db, keyFor(a.id, ['documents']), { events }))).code).toBe(
      'forbidden',
    );
    const member = await makePartnerUser(conn.db, a.id, 'partner_admin');
    expect((await rejection(ingestEvents(conn.db, member.actor, { partnerId: a.id, events }))).code).toBe(
      'forbidden',
    );
    const reviewer = await makeStaff(conn.db, ['reviewer']);
    expect((await rejection(ingestEvents(conn.db, reviewer.actor, { partnerId: a.id, events }))).code).toBe(
      'forbidden',
    );
    const admin = await makeStaff(conn.db, ['admin']);
    expect((await rejection(ingestEvents(conn.db, admin.actor, { events }))).code).toBe('validation_failed');
    expect(
      (
        await rejection(
          ingestEvents(conn.db, admin.actor, { partnerId: '00000000-0000-4000-8000-000000000000', events }),
        )
      ).code,
    ).toBe('not_found');
    expect(await storedCount(b.id)).toBe(0);
    // Its own id is fine; staff may load a named partner's events (the CSV import).
    expect(await ingestEvents(conn.db, keyFor(a.id), { partnerId: a.id, events })).toMatchObject({
      accepted: 1,
    });
    expect(await ingestEvents(conn.db, admin.actor, { partnerId: b.id, events })).toMatchObject({
      accepted: 1,
    });
  });
});

describe('corrections', () => {
  it('void the corrected event in the rollup of its own day, once', async () => {
    const p = await makePartner(conn.db);
    await ingestEvents(conn.db, keyFor(p.id), {
      events: [
        { externalId: 'r1', type: 'customer_rating', occurredAt: '2026-04-01T10:00:00+08:00', rating: 1 },
        { externalId: 'r2', type: 'customer_rating', occurredAt: '2026-04-01T11:00:00+08:00', rating: 5 },
      ],
    });
    const fix = {
      events: [
        {
          externalId: 'fix-r1',
          type: 'correction',
          occurredAt: '2026-04-09T10:00:00+08:00',
          correctsExternalId: 'r1',
          reason: 'Rating recorded for the wrong case.',
        },
        { externalId: 'r1b', type: 'customer_rating', occurredAt: '2026-04-01T10:00:00+08:00', rating: 4 },
      ],
    };
    expect(await ingestEvents(conn.db, keyFor(p.id), fix)).toMatchObject({ accepted: 2 });
    expect(await ingestEvents(conn.db, keyFor(p.id), fix)).toMatchObject({ accepted: 0, duplicates: 2 });
    const rollups = await rollupsOf(p.id);
    expect(rollups).toHaveLength(1);
    expect(rollups[0]).toMatchObject({ day: '2026-04-01', ratingsCount: 2, ratingsSum: 9 });
  });

  it('refuse an unknown target, a second correction of the same event and a correction of a correction', async () => {
    const p = await makePartner(conn.db);
    const occurredAt = '2026-04-02T10:00:00+08:00';
    await ingestEvents(conn.db, keyFor(p.id), {
      events: [
        { externalId: 'm1', type: 'complaint', occurredAt },
        {
          externalId: 'fix-m1',
          type: 'correction',
          occurredAt,
          correctsExternalId: 'm1',
          reason: 'duplicate complaint',
        },
      ],
    });
    expect((await rollupsOf(p.id))[0]).toMatchObject({ complaints: 0 });
    const error = await rejection(
      ingestEvents(conn.db, keyFor(p.id), {
        events: [
          { externalId: 'm2', type: 'complaint', occurredAt },
          {
            externalId: 'fix-x',
            type: 'correction',
            occurredAt,
            correctsExternalId: 'never-sent',
            reason: 'r',
          },
          {
            externalId: 'fix-m1-again',
            type: 'correction',
            occurredAt,
            correctsExternalId: 'm1',
            reason: 'r',
          },
          {
            externalId: 'fix-fix',
            type: 'correction',
            occurredAt,
            correctsExternalId: 'fix-m1',
            reason: 'r',
          },
        ],
      }),
    );
    const reasons = error.details!.events as { index: number; reason: string }[];
    expect(reasons.map((r) => r.index)).toEqual([1, 2, 3]);
    expect(reasons.find((r) => r.index === 1)!.reason).toMatch(/names no event of yours/);
    expect(reasons.find((r) => r.index === 2)!.reason).toMatch(/already corrected by fix-m1/);
    expect(reasons.find((r) => r.index === 3)!.reason).toMatch(/cannot be corrected/);
    expect(await storedCount(p.id)).toBe(2);
    const self = await rejection(
      ingestEvents(conn.db, keyFor(p.id), {
        events: [
          { externalId: 'self', type: 'correction', occurredAt, correctsExternalId: 'self', reason: 'r' },
        ],
      }),
    );
    expect(self.details!.events).toEqual([
      expect.objectContaining({ index: 0, reason: 'A correction cannot correct itself.' }),
    ]);
  });

  it('void once when the same correcting batch is sent twice at once, and refuse a rival correction in a race', async () => {
    const p = await makePartner(conn.db);
    const occurredAt = '2026-04-03T10:00:00+08:00';
    await ingestEvents(conn.db, keyFor(p.id), {
      events: [
        { externalId: 'm1', type: 'complaint', occurredAt },
        { externalId: 'm2', type: 'complaint', occurredAt },
      ],
    });
    const fix = {
      events: [
        {
          externalId: 'fix-m1',
          type: 'correction',
          occurredAt,
          correctsExternalId: 'm1',
          reason: 'duplicate',
        },
      ],
    };
    const twice = await Promise.all([
      ingestEvents(conn.db, keyFor(p.id), fix),
      ingestEvents(conn.db, keyFor(p.id), fix),
    ]);
    expect(twice.map((r) => r.accepted).sort()).toEqual([0, 1]);
    const rivals = await Promise.allSettled(
      ['a', 'b'].map((x) =>
        ingestEvents(conn.db, keyFor(p.id), {
          events: [
            {
              externalId: `fix-m2-${x}`,
              type: 'correction',
              occurredAt,
              correctsExternalId: 'm2',
              reason: x,
            },
          ],
        }),
      ),
    );
    expect(rivals.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    const refused = rivals.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(refused.reason).toMatchObject({ code: 'validation_failed' });
    expect((await rollupsOf(p.id))[0]).toMatchObject({ complaints: 0 });
  });

  it('cannot reach another partner’s events', async () => {
    const a = await makePartner(conn.db);
    const b = await makePartner(conn.db);
    await ingestEvents(conn.db, keyFor(b.id), {
      events: [{ externalId: 'b-1', type: 'complaint', occurredAt: '2026-04-02T10:00:00Z' }],
    });
    const error = await rejection(
      ingestEvents(conn.db, keyFor(a.id), {
        events: [
          {
            externalId: 'a-fix',
            type: 'correction',
            occurredAt: '2026-04-02T10:00:00Z',
            correctsExternalId: 'b-1',
            reason: 'r',
          },
        ],
      }),
    );
    expect(error.details!.events).toEqual([
      expect.objectContaining({ index: 0, reason: expect.stringMatching(/names no event of yours/) }),
    ]);
    expect((await rollupsOf(b.id))[0]).toMatchObject({ complaints: 1 });
  });

  it('stored events cannot be changed, not even by a bug in our code', async () => {
    const p = await makePartner(conn.db);
    await ingestEvents(conn.db, keyFor(p.id), {
      events: [{ externalId: 'i1', type: 'complaint', occurredAt: '2026-04-02T10:00:00Z' }],
    });
    await expect(
      conn.db.update(serviceEvents).set({ type: 'loss' }).where(eq(serviceEvents.partnerId, p.id)),
    ).rejects.toThrow();
  });
});
