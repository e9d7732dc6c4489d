import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { hashPassword } from '@outpost/auth';
import { LocalDiskStorage } from '@outpost/core';
import { auditLog, type DatabaseConnection, users } from '@outpost/db';
import { createTestDatabase } from '@outpost/db/testing';
import { eq } from 'drizzle-orm';
import { RouterContextProvider } from 'react-router';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { depsContext, localeContext, viewerContext } from '../app/context';
import { requestMiddleware } from '../app/lib/request-middleware.server';
import { action as langAction } from '../app/routes/lang';
import { action as signInAction } from '../app/routes/sign-in';

/**
 * Decision record 025: a page's language is the language cookie, else Accept-Language,
 * else zh-CN; the saved preference (users.locale) is for Slack and e-mail and follows
 * the switch; signing in never changes the page language.
 */
let conn: DatabaseConnection;
let userId: string;
const email = 'lang@outpost.test';
const password = 'correct horse battery staple';

beforeAll(async () => {
  conn = await createTestDatabase();
  const [user] = await conn.db
    .insert(users)
    .values({
      kind: 'staff',
      email,
      displayName: 'Lang',
      staffRoles: ['reviewer'],
      locale: 'zh-CN',
      passwordHash: await hashPassword(password),
    })
    .returning();
  userId = user!.id;
});
afterAll(async () => {
  await conn?.close();
});

/** One portal request through the root middleware, then `handler` (a route's action). */
async function run(request: Request, handler: (context: RouterContextProvider) => Promise<Response>) {
  const context = new RouterContextProvider();
  context.set(depsContext, {
    db: conn.db,
    slack: null,
    storage: new LocalDiskStorage(mkdtempSync(path.join(os.tmpdir(), 'outpost-portal-files-'))),
    publicUrl: 'http://localhost',
    uploadMaxBytes: 1024 * 1024,
    mailEnabled: false,
  });
  const response = await requestMiddleware({ request, context, params: {} } as never, async () => {
    try {
      return await handler(context);
    } catch (thrown) {
      if (thrown instanceof Response) return thrown;
      throw thrown;
    }
  });
  return { context, response: response as Response };
}

const post = (url: string, fields: Record<string, string>, headers: Record<string, string> = {}) =>
  new Request(`http://localhost${url}`, {
    method: 'POST',
    headers: { origin: 'http://localhost', 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body: new URLSearchParams(fields),
  });

const savedLocale = async () =>
  (await conn.db.select({ locale: users.locale }).from(users).where(eq(users.id, userId)))[0]!.locale;

async function signInCookie(headers: Record<string, string>) {
  const { response, context } = await run(
    post('/sign-in', { email, password }, headers),
    async (ctx) =>
      (await signInAction({
        context: ctx,
        request: post('/sign-in', { email, password }, headers),
      } as never)) as Response,
  );
  return { response, context };
}

describe('page language', () => {
  test('an English browser signs in and stays English although the saved preference is Chinese', async () => {
    const english = { 'accept-language': 'en-US,en;q=0.9' };
    const { response, context } = await signInCookie(english);
    expect(context.get(localeContext)).toBe('en'); // the sign-in page itself
    expect(response.status).toBe(302);
    const cookies = response.headers.getSetCookie();
    expect(cookies.some((c) => c.startsWith('outpost_lang='))).toBe(false); // signing in sets no language
    const session = cookies.find((c) => c.startsWith('outpost_session='))!.split(';')[0]!;
    const after = await run(
      new Request('http://localhost/s', { headers: { ...english, cookie: session } }),
      async () => new Response('ok'),
    );
    expect(after.context.get(viewerContext)?.person.user.email).toBe(email);
    expect(after.context.get(localeContext)).toBe('en');
    expect(await savedLocale()).toBe('zh-CN'); // signing in did not touch the preference either
  });

  test('the switch sets the cookie (which then wins) and saves the preference for messages, audited', async () => {
    const { response } = await signInCookie({});
    const session = response.headers
      .getSetCookie()
      .find((c) => c.startsWith('outpost_session='))!
      .split(';')[0]!;
    const switched = await run(
      post('/lang', { locale: 'en', redirectTo: '/s' }, { cookie: session, 'accept-language': 'zh-CN' }),
      (ctx) =>
        langAction({
          context: ctx,
          request: post('/lang', { locale: 'en', redirectTo: '/s' }, { cookie: session }),
        } as never) as Promise<Response>,
    );
    expect(switched.response.status).toBe(302);
    expect(switched.response.headers.get('location')).toBe('/s');
    const langCookie = switched.response.headers.getSetCookie().find((c) => c.startsWith('outpost_lang='))!;
    expect(langCookie).toMatch(/^outpost_lang=en;/);
    expect(await savedLocale()).toBe('en');
    const entries = await conn.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, 'user.locale_changed'))
      .orderBy(auditLog.id);
    expect(entries.at(-1)).toMatchObject({ entityId: userId, data: { from: 'zh-CN', to: 'en' } });

    const next = await run(
      new Request('http://localhost/s', {
        headers: { cookie: `${session}; ${langCookie.split(';')[0]}`, 'accept-language': 'zh-CN' },
      }),
      async () => new Response('ok'),
    );
    expect(next.context.get(localeContext)).toBe('en');

    // Back to Chinese (and the preference with it).
    await run(
      post('/lang', { locale: 'zh-CN', redirectTo: '/s' }, { cookie: session }),
      (ctx) =>
        langAction({
          context: ctx,
          request: post('/lang', { locale: 'zh-CN', redirectTo: '/s' }, { cookie: session }),
        } as never) as Promise<Response>,
    );
    expect(await savedLocale()).toBe('zh-CN');
  });

  test('signed out, the switch only sets the cookie', async () => {
    const before = await savedLocale();
    const { response } = await run(
      post('/lang', { locale: 'en', redirectTo: '/sign-in' }),
      (ctx) =>
        langAction({
          context: ctx,
          request: post('/lang', { locale: 'en', redirectTo: '/sign-in' }),
        } as never) as Promise<Response>,
    );
    expect(response.headers.getSetCookie().some((c) => c.startsWith('outpost_lang=en;'))).toBe(true);
    expect(await savedLocale()).toBe(before);
  });
});
