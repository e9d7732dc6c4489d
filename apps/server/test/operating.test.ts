import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { deliverDueOutbox, LocalDiskStorage, notify, type SlackGateway } from '@outpost/core';
import { makeStaff } from '@outpost/core/testing';
import { type DatabaseConnection, outbox, slackLinks } from '@outpost/db';
import { createTestDatabase } from '@outpost/db/testing';
import { captureLogs } from '@outpost/log';
import { eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.ts';
import { createMetrics, type Metrics } from '../src/operating/metrics.ts';
import { createWebApp } from '../src/web.ts';

let conn: DatabaseConnection;
let metrics: Metrics;
let staffId: string;
beforeAll(async () => {
  conn = await createTestDatabase();
  metrics = createMetrics(conn);
  staffId = (await makeStaff(conn.db, ['reviewer'])).user.id;
  await conn.db.insert(slackLinks).values({ userId: staffId, slackUserId: 'U0OPS1', linkedVia: 'portal' });
});
afterAll(async () => {
  metrics.close();
  await conn.close();
});
let capture: ReturnType<typeof captureLogs> | undefined;
afterEach(() => capture?.restore());

const storage = new LocalDiskStorage(mkdtempSync(path.join(os.tmpdir(), 'outpost-ops-files-')));
const TOKEN = 'metrics-token-for-tests-0123456789';

/** A portal page whose action notifies someone, as a real page's action would. */
const portal = async (request: Request) => {
  if (new URL(request.url).pathname === '/notify') {
    await conn.db.transaction((tx) =>
      notify(tx, {
        userIds: [staffId],
        template: 'notify.partner_created',
        params: { name: 'Ops Ltd', creditCode: '91310000MA1FL8XQ3N' },
        link: '/s/partners/1',
        slackChannel: null,
      }),
    );
  }
  return new Response('portal', { status: 200 });
};
const app = (env: Record<string, string> = {}) =>
  createWebApp({ conn, config: loadConfig(env), slack: null, portal, storage, metrics });

describe('request id and access log', () => {
  it('keeps a sane X-Request-Id, replaces any other, and logs one line per request without secrets', async () => {
    capture = captureLogs();
    const web = app();
    const kept = await web.request('/healthz', {
      headers: { 'x-request-id': 'lb-4711', cookie: 'outpost_session=very-secret-session' },
    });
    expect(kept.headers.get('x-request-id')).toBe('lb-4711');
    const replaced = await web.request('/api/v1/partners/123?token=abc', {
      headers: { 'x-request-id': 'no spaces allowed', authorization: 'Bearer opk_bad_secret' },
    });
    const newId = replaced.headers.get('x-request-id')!;
    expect(newId).toMatch(/^[0-9a-f-]{36}$/);
    // The API's error body quotes the same id.
    expect(((await replaced.json()) as { error: { requestId: string } }).error.requestId).toBe(newId);

    const access = capture.lines().filter((l) => l.component === 'http');
    expect(access).toEqual([
      expect.objectContaining({ method: 'GET', route: '/healthz', status: 200, requestId: 'lb-4711' }),
      expect.objectContaining({
        method: 'GET',
        route: '/api/v1/partners/:id',
        status: 401,
        requestId: newId,
      }),
    ]);
    expect(typeof access[0]!.durationMs).toBe('number');
    const all = JSON.stringify(capture.lines());
    expect(all).not.toMatch(/very-secret-session|opk_bad_secret|token=abc|\/partners\/123/);
  });

  it('carries the request id into the outbox row it enqueues, and the delivery logs it', async () => {
    await conn.db.delete(outbox);
    capture = captureLogs();
    const response = await app().request('/notify', {
      method: 'POST',
      headers: { 'x-request-id': 'req-notify-1' },
    });
    expect(response.status).toBe(200);
    const [row] = await conn.db.select().from(outbox).where(eq(outbox.channel, 'slack'));
    expect(row!.requestId).toBe('req-notify-1');

    // The worker, later and outside any request.
    const posted: string[] = [];
    const slack = {
      postMessage: async (m: { channel: string }) => {
        posted.push(m.channel);
        return { channel: m.channel, ts: '1.1' };
      },
      updateMessage: async () => {},
    } as unknown as SlackGateway;
    const report = await deliverDueOutbox(conn.db, slack, {
      publicUrl: 'http://localhost:3000',
      now: new Date(Date.now() + 1000),
    });
    expect(report.sent).toBe(1);
    expect(posted).toEqual(['U0OPS1']);
    expect(capture.lines()).toContainEqual(
      expect.objectContaining({
        component: 'outbox',
        msg: 'outbox message sent',
        outboxId: row!.id,
        requestId: 'req-notify-1',
      }),
    );
  });
});

describe('/metrics', () => {
  it('is not found without METRICS_TOKEN and needs the bearer token when set', async () => {
    expect((await app().request('/metrics')).status).toBe(404);
    const web = app({ METRICS_TOKEN: TOKEN });
    expect((await web.request('/metrics')).status).toBe(401);
    expect((await web.request('/metrics', { headers: { authorization: 'Bearer wrong' } })).status).toBe(401);
    const ok = await web.request('/metrics', { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-type')).toMatch(/^text\/plain/);
  });

  it('publishes latency by route pattern and the database figures, the same from every process', async () => {
    await conn.db.delete(outbox);
    await conn.db.insert(outbox).values([
      { channel: 'slack', target: 'C1', payload: {} },
      { channel: 'slack', target: 'C2', payload: {} },
      { channel: 'email', target: 'a@b.test', payload: {}, status: 'dead' },
    ]);
    const web = app({ METRICS_TOKEN: TOKEN });
    await web.request('/api/v1/partners/42');
    await web.request('/api/v1/partners/43');
    const scrape = async (m: Metrics): Promise<string> => {
      const web = createWebApp({
        conn,
        config: loadConfig({ METRICS_TOKEN: TOKEN }),
        slack: null,
        portal,
        storage,
        metrics: m,
      });
      return (await web.request('/metrics', { headers: { authorization: `Bearer ${TOKEN}` } })).text();
    };
    const text = await scrape(metrics);
    expect(text).toMatch(
      /outpost_http_request_duration_seconds_count\{method="GET",route="\/api\/v1\/partners\/:id",status="401"\} 3/, // with the first test's
    );
    expect(text).not.toMatch(/partners\/42/);
    expect(text).toMatch(/outpost_outbox_backlog\{channel="slack"\} 2/);
    expect(text).toMatch(/outpost_outbox_dead_letters\{channel="email"\} 1/);
    expect(text).toMatch(/outpost_approvals_pending\{kind="contract_approval"\} 0/);
    expect(text).toMatch(/outpost_metrics_database_up 1/);
    // The embedded database, or PostgreSQL when the suite runs on DATABASE_URL.
    expect(text).toMatch(/outpost_db_transaction_wait_seconds_count\{database="(pglite|postgres)"\} \d+/);
    expect(text).toMatch(/# TYPE outpost_risk_alerts gauge/);

    // Another process (its own registry, its own counters): the database figures are the same.
    const other = createMetrics(conn);
    try {
      const second = await scrape(other);
      expect(second).toMatch(/outpost_outbox_backlog\{channel="slack"\} 2/);
      expect(second).toMatch(/outpost_outbox_dead_letters\{channel="email"\} 1/);
    } finally {
      other.close();
    }
  });
});
