import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { LocalDiskStorage } from '@outpost/core';
import type { DatabaseConnection } from '@outpost/db';
import { createTestDatabase } from '@outpost/db/testing';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.ts';
import { createWebApp } from '../src/web.ts';

let conn: DatabaseConnection;
beforeAll(async () => {
  conn = await createTestDatabase();
});
afterAll(() => conn.close());

const storage = new LocalDiskStorage(mkdtempSync(path.join(os.tmpdir(), 'outpost-probe-files-')));
// The portal is not under test here; it answers a marker so routing can be checked.
const portal = async () => new Response('portal', { status: 200 });

describe('health probes and routing', () => {
  it('/healthz is up, /readyz checks the database and its migrations', async () => {
    const app = createWebApp({ conn, config: loadConfig({}), slack: null, portal, storage });
    expect(await (await app.request('/healthz')).json()).toEqual({ status: 'ok' });
    const ready = await app.request('/readyz');
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ status: 'ready' });
  });

  it('/readyz answers 503 when migrations are missing', async () => {
    const app = createWebApp({ conn, config: loadConfig({}), slack: null, portal, storage });
    await conn.db.execute(
      sql`delete from drizzle.__drizzle_migrations where id = (select max(id) from drizzle.__drizzle_migrations)`,
    );
    const ready = await app.request('/readyz');
    expect(ready.status).toBe(503);
    expect(await ready.json()).toMatchObject({ database: 'migrations pending' });
  });

  it('routes /api to the API, /slack/events to Slack (404 when not configured), the rest to the portal', async () => {
    const app = createWebApp({ conn, config: loadConfig({}), slack: null, portal, storage });
    expect((await app.request('/api/openapi.json')).status).toBe(200);
    const slack = await app.request('/slack/events', { method: 'POST', body: '{}' });
    expect(slack.status).toBe(404);
    expect(await slack.json()).toMatchObject({ error: { code: 'slack_not_configured' } });
    expect(await (await app.request('/p')).text()).toBe('portal');
  });

  it('hands the portal the socket address in its own header, never one the client sent', async () => {
    let seen: string | null = 'unset';
    const capture = async (request: Request) => {
      seen = request.headers.get('x-outpost-client-ip');
      return new Response('portal');
    };
    const app = createWebApp({ conn, config: loadConfig({}), slack: null, portal: capture, storage });
    const env = { incoming: { socket: { remoteAddress: '10.1.2.3' } } };
    await app.request(
      '/sign-in',
      { method: 'POST', body: 'email=a', headers: { 'x-outpost-client-ip': '6.6.6.6' } },
      env,
    );
    expect(seen).toBe('10.1.2.3');
    await app.request('/sign-in', { headers: { 'x-outpost-client-ip': '6.6.6.6' } });
    expect(seen).toBeNull();
  });
});
