import { pathToFileURL } from 'node:url';
import { createSession } from '@outpost/auth';
import { enrolTotpForTest, TEST_TOTP_KEY } from '@outpost/auth/testing';
import { makeStaff } from '@outpost/core/testing';
import { type DatabaseConnection, rowsOf } from '@outpost/db';
import { createTestDatabase } from '@outpost/db/testing';
import { sql } from 'drizzle-orm';
import type { ServerBuild } from 'react-router';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { loadConfig } from '../../apps/server/src/config.ts';
import { handlerForBuild } from '../../apps/server/src/portal.ts';
import { createWebApp } from '../../apps/server/src/web.ts';
import { buildWorld, type World } from '../fuzz/world.ts';
import { portalServerBuild } from '../support/e2e-paths.ts';

/**
 * The auditor changes nothing, anywhere (issue 16, decision record 053): every state-changing
 * route of the API and the portal is sent as an auditor, with the ids of real data (the fuzz
 * world's own partner), an empty body and a hand-made one. Every answer is a refusal — no 2xx,
 * no redirect to a success page — a 403 carries its code, and no table changes. The only
 * exceptions are the auditor's own session and preferences (sign out, language, account).
 */
let conn: DatabaseConnection;
let world: World;
let auditorCookie: () => Promise<string>;

/** Routes that change only the caller's own session or preferences: an auditor may use them. */
const ownSelf = [
  /^POST \/sign-out$/,
  /^POST \/lang$/,
  /^POST \/account/,
  /^POST \/inbox$/,
  /^(POST|DELETE) \/api\/v1\/sessions/,
  /^POST \/api\/v1\/notifications\/:id\/read$/,
  // Public pages anyone may post to (signed out or not): sign-in, password reset, invitations.
  /^POST \/(sign-in|forgot-password|reset-password|invitations|staff-invitations|accept|invite)/,
  /^POST \/api\/v1\/invitations\/:token\/accept$/,
];

/** Tables whose rows belong to the caller's session or the request machinery, not to the business. */
const machinery = /^(sessions|login_throttle|login_attempts|rate_limits|request_log|mfa_pending|pgboss)/;

beforeAll(async () => {
  conn = await createTestDatabase();
  world = await buildWorld(conn.db);
  const auditor = await makeStaff(conn.db, ['auditor']);
  await enrolTotpForTest(conn.db, auditor.user.id, TEST_TOTP_KEY);
  auditorCookie = async () => `outpost_session=${(await createSession(conn.db, auditor.user.id)).token}`;
});
afterAll(() => conn?.close());

/** Row counts of every business table, and the audit log's head: what "nothing changed" means. */
async function fingerprint(): Promise<Record<string, number>> {
  const tables = rowsOf<{ name: string }>(
    await conn.db.execute(
      sql`select table_name as name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by 1`,
    ),
  )
    .map((t) => t.name)
    .filter((name) => !machinery.test(name) && !name.startsWith('__'));
  const counts: Record<string, number> = {};
  for (const name of tables) {
    const [row] = rowsOf<{ n: number }>(
      await conn.db.execute(sql.raw(`select count(*)::int as n from "${name}"`)),
    );
    counts[name] = Number(row?.n ?? 0);
  }
  const [head] = rowsOf<{ id: number | null }>(
    await conn.db.execute(sql`select max(id)::int as id from audit_log`),
  );
  counts['audit_log:head'] = Number(head?.id ?? 0);
  return counts;
}

const idFor = (name: string, path: string) => {
  const segments = path.split('/');
  const at = segments.indexOf(`:${name}`);
  const ids = world.ids[segments[at - 1] ?? ''] ?? world.ids[name] ?? world.ids.any ?? [];
  return encodeURIComponent(ids[0] ?? '00000000-0000-4000-8000-000000000000');
};
const fill = (path: string) => path.replace(/:(\w+)/g, (_, name: string) => idFor(name, path));

interface BuildRoute {
  id: string;
  parentId?: string;
  path?: string;
  index?: boolean;
  module: { action?: unknown };
}

it('an auditor trying any change anywhere is refused, and nothing changes', async () => {
  const build = (await import(pathToFileURL(portalServerBuild).href)) as ServerBuild;
  const portal = handlerForBuild(
    build,
    {
      db: conn.db,
      slack: null,
      storage: world.storage,
      publicUrl: 'http://localhost',
      uploadMaxBytes: 1024 * 1024,
      mailEnabled: false,
    },
    'production',
  );
  const app = createWebApp({
    conn,
    config: loadConfig({ API_RATE_LIMIT_PER_KEY: '100000', API_RATE_LIMIT_PER_SESSION: '100000' }),
    slack: null,
    portal,
    storage: world.storage,
  });

  const routes: { key: string; method: string; url: string; bodies: { type: string; text: string }[] }[] = [];
  const seen = new Set<string>();
  for (const r of app.routes) {
    if (!r.path.startsWith('/api/v1/') || ['ALL', 'GET', 'HEAD', 'OPTIONS'].includes(r.method)) continue;
    const key = `${r.method} ${r.path}`;
    if (seen.has(key)) continue;
    seen.add(key);
    routes.push({
      key,
      method: r.method,
      url: fill(r.path),
      bodies: [
        { type: 'application/json', text: '{}' },
        // A plausible body: the usual fields of a change, so validation is not what stops it.
        {
          type: 'application/json',
          text: JSON.stringify({ name: 'x', reason: 'Because', note: 'n', status: 'active', title: 't' }),
        },
      ],
    });
  }
  const buildRoutes = build.routes as unknown as Record<string, BuildRoute | undefined>;
  const fullPath = (route: BuildRoute): string => {
    const parent = route.parentId ? buildRoutes[route.parentId] : undefined;
    const base = parent ? fullPath(parent) : '';
    return route.path ? `${base.replace(/\/$/, '')}/${route.path}` : base;
  };
  for (const route of Object.values(buildRoutes)) {
    if (!route || route.id === 'root' || typeof route.module.action !== 'function') continue;
    if (route.path === undefined && !route.index) continue;
    const path = fullPath(route) || '/';
    if (path.includes('*')) continue;
    routes.push({
      key: `POST ${path}`,
      method: 'POST',
      url: route.index ? `${fill(path)}?index` : fill(path),
      bodies: [
        { type: 'application/x-www-form-urlencoded', text: '' },
        // Each staff page's forms name an intent: try the usual ones with plausible fields.
        ...['create', 'save', 'approve', 'decide', 'close', 'finding', 'update', 'delete'].map((intent) => ({
          type: 'application/x-www-form-urlencoded',
          text: new URLSearchParams({ intent, reason: 'Because', title: 'Title', note: 'Note' }).toString(),
        })),
      ],
    });
  }
  const walked = routes.filter((r) => !ownSelf.some((pattern) => pattern.test(r.key)));
  expect(walked.length).toBeGreaterThan(40);

  const before = await fingerprint();
  const problems: string[] = [];
  let forbidden = 0;
  for (const route of walked) {
    for (const body of route.bodies) {
      const response = await app.request(`http://localhost${route.url}`, {
        method: route.method,
        headers: { cookie: await auditorCookie(), origin: 'http://localhost', 'content-type': body.type },
        body: body.text,
        redirect: 'manual',
      });
      const text = await response.text();
      if (response.status < 400) {
        problems.push(`${route.key} (${body.text.slice(0, 40)}): ${response.status}`);
      }
      if (response.status === 403) {
        forbidden++;
        // The refusal says what it is: the API's error code, the portal's "no permission" page.
        const coded = route.key.includes('/api/v1/')
          ? /"code":"(forbidden|partner\.suspended|cross_site_request)"/.test(text)
          : /无权|没有执行此操作的权限|forbidden|permission/i.test(text);
        if (!coded) problems.push(`${route.key}: 403 without a code`);
      }
    }
  }
  expect(problems).toEqual([]);
  expect(forbidden).toBeGreaterThan(walked.length / 2);
  expect(await fingerprint()).toEqual(before);
});
