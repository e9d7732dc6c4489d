import { makeStaff } from '@outpost/core/testing';
import type { DatabaseConnection } from '@outpost/db';
import { createTestDatabase } from '@outpost/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cookieFor, json, makeApi } from './helpers.ts';

let conn: DatabaseConnection;
let api: ReturnType<typeof makeApi>;
let admin: string;
beforeAll(async () => {
  conn = await createTestDatabase();
  api = makeApi(conn.db, 2048);
  admin = await cookieFor(conn.db, (await makeStaff(conn.db, ['admin'])).user.id);
});
afterAll(() => conn.close());

async function expectError(response: Response, status: number, code: string) {
  expect(response.status).toBe(status);
  expect(response.headers.get('content-type')).toMatch(/application\/json/);
  const body = (await response.json()) as { error: Record<string, unknown> };
  expect(body.error).toMatchObject({
    code,
    message: expect.any(String),
    requestId: response.headers.get('x-request-id'),
  });
  expect(JSON.stringify(body)).not.toMatch(/at .*\.ts:\d+/); // no stack trace
  return body.error;
}

describe('API errors', () => {
  it('malformed JSON → 400 invalid_json', async () => {
    await expectError(
      await api.request('/v1/partners', json('{"legalName": ', { cookie: admin })),
      400,
      'invalid_json',
    );
  });

  it('wrong types → 422 with each field named', async () => {
    const error = await expectError(
      await api.request(
        '/v1/partners',
        json({ legalName: 7, creditCode: [], serviceCategories: 'it' }, { cookie: admin }),
      ),
      422,
      'validation_failed',
    );
    const paths = (error.details as { fields: { path: string }[] }).fields.map((f) => f.path);
    expect(paths).toEqual(expect.arrayContaining(['legalName', 'creditCode', 'serviceCategories']));
  });

  it('invalid credit code → 422 invalid_credit_code naming the field', async () => {
    const error = await expectError(
      await api.request(
        '/v1/partners',
        json(
          { legalName: 'Bad Code Co', creditCode: '91440300708461I36T', serviceCategories: ['it'] },
          { cookie: admin },
        ),
      ),
      422,
      'invalid_credit_code',
    );
    expect(error.details).toMatchObject({ field: 'creditCode', problem: 'character' });
  });

  it('oversized body → 413 before anything is parsed or stored', async () => {
    const big = json(
      { legalName: 'x'.repeat(5000), creditCode: '91440300708461136T', serviceCategories: ['it'] },
      { cookie: admin },
    );
    await expectError(await api.request('/v1/partners', big), 413, 'payload_too_large');
    const list = await api.request('/v1/partners?q=xxxxx', { headers: { cookie: admin } });
    expect(((await list.json()) as { total: number }).total).toBe(0);
  });

  it('unknown route → 404 not_found; no session → 401; forged cookie → 401', async () => {
    await expectError(await api.request('/v1/nothing-here'), 404, 'not_found');
    await expectError(await api.request('/v1/partners'), 401, 'unauthenticated');
    await expectError(
      await api.request('/v1/partners', { headers: { cookie: 'outpost_session=abc.def' } }),
      401,
      'unauthenticated',
    );
  });

  it('a cross-site POST riding a cookie → 403 and nothing stored', async () => {
    const request = json(
      { legalName: 'Csrf Victim Co', creditCode: '91330100716105852F', serviceCategories: ['it'] },
      { cookie: admin, 'sec-fetch-site': 'cross-site', origin: 'https://evil.example' },
    );
    await expectError(await api.request('/v1/partners', request), 403, 'cross_site_request');
    const list = await api.request('/v1/partners?q=Csrf', { headers: { cookie: admin } });
    expect(((await list.json()) as { total: number }).total).toBe(0);
  });

  it('keeps a sane caller request id and echoes it', async () => {
    const response = await api.request('/v1/nothing', { headers: { 'x-request-id': 'trace-123' } });
    expect(response.headers.get('x-request-id')).toBe('trace-123');
  });

  it('sign-in errors: generic for wrong password, 429 with Retry-After when locked', async () => {
    await expectError(
      await api.request('/v1/sessions', json({ email: 'who@outpost.test', password: 'x' })),
      401,
      'invalid_credentials',
    );
    for (let i = 0; i < 5; i++)
      await api.request('/v1/sessions', json({ email: 'locked@outpost.test', password: 'x' }));
    const locked = await api.request('/v1/sessions', json({ email: 'locked@outpost.test', password: 'x' }));
    await expectError(locked, 429, 'too_many_requests');
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});

describe('API documentation', () => {
  it('serves an OpenAPI 3.1 document covering every route, and a readable page', async () => {
    const doc = (await (await api.request('/openapi.json')).json()) as {
      openapi: string;
      paths: Record<string, unknown>;
    };
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/v1/partners',
        '/v1/partners/{id}',
        '/v1/me',
        '/v1/sessions',
        '/v1/notifications',
      ]),
    );
    const page = await api.request('/docs');
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('/api/openapi.json');
  });
});

describe('text and structures no field may hold', () => {
  it('a NUL in the sign-in e-mail → 422 naming the field, without signing in', async () => {
    const error = await expectError(
      await api.request('/v1/sessions', json({ email: 'a\u0000@example.test', password: 'x' })),
      422,
      'validation_failed',
    );
    expect(error.details).toMatchObject({ fields: [{ path: 'email', reason: 'nul_character' }] });
  });

  it('an unpaired surrogate in a JSON body → 422 naming the field', async () => {
    // JSON.stringify escapes a lone surrogate as \ud800, which JSON.parse turns back into one.
    const error = await expectError(
      await api.request(
        '/v1/partners',
        json(
          { legalName: 'Broken \ud800 Co', creditCode: 'x', serviceCategories: ['it'] },
          { cookie: admin },
        ),
      ),
      422,
      'validation_failed',
    );
    expect(error.details).toMatchObject({ fields: [{ path: 'legalName', reason: 'unpaired_surrogate' }] });
  });

  it('a NUL in the query → 422', async () => {
    await expectError(
      await api.request('/v1/partners?q=a%00b', { headers: { cookie: admin } }),
      422,
      'validation_failed',
    );
  });
});
