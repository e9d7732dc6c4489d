import { createApiKey } from '@outpost/core';
import { makePartner, makePartnerUser, makeStaff } from '@outpost/core/testing';
import type { DatabaseConnection } from '@outpost/db';
import { createTestDatabase } from '@outpost/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cookieFor, makeApi } from './helpers.ts';

let conn: DatabaseConnection;
let api: ReturnType<typeof makeApi>;
let admin: string;
let eventsKey: string;
let partnerId: string;
beforeAll(async () => {
  conn = await createTestDatabase();
  api = makeApi(conn.db);
  admin = await cookieFor(conn.db, (await makeStaff(conn.db, ['admin'])).user.id);
  const partner = await makePartner(conn.db, { legalName: '钥匙测试有限公司' });
  partnerId = partner.id;
  const { actor } = await makePartnerUser(conn.db, partner.id, 'partner_admin');
  eventsKey = (await createApiKey(conn.db, actor, { name: 'Claims system', scopes: ['events'] })).key;
});
afterAll(() => conn.close());

async function errorOf(response: Response, status: number, code: string) {
  expect(response.status).toBe(status);
  expect(response.headers.get('content-type')).toMatch(/application\/json/);
  const body = (await response.json()) as { error: { code: string; message: string; details: unknown } };
  expect(body.error.code).toBe(code);
  return body.error;
}

describe('paths and methods no route answers', () => {
  it('an unknown path → 404 in the JSON error shape', async () => {
    for (const path of ['/v1/nope', '/v2/partners', '/', '/v1']) {
      const error = await errorOf(await api.request(path, { headers: { cookie: admin } }), 404, 'not_found');
      expect(error.message).toContain('/api/docs');
    }
  });

  it('a known path with another method → 405 with Allow, also for OPTIONS', async () => {
    const patch = await api.request('/v1/partners', { method: 'PATCH', headers: { cookie: admin } });
    await errorOf(patch, 405, 'method_not_allowed');
    expect(patch.headers.get('allow')?.split(', ').sort()).toEqual(['GET', 'HEAD', 'POST']);
    const options = await api.request(`/v1/partners/${partnerId}`, { method: 'OPTIONS' });
    const error = await errorOf(options, 405, 'method_not_allowed');
    expect(error.details).toEqual({ allowed: ['PATCH', 'GET', 'HEAD'] });
    expect(options.headers.get('allow')).toBe('PATCH, GET, HEAD');
  });
});

describe('authentication explained', () => {
  it('a 401 says which credentials the endpoint accepts', async () => {
    const events = await errorOf(
      await api.request('/v1/events', {
        method: 'POST',
        body: '{}',
        headers: { 'content-type': 'application/json' },
      }),
      401,
      'unauthenticated',
    );
    expect(events.message).toMatch(/Authorization: Bearer <API key>.*"events".*sign in/);
    expect(events.details).toMatchObject({ accepts: ['apiKey', 'session'], apiKeyScopes: ['events'] });

    const blacklist = await errorOf(await api.request('/v1/blacklist'), 401, 'unauthenticated');
    expect(blacklist.message).toMatch(/^Sign in first/);
    expect(blacklist.message).toContain('does not accept API keys');
    expect(blacklist.details).toMatchObject({ accepts: ['session'] });
  });

  it('an API key on an endpoint for people → 403 saying so', async () => {
    const error = await errorOf(
      await api.request('/v1/blacklist', { headers: { authorization: `Bearer ${eventsKey}` } }),
      403,
      'forbidden',
    );
    expect(error.message).toContain('does not accept API keys');
  });

  it('GET /v1/me with an API key describes the key, its partner and what it may do', async () => {
    const response = await api.request('/v1/me', { headers: { authorization: `Bearer ${eventsKey}` } });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      kind: 'api_key',
      name: 'Claims system',
      scopes: ['events'],
      partner: { id: partnerId, legalName: '钥匙测试有限公司' },
      permissions: ['ingest:events:own', 'read:kpis'],
    });
  });

  it('the OpenAPI document declares both schemes and, for every operation, what it accepts', async () => {
    const doc = (await (await api.request('/openapi.json')).json()) as {
      components: { securitySchemes: Record<string, { type: string; scheme?: string; in?: string }> };
      paths: Record<string, Record<string, { security?: Record<string, string[]>[] }>>;
    };
    expect(doc.components.securitySchemes).toMatchObject({
      apiKey: { type: 'http', scheme: 'bearer' },
      session: { type: 'apiKey', in: 'cookie' },
    });
    const operations = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.entries(ops).map(([method, op]) => ({ path, method, security: op.security })),
    );
    expect(operations.filter((o) => o.security === undefined)).toEqual([]);
    const at = (method: string, path: string) =>
      operations.find((o) => o.method === method && o.path === path);
    expect(at('post', '/v1/events')?.security).toEqual([{ apiKey: ['events'] }, { session: [] }]);
    expect(at('post', '/v1/sessions')?.security).toEqual([]);
    expect(at('post', '/v1/blacklist')?.security).toEqual([{ session: [] }]);
  });
});
