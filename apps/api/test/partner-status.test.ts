import { createApiKey, ensureDefaultKpis, sampleEvents } from '@outpost/core';
import { makePartner, makePartnerUser, makeStaff } from '@outpost/core/testing';
import type { DatabaseConnection, Partner } from '@outpost/db';
import { createTestDatabase } from '@outpost/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cookieFor, json, makeApi } from './helpers.ts';

let conn: DatabaseConnection;
let api: ReturnType<typeof makeApi>;
let partner: Partner;
let key: string;
let riskCookie: string;
let adminCookie: string;
let partnerCookie: string;

const bearer = (k: string) => ({ authorization: `Bearer ${k}` });
const events = (prefix: string) => ({
  events: sampleEvents({ seed: 3, count: 5, prefix, start: new Date('2026-01-05T00:00:00Z'), days: 5 }),
});
const patch = (body: unknown, cookie: string) => ({
  method: 'PATCH',
  body: JSON.stringify(body),
  headers: { 'content-type': 'application/json', cookie },
});
type ErrorBody = { error: { code: string; message: string; details: Record<string, unknown> | null } };

beforeAll(async () => {
  conn = await createTestDatabase();
  api = makeApi(conn.db);
  await ensureDefaultKpis(conn.db);
  partner = await makePartner(conn.db, { legalName: 'Suspended Claims Ltd' });
  const admin = await makePartnerUser(conn.db, partner.id, 'partner_admin');
  key = (await createApiKey(conn.db, admin.actor, { name: 'Claims system', scopes: ['events'] })).key;
  partnerCookie = await cookieFor(conn.db, admin.user.id);
  riskCookie = await cookieFor(conn.db, (await makeStaff(conn.db, ['risk_officer'])).user.id);
  adminCookie = await cookieFor(conn.db, (await makeStaff(conn.db, ['admin'])).user.id);
});
afterAll(() => conn.close());

describe('a suspended partner over the API', () => {
  it('its API key cannot send events (403 partner.suspended) but may read; lifting restores ingestion', async () => {
    expect((await api.request('/v1/events', json(events('before'), bearer(key)))).status).toBe(200);

    const suspend = await api.request(
      `/v1/partners/${partner.id}/suspend`,
      json({ reason: 'Data breach under investigation' }, { cookie: riskCookie }),
    );
    expect(suspend.status).toBe(200);
    expect(await suspend.json()).toMatchObject({
      status: 'suspended',
      suspensionReason: 'Data breach under investigation',
    });

    const refused = await api.request('/v1/events', json(events('during'), bearer(key)));
    expect(refused.status).toBe(403);
    const body = (await refused.json()) as ErrorBody;
    expect(body.error.code).toBe('partner.suspended');
    expect(body.error.message).toMatch(/suspended/);
    expect(body.error.details).toEqual({ reason: 'Data breach under investigation' });

    // Reads stay allowed, and the partner sees why.
    const read = await api.request(`/v1/partners/${partner.id}`, { headers: { cookie: partnerCookie } });
    expect(read.status).toBe(200);
    expect(await read.json()).toMatchObject({
      status: 'suspended',
      suspensionReason: 'Data breach under investigation',
    });

    const lift = await api.request(
      `/v1/partners/${partner.id}/lift-suspension`,
      json({ reason: 'Investigation closed' }, { cookie: riskCookie }),
    );
    expect(lift.status).toBe(200);
    expect((await api.request('/v1/events', json(events('after'), bearer(key)))).status).toBe(200);

    const history = await api.request(`/v1/partners/${partner.id}/history`, {
      headers: { cookie: riskCookie },
    });
    const items = ((await history.json()) as { items: { action: string }[] }).items
      .map((i) => i.action)
      .filter((a) => a.startsWith('partner.'));
    expect(items).toEqual(['partner.suspension_lifted', 'partner.suspended']);
  });

  it('PATCH /v1/partners/{id} edits the profile with field errors, for administrators only', async () => {
    const bad = await api.request(`/v1/partners/${partner.id}`, patch({ contactEmail: 'nope' }, adminCookie));
    expect(bad.status).toBe(422);
    expect(JSON.stringify(await bad.json())).toContain('contactEmail');
    const forbidden = await api.request(
      `/v1/partners/${partner.id}`,
      patch({ legalName: 'X Ltd' }, riskCookie),
    );
    expect(forbidden.status).toBe(403);
    const ok = await api.request(
      `/v1/partners/${partner.id}`,
      patch({ legalName: 'Renamed Claims Ltd', contactEmail: 'ops@renamed.test' }, adminCookie),
    );
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({
      legalName: 'Renamed Claims Ltd',
      contactEmail: 'ops@renamed.test',
    });
  });

  it('the blacklist asks for confirmation when a credit code matches a partner, and previews the impact', async () => {
    const input = { creditCode: partner.creditCode, name: 'Other Name Trading', reason: 'Fraudulent claims' };
    const preview = await api.request('/v1/blacklist/preview', json(input, { cookie: riskCookie }));
    expect(preview.status).toBe(200);
    expect(await preview.json()).toMatchObject({
      matches: [{ id: partner.id, legalName: 'Renamed Claims Ltd', openApplications: 0 }],
    });
    const unconfirmed = await api.request('/v1/blacklist', json(input, { cookie: riskCookie }));
    expect(unconfirmed.status).toBe(409);
    expect(((await unconfirmed.json()) as ErrorBody).error.details).toMatchObject({ field: 'confirmed' });
    const added = await api.request(
      '/v1/blacklist',
      json({ ...input, confirmed: true }, { cookie: riskCookie }),
    );
    expect(added.status).toBe(201);
    expect(await added.json()).toMatchObject({ suspendedPartnerIds: [partner.id] });
  });
});
