import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { LocalDiskStorage } from '@outpost/core';
import { personById, type SlackGateway, slackLinkOf } from '@outpost/core';
import { type DatabaseConnection, sessions, users } from '@outpost/db';
import { createTestDatabase } from '@outpost/db/testing';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import type { PortalDeps } from '../app/context';
import { linkSlackAction, saveLanguageAction, unlinkSlackAction } from '../app/lib/account-actions.server';
import type { Viewer } from '../app/lib/viewer.server';
import { captureLogs } from '@outpost/log';

let conn: DatabaseConnection;
let viewer: Viewer;

beforeAll(async () => {
  conn = await createTestDatabase();
  const [user] = await conn.db
    .insert(users)
    .values({ kind: 'staff', email: 'li@outpost.test', displayName: 'Li', staffRoles: ['reviewer'] })
    .returning();
  const [session] = await conn.db
    .insert(sessions)
    .values({ id: 'session-1', secretHash: new Uint8Array(32), userId: user!.id })
    .returning();
  viewer = { person: (await personById(conn.db, user!.id))!, session: session!, unread: 0 };
});
afterAll(async () => {
  await conn?.close();
});

const deps = (slack: SlackGateway | null): PortalDeps => ({
  db: conn.db,
  slack,
  storage: new LocalDiskStorage(mkdtempSync(path.join(os.tmpdir(), 'outpost-portal-files-'))),
  publicUrl: 'http://localhost',
  uploadMaxBytes: 1024 * 1024,
  mailEnabled: false,
});
const fakeSlack = (lookup: SlackGateway['lookupUserByEmail']): SlackGateway => ({
  lookupUserByEmail: lookup,
  postMessage: async () => ({ channel: 'C1', ts: '1' }),
  updateMessage: async () => {},
});
const form = (values: Record<string, string> = {}) => {
  const f = new FormData();
  for (const [k, v] of Object.entries(values)) f.set(k, v);
  return f;
};

describe('linking Slack from the account page', () => {
  test('says so when Slack is not configured', async () => {
    const result = await linkSlackAction({ deps: deps(null), viewer, locale: 'en', form: form() });
    expect(result.errors?.form).toMatch(/Slack is not connected/);
  });

  test('says which e-mail had no Slack user', async () => {
    const result = await linkSlackAction({
      deps: deps(fakeSlack(async () => null)),
      viewer,
      locale: 'en',
      form: form(),
    });
    expect(result.errors?.form).toBe('No Slack user in the workspace has the e-mail li@outpost.test.');
  });

  test('reports Slack being unreachable without failing the page', async () => {
    const quiet = captureLogs('fatal');
    const slack = fakeSlack(async () => Promise.reject(new Error('ECONNRESET')));
    const result = await linkSlackAction({ deps: deps(slack), viewer, locale: 'zh-CN', form: form() });
    expect(result.status).toBe(502);
    expect(result.errors?.form).toBe('暂时无法连接 Slack，请稍后重试。');
    quiet.restore();
  });

  test('links the Slack user found by the person’s e-mail, then unlinks it', async () => {
    const lookup = vi.fn(async () => ({ slackUserId: 'U0LI', teamId: 'T01' }));
    const result = await linkSlackAction({
      deps: deps(fakeSlack(lookup)),
      viewer,
      locale: 'en',
      form: form(),
    });
    expect(lookup).toHaveBeenCalledWith('li@outpost.test');
    expect(result.notice).toBe('Linked to Slack user U0LI.');
    expect(await slackLinkOf(conn.db, viewer.person.user.id)).toMatchObject({
      slackUserId: 'U0LI',
      // Asked for by the signed-in person: the portal's own link (it may move an existing one).
      linkedVia: 'portal',
    });

    await unlinkSlackAction({ deps: deps(null), viewer, locale: 'en', form: form() });
    expect(await slackLinkOf(conn.db, viewer.person.user.id)).toBeNull();
  });
});

describe('saving the preferred language', () => {
  test('saves it and asks for the cookie to follow (the cookie outranks the saved value)', async () => {
    const result = await saveLanguageAction({
      deps: deps(null),
      viewer,
      locale: 'zh-CN',
      form: form({ locale: 'en' }),
    });
    expect(result).toMatchObject({
      status: 200,
      setCookieLocale: 'en',
      notice: 'Your preferred language has been saved.',
    });
    const [row] = await conn.db
      .select({ locale: users.locale })
      .from(users)
      .where(eq(users.id, viewer.person.user.id));
    expect(row?.locale).toBe('en');
  });

  test('refuses an unsupported language', async () => {
    const result = await saveLanguageAction({
      deps: deps(null),
      viewer,
      locale: 'en',
      form: form({ locale: 'fr' }),
    });
    expect(result.status).toBe(400);
  });
});
