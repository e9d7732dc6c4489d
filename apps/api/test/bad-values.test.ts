import { createApiKey } from '@outpost/core';
import { makePartner, makePartnerUser, makeStaff } from '@outpost/core/testing';
import type { DatabaseConnection } from '@outpost/db';
import { createTestDatabase } from '@outpost/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cookieFor, json, makeApi } from './helpers.ts';

/** Issue 10.2: values PostgreSQL would refuse are 4xx naming the field, through the API. */
let conn: DatabaseConnection;
let api: ReturnType<typeof makeApi>;
let admin: string;
let eventsKey: string;
beforeAll(async () => {
  conn = await createTestDatabase();
  api = makeApi(conn.db, 8 * 1024 * 1024);
  admin = await cookieFor(conn.db, (await makeStaff(conn.db, ['admin'])).user.id);
  const partner = await makePartner(conn.db);
  const { actor } = await makePartnerUser(conn.db, partner.id, 'partner_admin');
  eventsKey = (await createApiKey(conn.db, actor, { name: 'Events', scopes: ['events'] })).key;
});
afterAll(() => conn.close());

async function fieldsOf(response: Response, status = 422) {
  expect(response.status).toBe(status);
  const body = (await response.json()) as {
    error: { code: string; details: { fields?: { path: string }[] } };
  };
  return body.error.details.fields?.map((f) => f.path) ?? [];
}

const kpi = {
  nameZh: '合规率',
  nameEn: 'Compliance rate',
  unit: 'percent',
  computation: 'share_passed',
  direction: 'higher_better',
  target: 98,
  warningThreshold: 95,
  criticalThreshold: 90,
  weight: 10,
  serviceCategories: [],
  active: true,
};

describe('numbers, dates and lists beyond their columns', () => {
  it('a sort order of 2^31 → 422 on sortOrder', async () => {
    const response = await api.request('/v1/kpis/overflowing', {
      ...json({ ...kpi, sortOrder: 2 ** 31 }, { cookie: admin }),
      method: 'PUT',
    });
    expect(await fieldsOf(response)).toEqual(['sortOrder']);
  });

  it('a page number of 1e308 → 422 on page', async () => {
    const fields = await fieldsOf(
      await api.request('/v1/partners?page=1e308', { headers: { cookie: admin } }),
    );
    expect(new Set(fields)).toEqual(new Set(['page']));
  });

  it('an event in year 0 → 422 naming the event; 200,000 events → 422 on events', async () => {
    const auth = { authorization: `Bearer ${eventsKey}` };
    const yearZero = await api.request(
      '/v1/events',
      json(
        {
          events: [
            { externalId: 'y0', type: 'customer_rating', occurredAt: '0000-01-01T00:00:00Z', rating: 3 },
          ],
        },
        auth,
      ),
    );
    expect(yearZero.status).toBe(422);
    expect(JSON.stringify(await yearZero.json())).toContain('occurredAt');
    const huge = await api.request('/v1/events', json({ events: new Array(200_000).fill(1) }, auth));
    expect(await fieldsOf(huge)).toEqual(['events']);
  });

  it('a list of 200,000 items in any JSON body → 422 on that list, before any schema walks it', async () => {
    // Found by the fuzz suite (seed 641350025): zod overflowed the stack collecting 200,000 issues.
    const response = await api.request(
      '/v1/partners',
      json(
        { legalName: '\udfff', creditCode: '\u0000', serviceCategories: new Array(200_000).fill(1) },
        { cookie: admin },
      ),
    );
    const body = (await response.json()) as {
      error: { code: string; details: { fields: { path: string }[] } };
    };
    expect(response.status).toBe(422);
    expect(body.error.details.fields.map((f) => f.path)).toContain('serviceCategories');
  });

  it('another method with a JSON body on a path with its own body limit → 405, not 500', async () => {
    // Found by the fuzz suite (seed 1332007430): the body was read twice and the second read failed.
    for (const [method, path] of [
      ['OPTIONS', '/v1/events'],
      ['DELETE', '/v1/events'],
      ['PUT', '/v1/applications/a2f873f8-7b44-47f1-bf56-c0dd2fcd9f87/assessment/report'],
    ] as const) {
      const response = await api.request(path, {
        method,
        headers: { cookie: admin, 'content-type': 'application/json' },
        body: '{"unexpected": true}',
      });
      expect([method, response.status]).toEqual([method, 405]);
    }
  });

  it('malformed JSON → 400 invalid_json, as before the guard read the body', async () => {
    const response = await api.request('/v1/partners', {
      method: 'POST',
      headers: { cookie: admin, 'content-type': 'application/json' },
      body: '{"legalName": ',
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('invalid_json');
  });

  it('a document version beyond the integer column → 422 on version, not 500', async () => {
    const response = await api.request(
      '/v1/documents/00000000-0000-0000-0000-000000000000/file?version=2147483648',
      { headers: { cookie: admin } },
    );
    expect(await fieldsOf(response)).toContain('version');
  });
});
