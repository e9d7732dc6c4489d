import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { LocalDiskStorage } from '@outpost/core';
import { createSession } from '@outpost/auth';
import { type DatabaseConnection, users } from '@outpost/db';
import { createTestDatabase } from '@outpost/db/testing';
import { RouterContextProvider } from 'react-router';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { depsContext, localeContext, viewerContext } from '../app/context';
import { requestMiddleware } from '../app/lib/request-middleware.server';

let conn: DatabaseConnection;
let token: string;

beforeAll(async () => {
  conn = await createTestDatabase();
  const [user] = await conn.db
    .insert(users)
    .values({
      kind: 'staff',
      email: 'mw@outpost.test',
      displayName: 'Middleware',
      staffRoles: ['reviewer'],
      locale: 'en',
    })
    .returning();
  token = (await createSession(conn.db, user!.id)).token;
});
afterAll(async () => {
  await conn?.close();
});

function run(request: Request, response = new Response('ok')) {
  const context = new RouterContextProvider();
  context.set(depsContext, {
    db: conn.db,
    slack: null,
    storage: new LocalDiskStorage(mkdtempSync(path.join(os.tmpdir(), 'outpost-portal-files-'))),
    publicUrl: 'http://localhost',
    uploadMaxBytes: 1024 * 1024,
    mailEnabled: false,
  });
  const result = requestMiddleware({ request, context, params: {} } as never, async () => response);
  return { context, result: result as Promise<Response> };
}

describe('requestMiddleware', () => {
  test('resolves the signed-in person and slides the session cookie; the page language ignores the saved preference', async () => {
    // The person saved English (for Slack and e-mail); this browser sends no cookie and no Accept-Language.
    const { context, result } = run(
      new Request('http://localhost/s', { headers: { cookie: `outpost_session=${token}` } }),
    );
    const response = await result;
    expect(context.get(viewerContext)?.person.user.email).toBe('mw@outpost.test');
    expect(context.get(localeContext)).toBe('zh-CN');
    expect(response.headers.get('set-cookie')).toMatch(/^outpost_session=/);
    expect(response.headers.get('cache-control')).toBe('private, no-store');
  });

  test('a signed-out request gets no viewer and the browser’s language', async () => {
    const { context, result } = run(
      new Request('http://localhost/sign-in', { headers: { 'accept-language': 'zh-CN' } }),
    );
    const response = await result;
    expect(context.get(viewerContext)).toBeNull();
    expect(context.get(localeContext)).toBe('zh-CN');
    expect(response.headers.get('set-cookie')).toBeNull();
  });

  test('signed in or not, the same browser gets the same language (cookie, then Accept-Language)', async () => {
    const english = { 'accept-language': 'en-US,en;q=0.9' };
    const before = run(new Request('http://localhost/sign-in', { headers: english }));
    await before.result;
    const after = run(
      new Request('http://localhost/s', { headers: { ...english, cookie: `outpost_session=${token}` } }),
    );
    await after.result;
    expect(before.context.get(localeContext)).toBe('en');
    expect(after.context.get(localeContext)).toBe('en');
    const chosen = run(
      new Request('http://localhost/s', {
        headers: { ...english, cookie: `outpost_session=${token}; outpost_lang=zh-CN` },
      }),
    );
    await chosen.result;
    expect(chosen.context.get(localeContext)).toBe('zh-CN');
  });

  test('a forged token is treated as signed out', async () => {
    const { context, result } = run(
      new Request('http://localhost/s', { headers: { cookie: 'outpost_session=abc.def' } }),
    );
    await result;
    expect(context.get(viewerContext)).toBeNull();
  });

  test('refuses a cross-site form post before touching the session', async () => {
    const request = new Request('http://localhost/sign-out', {
      method: 'POST',
      headers: { cookie: `outpost_session=${token}`, 'sec-fetch-site': 'cross-site' },
    });
    const thrown = await run(request).result.catch((e: unknown) => e);
    expect(thrown).toMatchObject({
      init: { status: 403 },
      data: { messageKey: 'errors.cross_site_request' },
    });
  });

  test('a post that is not a form gets a translated 415; an unreadable form a 400 when the action reads it', async () => {
    const json = new Request('http://localhost/p/api-keys', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"intent":"create"}',
    });
    expect(await run(json).result.catch((e: unknown) => e)).toMatchObject({
      init: { status: 415 },
      data: { messageKey: 'api.errors.notAForm' },
    });
    const truncated = new Request('http://localhost/p/api-keys', {
      method: 'POST',
      headers: { 'content-type': 'multipart/form-data; boundary=zzz' },
      body: '--zzz\r\nContent-Disposition: form-data; name="intent"\r\n\r\nno end',
    });
    await run(truncated).result;
    expect(await truncated.formData().catch((e: unknown) => e)).toMatchObject({
      init: { status: 400 },
      data: { messageKey: 'api.errors.badForm' },
    });
  });

  test('does not overwrite a session cookie the route set itself (sign-in, sign-out)', async () => {
    const cleared = new Response(null, {
      status: 302,
      headers: { 'set-cookie': 'outpost_session=; Max-Age=0' },
    });
    const { result } = run(
      new Request('http://localhost/sign-out', {
        method: 'POST',
        headers: { cookie: `outpost_session=${token}` },
      }),
      cleared,
    );
    const response = await result;
    expect(response.headers.getSetCookie()).toEqual(['outpost_session=; Max-Age=0']);
  });
});
