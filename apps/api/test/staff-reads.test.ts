import { createApiKey, createStaffApiKey } from '@outpost/core';
import { makePartner, makePartnerUser, makeStaff } from '@outpost/core/testing';
import {
  allocationShares,
  allocationTables,
  auditLog,
  contracts,
  contractVersions,
  type DatabaseConnection,
} from '@outpost/db';
import { createTestDatabase } from '@outpost/db/testing';
import { addDays, todayInChina } from '@outpost/i18n';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cookieFor, makeApi } from './helpers.ts';

/**
 * The insurer's systems read the allocation tables and the outsourcing register with staff keys
 * (decision record 059); a partner's key or session never reads them.
 */
let conn: DatabaseConnection;
let api: ReturnType<typeof makeApi>;
let allocationKey: string;
let registerKey: string;
let partnerKey: string;
let partnerCookie: string;
let staffCookie: string;
let tableId: string;
const contractIds: string[] = [];
const names = ['甲理赔有限公司', '乙理赔有限公司', '丙理赔有限公司'];
const partnerIds: string[] = [];
const today = todayInChina();

const bearer = (key: string) => ({ headers: { authorization: `Bearer ${key}` } });
const get = async (path: string, init: { headers: Record<string, string> }) => {
  const res = await api.request(path, init);
  // biome-ignore lint/suspicious/noExplicitAny: the tests read answers of several shapes
  return { status: res.status, body: (await res.json()) as Record<string, any> };
};

beforeAll(async () => {
  conn = await createTestDatabase();
  api = makeApi(conn.db);
  const admin = await makeStaff(conn.db, ['admin']);
  staffCookie = await cookieFor(conn.db, admin.user.id);
  allocationKey = (
    await createStaffApiKey(conn.db, admin.actor, { name: 'Routing', scopes: ['allocations:read'] })
  ).key;
  registerKey = (await createStaffApiKey(conn.db, admin.actor, { name: 'GRC', scopes: ['register:read'] }))
    .key;
  for (const name of names) partnerIds.push((await makePartner(conn.db, { legalName: name })).id);
  const partnerAdmin = await makePartnerUser(conn.db, partnerIds[0]!);
  partnerCookie = await cookieFor(conn.db, partnerAdmin.user.id);
  partnerKey = (
    await createApiKey(conn.db, partnerAdmin.actor, {
      name: 'All',
      scopes: ['documents', 'events', 'training'],
    })
  ).key;

  const [table] = await conn.db
    .insert(allocationTables)
    .values({ serviceCategory: 'claims', quarter: '2026-Q4', sourceQuarter: '2026-Q3' })
    .returning();
  tableId = table!.id;
  await conn.db.insert(allocationShares).values([
    { tableId, partnerId: partnerIds[0]!, weight: 1.2, shareBasisPoints: 4000, routingPriority: 'yes' },
    { tableId, partnerId: partnerIds[1]!, weight: 1, shareBasisPoints: 3500 },
    { tableId, partnerId: partnerIds[2]!, weight: 0.8, shareBasisPoints: 2500 },
  ]);

  // Three arrangements in force (references R-1..R-3), none with its register fields filled in.
  for (const [i, partnerId] of partnerIds.entries()) {
    const [c] = await conn.db
      .insert(contracts)
      .values({ reference: `R-${i + 1}`, partnerId, serviceCategory: 'claims', status: 'active' })
      .returning();
    await conn.db.insert(contractVersions).values({
      contractId: c!.id,
      version: 1,
      status: 'signed',
      terms: {
        startDate: addDays(today, -100),
        endDate: addDays(today, 300),
        autoRenew: false,
        noticeDays: 90,
        annualValueCents: 100_000_00,
        currency: 'CNY',
        governingLaw: '中华人民共和国法律',
        language: 'zh-CN',
      },
      clauses: [],
    });
    contractIds.push(c!.id);
  }
});
afterAll(() => conn?.close());

describe('GET /v1/incentives/allocations', () => {
  it('gives a staff key with allocations:read the whole table, largest share first, without an audit entry', async () => {
    const before = (await conn.db.select().from(auditLog)).length;
    const { status, body } = await get(
      '/v1/incentives/allocations?category=claims&quarter=2026-Q4',
      bearer(allocationKey),
    );
    expect(status).toBe(200);
    expect(body).toMatchObject({
      id: tableId,
      serviceCategory: 'claims',
      quarter: '2026-Q4',
      sourceQuarter: '2026-Q3',
    });
    expect(body.shares.map((s: { partnerName: string }) => s.partnerName)).toEqual(names);
    expect(body.shares.map((s: { shareBasisPoints: number }) => s.shareBasisPoints)).toEqual([
      4000, 3500, 2500,
    ]);
    expect(body.shares[0].routingPriority).toBe(true);
    expect(body.shares[1].routingPriority).toBe(false);
    // Reads are not audited, as no other read through the API is.
    expect((await conn.db.select().from(auditLog)).length).toBe(before);
  });

  it('gives a staff session the same table', async () => {
    const { status, body } = await get('/v1/incentives/allocations?category=claims&quarter=2026-Q4', {
      headers: { cookie: staffCookie },
    });
    expect(status).toBe(200);
    expect(body.shares).toHaveLength(3);
  });

  it('refuses a partner key (even one with every partner purpose) and a partner session with 403 forbidden', async () => {
    const key = await get('/v1/incentives/allocations?category=claims&quarter=2026-Q4', bearer(partnerKey));
    expect(key.status).toBe(403);
    expect(key.body.error.code).toBe('forbidden');
    expect(key.body.error.details).toMatchObject({ apiKeyScopes: ['allocations:read'] });
    expect(key.body.error.message).toMatch(/staff API key/);
    const session = await get('/v1/incentives/allocations?category=claims&quarter=2026-Q4', {
      headers: { cookie: partnerCookie },
    });
    expect(session.status).toBe(403);
    expect(session.body.error.code).toBe('forbidden');
  });

  it('refuses a staff key without allocations:read, and reaches no other endpoint with one', async () => {
    const wrong = await get(
      '/v1/incentives/allocations?category=claims&quarter=2026-Q4',
      bearer(registerKey),
    );
    expect(wrong.status).toBe(403);
    expect(wrong.body.error.code).toBe('forbidden');
    for (const path of ['/v1/partners', '/v1/kpis', '/v1/me']) {
      const other = await get(path, bearer(allocationKey));
      expect([path, other.status, other.body.error?.code]).toEqual([path, 403, 'forbidden']);
    }
  });

  it('answers 401 naming the scope without credentials', async () => {
    const { status, body } = await get('/v1/incentives/allocations?category=claims&quarter=2026-Q4', {
      headers: {},
    });
    expect(status).toBe(401);
    expect(body.error.details).toMatchObject({
      accepts: ['apiKey', 'session'],
      apiKeyScopes: ['allocations:read'],
    });
  });

  it('answers 422 naming the field for a bad or missing category or quarter, 404 for a table that does not exist', async () => {
    const cases: [string, string][] = [
      ['category=plumbing&quarter=2026-Q4', 'category'],
      ['quarter=2026-Q4', 'category'],
      ['category=claims&quarter=2026-Q5', 'quarter'],
      ['category=claims&quarter=2026-10', 'quarter'],
      ['category=claims', 'quarter'],
    ];
    for (const [query, field] of cases) {
      const { status, body } = await get(`/v1/incentives/allocations?${query}`, bearer(allocationKey));
      expect([query, status, body.error.code]).toEqual([query, 422, 'validation_failed']);
      const paths = body.error.details.fields.map((f: { path: string }) => f.path);
      expect(paths.some((p: string) => p.endsWith(field) || p === 'quarter' || p === 'serviceCategory')).toBe(
        true,
      );
    }
    const none = await get(
      '/v1/incentives/allocations?category=claims&quarter=2027-Q1',
      bearer(allocationKey),
    );
    expect([none.status, none.body.error.code]).toEqual([404, 'not_found']);
  });
});

describe('GET /v1/register/arrangements', () => {
  it('pages the arrangements in force in reference order with completeness flags and counts', async () => {
    const first = await get('/v1/register/arrangements?pageSize=2', bearer(registerKey));
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({
      total: 3,
      page: 1,
      pageSize: 2,
      inForce: 3,
      complete: 0,
      incomplete: 3,
    });
    expect(first.body.items.map((e: { record: { reference: string } }) => e.record.reference)).toEqual([
      'R-1',
      'R-2',
    ]);
    expect(first.body.items[0]).toMatchObject({ complete: false, record: { contractId: contractIds[0] } });
    expect(first.body.items[0].missing).toContain('functionDescription');
    expect(first.body.missingCounts.functionDescription).toBe(3);
    const second = await get('/v1/register/arrangements?pageSize=2&page=2', bearer(registerKey));
    expect(second.body.items.map((e: { record: { reference: string } }) => e.record.reference)).toEqual([
      'R-3',
    ]);
    const past = await get('/v1/register/arrangements?pageSize=2&page=3', bearer(registerKey));
    expect([past.status, past.body.items, past.body.total]).toEqual([200, [], 3]);
  });

  it('filters as the register page does', async () => {
    const q = await get(`/v1/register/arrangements?q=${encodeURIComponent('乙理赔')}`, bearer(registerKey));
    expect(q.body.items.map((e: { record: { reference: string } }) => e.record.reference)).toEqual(['R-2']);
    expect(q.body.total).toBe(1);
    expect(q.body.inForce).toBe(3);
    const complete = await get('/v1/register/arrangements?completeness=complete', bearer(registerKey));
    expect([complete.body.total, complete.body.items]).toEqual([0, []]);
    const other = await get('/v1/register/arrangements?category=it', bearer(registerKey));
    expect(other.body.total).toBe(0);
    const missing = await get(
      '/v1/register/arrangements?missing=functionDescription&criticality=standard&category=claims',
      bearer(registerKey),
    );
    expect(missing.body.total).toBe(3);
  });

  it('answers 422 for bad paging and filters', async () => {
    for (const query of [
      'page=0',
      'page=x',
      'pageSize=0',
      'pageSize=201',
      'criticality=huge',
      'missing=nothing',
      'completeness=half',
    ]) {
      const { status, body } = await get(`/v1/register/arrangements?${query}`, bearer(registerKey));
      expect([query, status, body.error.code]).toEqual([query, 422, 'validation_failed']);
      expect(body.error.details.fields.length).toBeGreaterThan(0);
    }
  });

  it('refuses a partner key, a partner session and a staff key without register:read with 403 forbidden', async () => {
    for (const init of [bearer(partnerKey), { headers: { cookie: partnerCookie } }, bearer(allocationKey)]) {
      for (const path of ['/v1/register/arrangements', `/v1/register/arrangements/${contractIds[0]}`]) {
        const { status, body } = await get(path, init);
        expect([path, status, body.error.code]).toEqual([path, 403, 'forbidden']);
      }
    }
  });

  it('reads one arrangement by its contract id, 404 for an unknown or malformed id', async () => {
    const one = await get(`/v1/register/arrangements/${contractIds[1]}`, bearer(registerKey));
    expect(one.status).toBe(200);
    expect(one.body).toMatchObject({ complete: false, record: { reference: 'R-2', providerName: names[1] } });
    const staff = await get(`/v1/register/arrangements/${contractIds[1]}`, {
      headers: { cookie: staffCookie },
    });
    expect(staff.body.record.reference).toBe('R-2');
    for (const id of ['00000000-0000-4000-8000-000000000000', 'not-a-uuid']) {
      const { status, body } = await get(`/v1/register/arrangements/${id}`, bearer(registerKey));
      expect([status, body.error.code]).toEqual([404, 'not_found']);
    }
  });

  it('a revoked staff key is refused with 401', async () => {
    const admin = await makeStaff(conn.db, ['admin']);
    const created = await createStaffApiKey(conn.db, admin.actor, { name: 'Old', scopes: ['register:read'] });
    const { revokeStaffApiKey } = await import('@outpost/core');
    await revokeStaffApiKey(conn.db, admin.actor, created.apiKey.id);
    const { status, body } = await get('/v1/register/arrangements', bearer(created.key));
    expect([status, body.error.code]).toEqual([401, 'unauthenticated']);
  });
});
