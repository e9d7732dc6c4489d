import {
  createApiKey,
  ensureDefaultKpis,
  MAX_EVENTS_PER_BATCH,
  revokeApiKey,
  sampleEvents,
} from '@outpost/core';
import { makePartner, makePartnerUser, makeStaff } from '@outpost/core/testing';
import type { DatabaseConnection, Partner } from '@outpost/db';
import { createTestDatabase } from '@outpost/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cookieFor, json, makeApi } from './helpers.ts';

let conn: DatabaseConnection;
let api: ReturnType<typeof makeApi>;
let a: Partner;
let b: Partner;
let keyA: string;
let adminA: Awaited<ReturnType<typeof makePartnerUser>>;

const bearer = (key: string) => ({ authorization: `Bearer ${key}` });
const events = (prefix: string, count: number) =>
  sampleEvents({ seed: 7, count, prefix, start: new Date('2026-01-05T00:00:00Z'), days: 30 });
type ErrorBody = {
  error: { code: string; message: string; requestId: string; details: Record<string, unknown> | null };
};

beforeAll(async () => {
  conn = await createTestDatabase();
  // A general body limit (64 KiB) far below a full batch.
  api = makeApi(conn.db, 64 * 1024);
  await ensureDefaultKpis(conn.db);
  a = await makePartner(conn.db, { legalName: 'Alpha Claims Ltd' });
  b = await makePartner(conn.db, { legalName: 'Bravo Claims Ltd' });
  adminA = await makePartnerUser(conn.db, a.id, 'partner_admin');
  keyA = (await createApiKey(conn.db, adminA.actor, { name: 'Claims system', scopes: ['events'] })).key;
});
afterAll(() => conn.close());

describe('POST /v1/events', () => {
  it(`takes a full batch of ${MAX_EVENTS_PER_BATCH} events (larger than the general body limit) and is idempotent`, async () => {
    const batch = { events: events('full', MAX_EVENTS_PER_BATCH) };
    expect(JSON.stringify(batch).length).toBeGreaterThan(64 * 1024);
    const first = await api.request('/v1/events', json(batch, bearer(keyA)));
    expect(first.status).toBe(200);
    expect(await first.json()).toMatchObject({ accepted: MAX_EVENTS_PER_BATCH, duplicates: 0 });
    const retry = await api.request('/v1/events', json(batch, bearer(keyA)));
    expect(await retry.json()).toMatchObject({ accepted: 0, duplicates: MAX_EVENTS_PER_BATCH });
  });

  it('stores each event once when the same batch is posted twice at once', async () => {
    const batch = { events: events('twice', 2000) };
    const responses = await Promise.all([
      api.request('/v1/events', json(batch, bearer(keyA))),
      api.request('/v1/events', json(batch, bearer(keyA))),
    ]);
    const bodies = (await Promise.all(responses.map((r) => r.json()))) as {
      accepted: number;
      duplicates: number;
    }[];
    expect(responses.map((r) => r.status)).toEqual([200, 200]);
    expect(bodies[0]!.accepted + bodies[1]!.accepted).toBe(2000);
    const drill = await api.request(
      `/v1/partners/${a.id}/scorecard/events?kpi=complaint_rate&period=2026-01&pageSize=1`,
      {
        headers: { cookie: await cookieFor(conn.db, adminA.user.id) },
      },
    );
    expect(drill.status).toBe(200);
  });

  it('answers a bad batch with 422, the index and reason of each bad event, and stores nothing', async () => {
    const batch = events('bad', 10) as unknown[];
    batch[3] = { ...(batch[3] as object), colour: 'red' };
    const response = await api.request('/v1/events', json({ events: batch }, bearer(keyA)));
    expect(response.status).toBe(422);
    const body = (await response.json()) as ErrorBody;
    expect(body.error.code).toBe('validation_failed');
    expect(body.error.requestId).toBeTruthy();
    expect(body.error.details!.events).toEqual([
      {
        index: 3,
        externalId: 'bad-3',
        reason: 'unknown field(s): colour',
        // Each bad field with its code, for clients that translate (decision record 023).
        issues: [
          {
            path: 'colour',
            code: 'not_for_type',
            params: { type: 'case_opened' },
            message: 'colour: not a field of a case_opened event; leave it out.',
          },
        ],
      },
    ]);
    const again = await api.request('/v1/events', json({ events: batch.slice(0, 3) }, bearer(keyA)));
    expect(await again.json()).toMatchObject({ accepted: 3, duplicates: 0 });
  });

  it('refuses too many events, too many bytes, and a body that is not JSON', async () => {
    const tooMany = await api.request(
      '/v1/events',
      json({ events: events('many', MAX_EVENTS_PER_BATCH + 1) }, bearer(keyA)),
    );
    expect(tooMany.status).toBe(422);
    expect(((await tooMany.json()) as ErrorBody).error.details).toMatchObject({
      maxEvents: MAX_EVENTS_PER_BATCH,
    });
    const huge = await api.request(
      '/v1/events',
      json({ events: [{ externalId: 'x'.repeat(7 * 1024 * 1024) }] }, bearer(keyA)),
    );
    expect(huge.status).toBe(413);
    expect(((await huge.json()) as ErrorBody).error.code).toBe('payload_too_large');
    const broken = await api.request('/v1/events', json('{"events": [', bearer(keyA)));
    expect(broken.status).toBe(400);
    // Other routes keep the general limit.
    const big = await api.request(
      '/v1/api-keys',
      json(
        { name: 'x'.repeat(128 * 1024), scopes: ['events'] },
        { cookie: await cookieFor(conn.db, adminA.user.id) },
      ),
    );
    expect(big.status).toBe(413);
  });

  it('refuses a revoked key and a key used for another partner', async () => {
    const batch = { events: events('scoped', 2) };
    const foreign = await api.request('/v1/events', json({ ...batch, partnerId: b.id }, bearer(keyA)));
    expect(foreign.status).toBe(403);
    const { key, apiKey } = await createApiKey(conn.db, adminA.actor, {
      name: 'Old system',
      scopes: ['events'],
    });
    await revokeApiKey(conn.db, adminA.actor, apiKey.id);
    const revoked = await api.request('/v1/events', json(batch, bearer(key)));
    expect(revoked.status).toBe(401);
    expect(((await revoked.json()) as ErrorBody).error.code).toBe('unauthenticated');
    const documentsOnly = (await createApiKey(conn.db, adminA.actor, { name: 'DMS', scopes: ['documents'] }))
      .key;
    expect((await api.request('/v1/events', json(batch, bearer(documentsOnly)))).status).toBe(403);
    // A partner's person signs in to the portal; sending events is for its systems.
    expect(
      (await api.request('/v1/events', json(batch, { cookie: await cookieFor(conn.db, adminA.user.id) })))
        .status,
    ).toBe(403);
  });

  it('lets an administrator load events for a named partner', async () => {
    const admin = await makeStaff(conn.db, ['admin']);
    const response = await api.request(
      '/v1/events',
      json(
        { partnerId: b.id, events: events('import', 5) },
        { cookie: await cookieFor(conn.db, admin.user.id) },
      ),
    );
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ accepted: 5 });
  });
});

describe('KPIs and scorecards', () => {
  it('lists KPIs to readers and lets administrators change them', async () => {
    const cookieA = await cookieFor(conn.db, adminA.user.id);
    const list = (await (await api.request('/v1/kpis', { headers: { cookie: cookieA } })).json()) as {
      items: { key: string }[];
    };
    expect(list.items.map((k) => k.key)).toContain('loss_rate');
    const body = {
      nameZh: '损失率',
      nameEn: 'Loss rate',
      unit: 'percent',
      computation: 'loss_ratio',
      direction: 'lower_better',
      target: 0.4,
      warningThreshold: 1,
      criticalThreshold: 2,
      weight: 15,
    };
    const put = (cookie: string) =>
      api.request('/v1/kpis/loss_rate', { ...json(body, { cookie }), method: 'PUT' });
    expect((await put(cookieA)).status).toBe(403);
    const admin = await makeStaff(conn.db, ['admin']);
    const saved = await put(await cookieFor(conn.db, admin.user.id));
    expect(saved.status).toBe(200);
    expect(await saved.json()).toMatchObject({ key: 'loss_rate', target: 0.4 });
  });

  it('serves a partner its own scorecard and drill-down, and nothing of another partner', async () => {
    const cookieA = await cookieFor(conn.db, adminA.user.id);
    const own = await api.request(`/v1/partners/${a.id}/scorecard?period=2026-Q1`, {
      headers: { cookie: cookieA },
    });
    expect(own.status).toBe(200);
    const card = (await own.json()) as {
      score: number;
      kpis: { key: string; status: string; statusText: string }[];
      trend: unknown[];
      peers: unknown[];
    };
    expect(card.kpis.length).toBeGreaterThan(0);
    expect(card.kpis.every((k) => k.statusText.length > 0)).toBe(true);
    expect(card.trend).toHaveLength(8);
    expect(
      (await api.request(`/v1/partners/${b.id}/scorecard?period=2026-Q1`, { headers: { cookie: cookieA } }))
        .status,
    ).toBe(404);
    expect(
      (
        await api.request(`/v1/partners/${b.id}/scorecard/events?kpi=loss_rate&period=2026-Q1`, {
          headers: { cookie: cookieA },
        })
      ).status,
    ).toBe(404);
    expect(
      (await api.request('/v1/scorecards?period=2026-Q1', { headers: { cookie: cookieA } })).status,
    ).toBe(403);
    const badPeriod = await api.request(`/v1/partners/${a.id}/scorecard?period=Q1-2026`, {
      headers: { cookie: cookieA },
    });
    expect(badPeriod.status).toBe(422);
  });

  it('gives staff the ranked table', async () => {
    const auditor = await makeStaff(conn.db, ['auditor']);
    const response = await api.request('/v1/scorecards?period=2026-Q1&category=claims&sort=score', {
      headers: { cookie: await cookieFor(conn.db, auditor.user.id) },
    });
    expect(response.status).toBe(200);
    const page = (await response.json()) as {
      items: { legalName: string; rank: number | null }[];
      total: number;
    };
    expect(page.items[0]).toMatchObject({ rank: 1 });
    expect(page.items.map((i) => i.legalName)).toEqual(
      expect.arrayContaining(['Alpha Claims Ltd', 'Bravo Claims Ltd']),
    );
  });
});
