import { mkdtempSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { connect } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { serve } from '@hono/node-server';
import { configureAuth, createSession, defaultAuthSettings, hashPassword } from '@outpost/auth';
import { createApiKey, LocalDiskStorage } from '@outpost/core';
import { makePartner, makePartnerUser, makeStaff } from '@outpost/core/testing';
import type { DatabaseConnection } from '@outpost/db';
import { createTestDatabase } from '@outpost/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.ts';
import { createWebApp } from '../src/web.ts';

let conn: DatabaseConnection;
beforeAll(async () => {
  conn = await createTestDatabase();
});
afterAll(async () => {
  configureAuth(defaultAuthSettings);
  await conn.close();
});

const storage = new LocalDiskStorage(mkdtempSync(path.join(os.tmpdir(), 'outpost-hardening-files-')));
let seenByPortal: Request | null = null;
const portal = async (request: Request) => {
  seenByPortal = request;
  return new Response('<!DOCTYPE html><html><body>portal</body></html>', {
    headers: { 'Content-Type': 'text/html; charset=utf-8' },
  });
};
const webApp = (env: Record<string, string> = {}) =>
  createWebApp({ conn, config: loadConfig(env), slack: null, portal, storage });

/** One raw HTTP/1.1 exchange after another on a single keep-alive socket. */
function rawSocket(port: number) {
  const socket = connect(port, '127.0.0.1');
  let received = '';
  let ended = false;
  let error: Error | null = null;
  socket.on('data', (d) => (received += d.toString('latin1')));
  socket.on('end', () => (ended = true));
  socket.on('error', (e) => (error = e));
  const waitFor = async (test: () => boolean) => {
    for (let i = 0; i < 200 && !test(); i++) await new Promise((r) => setTimeout(r, 25));
  };
  return {
    write: (s: string | Buffer) => new Promise<void>((resolve) => socket.write(s, () => resolve())),
    received: () => received,
    ended: () => ended,
    error: () => error,
    waitFor,
    close: () => socket.destroy(),
  };
}

describe('413 on a keep-alive connection (finding 10)', () => {
  it('says Connection: close and closes cleanly; the next request on a new connection works', async () => {
    const app = webApp({ UPLOAD_MAX_BYTES: '1024', MAX_BODY_BYTES: '1024' });
    const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
    await new Promise((r) => server.once('listening', r));
    const { port } = server.address() as AddressInfo;
    try {
      const s = rawSocket(port);
      const size = 64 * 1024 * 1024; // beyond every limit (uploads, event batches)
      await s.write(
        `POST /p/documents HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nConnection: keep-alive\r\nContent-Type: application/octet-stream\r\nContent-Length: ${size}\r\n\r\n`,
      );
      await s.write(Buffer.alloc(16 * 1024, 'x'));
      await s.waitFor(() => s.received().includes('\r\n\r\n'));
      const head = s.received().split('\r\n\r\n')[0]!.toLowerCase();
      expect(head).toMatch(/^http\/1\.1 413/);
      expect(head).toContain('connection: close');
      expect(head).not.toContain('keep-alive');
      await s.waitFor(() => s.ended() || s.error() !== null);
      expect(s.ended() || s.error() !== null).toBe(true);
      s.close();

      // A client that honours "close" opens a new connection, which works.
      const next = rawSocket(port);
      await next.write(`GET /healthz HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nConnection: keep-alive\r\n\r\n`);
      await next.waitFor(() => next.received().includes('"ok"'));
      expect(next.received()).toMatch(/^HTTP\/1\.1 200/);
      expect(next.error()).toBeNull();
      next.close();
    } finally {
      await new Promise((r) => server.close(r));
    }
  });
});

describe('body limit in front of every route (finding 14)', () => {
  it('/slack/events refuses a body without Content-Length once it passes the limit', async () => {
    const app = webApp({ MAX_BODY_BYTES: '2048' });
    const chunk = new TextEncoder().encode('x'.repeat(1024));
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        // Would go on for 100 MB: the limit stops reading long before.
        if (sent++ > 100_000) controller.close();
        else controller.enqueue(chunk);
      },
    });
    const response = await app.request('/slack/events', {
      method: 'POST',
      body,
      duplex: 'half',
    } as RequestInit);
    expect(response.status).toBe(413);
    expect(await response.json()).toMatchObject({ error: { code: 'payload_too_large' } });
    expect(sent).toBeLessThan(100);
  });
});

describe('response security headers (finding 11)', () => {
  it('a page gets a nonce-based script-src; the nonce is the one the portal rendered with', async () => {
    const response = await webApp().request('/p');
    const csp = response.headers.get('content-security-policy')!;
    const nonce = seenByPortal!.headers.get('x-outpost-csp-nonce');
    expect(nonce).toMatch(/^[A-Za-z0-9+/=]{20,}$/);
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain(`script-src 'self' 'nonce-${nonce}'`);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(response.headers.get('x-frame-options')).toBe('DENY');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    // Each response has its own nonce, and a client cannot choose it.
    await webApp().request('/p', { headers: { 'x-outpost-csp-nonce': 'chosen' } });
    expect(seenByPortal!.headers.get('x-outpost-csp-nonce')).not.toBe('chosen');
    expect(seenByPortal!.headers.get('x-outpost-csp-nonce')).not.toBe(nonce);
  });

  it('/api/docs gets its own CSP (hashes for its inline script), no framing, nosniff', async () => {
    const response = await webApp().request('/api/docs');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-security-policy')).toMatch(
      /default-src 'none'; script-src 'sha256-/,
    );
    expect(response.headers.get('x-frame-options')).toBe('DENY');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('API JSON is nosniff and not stored', async () => {
    const response = await webApp().request('/api/v1/partners');
    expect(response.status).toBe(401);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('content-security-policy')).toContain("default-src 'none'");
  });

  it('HSTS over HTTPS, and behind a trusted proxy that says https — not otherwise', async () => {
    expect(
      (await webApp().request('http://localhost/healthz')).headers.get('strict-transport-security'),
    ).toBeNull();
    expect(
      (await webApp().request('https://outpost.example/healthz')).headers.get('strict-transport-security'),
    ).toMatch(/max-age=\d+/);
    const proxied = { headers: { 'x-forwarded-proto': 'https' } };
    expect(
      (await webApp().request('http://localhost/healthz', proxied)).headers.get('strict-transport-security'),
    ).toBeNull();
    configureAuth({ trustProxyHops: 1 });
    try {
      expect(
        (await webApp().request('http://localhost/healthz', proxied)).headers.get(
          'strict-transport-security',
        ),
      ).toMatch(/max-age=\d+/);
    } finally {
      configureAuth({ trustProxyHops: 0 });
    }
  });
});

describe('client address behind a proxy (finding 12)', () => {
  it('the portal gets the rightmost untrusted X-Forwarded-For hop, only with TRUST_PROXY', async () => {
    const env = { incoming: { socket: { remoteAddress: '10.0.0.1' } } };
    const headers = { 'x-forwarded-for': '6.6.6.6, 198.51.100.7' };
    await webApp().request('/sign-in', { headers }, env);
    expect(seenByPortal!.headers.get('x-outpost-client-ip')).toBe('10.0.0.1');
    configureAuth({ trustProxyHops: 1 });
    try {
      await webApp().request('/sign-in', { headers }, env);
      expect(seenByPortal!.headers.get('x-outpost-client-ip')).toBe('198.51.100.7');
    } finally {
      configureAuth({ trustProxyHops: 0 });
    }
  });
});

describe('settings go through the configuration (finding 13)', () => {
  it('a bad SESSION_TTL_DAYS or TRUST_PROXY stops start-up naming the variable', () => {
    expect(() => loadConfig({ SESSION_TTL_DAYS: 'abc' })).toThrow(ConfigError);
    expect(() => loadConfig({ SESSION_TTL_DAYS: 'abc' })).toThrow(/SESSION_TTL_DAYS/);
    expect(() => loadConfig({ TRUST_PROXY: 'yes' })).toThrow(/TRUST_PROXY/);
    expect(() => loadConfig({ API_RATE_LIMIT_PER_KEY: '0' })).toThrow(/API_RATE_LIMIT_PER_KEY/);
    expect(loadConfig({ SESSION_TTL_DAYS: '2', TRUST_PROXY: 'true' })).toMatchObject({
      sessionInactivityMs: 2 * 24 * 3600 * 1000,
      trustProxyHops: 1,
    });
  });
});

describe('API rate limits per key and per session, shared through the database (finding 14)', () => {
  it('two app instances on one database share the limit; the excess gets 429 with Retry-After', async () => {
    {
      const partner = await makePartner(conn.db);
      const admin = await makePartnerUser(conn.db, partner.id);
      const { key } = await createApiKey(conn.db, admin.actor, { name: 'Limited', scopes: ['events'] });
      const limits = { API_RATE_LIMIT_PER_KEY: '4', API_RATE_LIMIT_PER_SESSION: '3' };
      const [a, b] = [webApp(limits), webApp(limits)];
      const statuses: number[] = [];
      for (let i = 0; i < 6; i++) {
        const app = i % 2 === 0 ? a : b;
        const response = await app.request('/api/v1/kpis', { headers: { authorization: `Bearer ${key}` } });
        statuses.push(response.status);
        if (response.status === 429) {
          expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(0);
          expect(await response.json()).toMatchObject({
            error: { code: 'too_many_requests', details: { retryAfterSeconds: expect.any(Number) } },
          });
        }
      }
      expect(statuses.filter((s) => s === 429)).toHaveLength(2);

      const { token } = await createSession(conn.db, admin.user.id);
      const cookie = { cookie: `outpost_session=${token}` };
      const sessionStatuses: number[] = [];
      for (let i = 0; i < 5; i++) {
        sessionStatuses.push(
          (await (i % 2 ? a : b).request('/api/v1/notifications', { headers: cookie })).status,
        );
      }
      expect(sessionStatuses.slice(0, 3).every((s) => s < 400)).toBe(true);
      expect(sessionStatuses.slice(3)).toEqual([429, 429]);
    }
  });
});

describe('sign-in through the API: parallel guesses and device cookies (findings 4, 5)', () => {
  it('20 parallel wrong passwords: 5 checked, 15 refused with 429 and Retry-After', async () => {
    await makeStaff(conn.db, ['reviewer'], {
      passwordHash: await hashPassword('correct horse battery'),
      email: 'api-parallel@outpost.test',
    });
    const app = webApp();
    const responses = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        app.request(
          '/api/v1/sessions',
          {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ email: 'api-parallel@outpost.test', password: `guess-${i}` }),
          },
          { incoming: { socket: { remoteAddress: `10.20.0.${i}` } } },
        ),
      ),
    );
    const statuses = responses.map((r) => r.status);
    expect(statuses.filter((s) => s === 401)).toHaveLength(5);
    expect(statuses.filter((s) => s === 429)).toHaveLength(15);
    expect(Number(responses.find((r) => r.status === 429)!.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('a browser that signed in before keeps signing in while others fail from elsewhere', async () => {
    configureAuth({ deviceCookieKey: new TextEncoder().encode('hardening test key, thirty-two chars+') });
    try {
      await makeStaff(conn.db, ['reviewer'], {
        passwordHash: await hashPassword('correct horse battery'),
        email: 'api-owner@outpost.test',
      });
      const app = webApp();
      const from = (address: string) => ({ incoming: { socket: { remoteAddress: address } } });
      const attempt = (password: string, address: string, cookie?: string) =>
        app.request(
          '/api/v1/sessions',
          {
            method: 'POST',
            headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
            body: JSON.stringify({ email: 'api-owner@outpost.test', password }),
          },
          from(address),
        );
      const first = await attempt('correct horse battery', '10.30.0.1');
      expect(first.status).toBe(201);
      const device = first.headers.getSetCookie().find((c) => c.startsWith('outpost_device='))!;
      expect(device).toMatch(/HttpOnly/);
      const deviceCookie = device.split(';')[0]!;
      for (let i = 0; i < 5; i++) expect((await attempt(`guess-${i}`, `203.0.113.${i}`)).status).toBe(401);
      // Untrusted clients of the account are locked out, from any address…
      expect((await attempt('correct horse battery', '10.30.0.2')).status).toBe(429);
      // …the owner's browser is not.
      expect((await attempt('correct horse battery', '10.30.0.3', deviceCookie)).status).toBe(201);
    } finally {
      configureAuth({ deviceCookieKey: null });
    }
  });
});
