import { createPartner, notify } from '@outpost/core';
import { makePartner, makePartnerUser, makeStaff } from '@outpost/core/testing';
import type { DatabaseConnection, Partner } from '@outpost/db';
import { createTestDatabase } from '@outpost/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cookieFor, makeApi } from './helpers.ts';

/**
 * Walks every operation in the OpenAPI document as a user of partner A, filling
 * every id with partner B's ids, and checks that nothing of partner B comes back.
 * A new route is covered the day it is added; a route with a parameter this test
 * does not know how to fill fails the test until it is taught.
 */
let conn: DatabaseConnection;
let api: ReturnType<typeof makeApi>;
let a: Partner;
let b: Partner;
let userAId: string;
let bSecrets: string[];
let bIds: Record<string, string>;

beforeAll(async () => {
  conn = await createTestDatabase();
  api = makeApi(conn.db);
  a = await makePartner(conn.db, { legalName: 'Alpha Claims Ltd' });
  b = await makePartner(conn.db, { legalName: 'Bravo Secret Agency Ltd' });
  const userA = await makePartnerUser(conn.db, a.id, 'partner_admin');
  const userB = await makePartnerUser(conn.db, b.id, 'partner_admin');
  userAId = userA.user.id;
  const [notificationB] = await conn.db.transaction((tx) =>
    notify(tx, { userIds: [userB.user.id], template: 'notify.partner_created', params: { name: 'B-only-note', creditCode: b.creditCode } }),
  );
  bSecrets = [b.id, b.legalName, b.creditCode, userB.user.id, userB.user.email, notificationB!];
  // Path parameter name → the id of partner B's object of that kind.
  bIds = { id: b.id, partnerId: b.id, userId: userB.user.id, notificationId: notificationB! };
  // Staff activity exists too, so that "list everything" bugs would show.
  const admin = await makeStaff(conn.db, ['admin']);
  await createPartner(conn.db, admin.actor, { legalName: 'Charlie Staff-Only Ltd', creditCode: '91110000100006485K', serviceCategories: ['it'] });
});
afterAll(() => conn.close());

describe('a partner user cannot read another partner’s data through any API route', () => {
  it('walks every operation in the OpenAPI document', async () => {
    const doc = (await (await api.request('/openapi.json')).json()) as {
      paths: Record<string, Record<string, { parameters?: { name: string; in: string }[] }>>;
    };
    let walked = 0;
    for (const [template, operations] of Object.entries(doc.paths)) {
      for (const [method, operation] of Object.entries(operations)) {
        const path = template.replace(/\{(\w+)\}/g, (_, name: string) => {
          const value = bIds[name] ?? bIds[`${name}`];
          if (!value) throw new Error(`Teach partner-isolation.test.ts how to fill {${name}} in ${template}`);
          return value;
        });
        const query = new URLSearchParams({ partnerId: b.id, q: b.legalName }).toString();
        const response = await api.request(`${path}?${query}`, {
          method: method.toUpperCase(),
          // A fresh session each time: DELETE /v1/sessions/current ends the one it is given.
          headers: { cookie: await cookieFor(conn.db, userAId), 'content-type': 'application/json' },
          body: method === 'get' ? undefined : JSON.stringify({ partnerId: b.id, id: b.id }),
        });
        const text = await response.text();
        for (const secret of bSecrets) {
          expect(text, `${method.toUpperCase()} ${template} leaked ${secret}`).not.toContain(secret);
        }
        expect(response.status, `${method.toUpperCase()} ${template}`).toBeLessThan(500);
        walked++;
      }
    }
    expect(walked).toBeGreaterThanOrEqual(7);
  });

  it('its own data is visible through the same routes', async () => {
    const cookieA = await cookieFor(conn.db, userAId);
    const own = await api.request(`/v1/partners/${a.id}`, { headers: { cookie: cookieA } });
    expect(own.status).toBe(200);
    const other = await api.request(`/v1/partners/${b.id}`, { headers: { cookie: cookieA } });
    expect(other.status).toBe(404);
    const list = (await (await api.request('/v1/partners', { headers: { cookie: cookieA } })).json()) as { items: { id: string }[] };
    expect(list.items.map((p) => p.id)).toEqual([a.id]);
  });
});
