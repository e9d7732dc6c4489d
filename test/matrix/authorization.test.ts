import { pathToFileURL } from 'node:url';
import { createSession } from '@outpost/auth';
import { enrolTotpForTest, TEST_TOTP_KEY } from '@outpost/auth/testing';
import { createApiKey, type StaffRole } from '@outpost/core';
import { makePartner, makePartnerUser, makeStaff } from '@outpost/core/testing';
import { type DatabaseConnection, staffRoles } from '@outpost/db';
import { createTestDatabase } from '@outpost/db/testing';
import type { ServerBuild } from 'react-router';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { loadConfig } from '../../apps/server/src/config.ts';
import { handlerForBuild } from '../../apps/server/src/portal.ts';
import { createWebApp } from '../../apps/server/src/web.ts';
import { buildWorld, type World } from '../fuzz/world.ts';
import { portalServerBuild } from '../support/e2e-paths.ts';
import { type Expected, expectations, type RoleName } from './expectations.ts';

/**
 * The authorisation matrix: every route of the API (Hono's route table) and of the portal
 * (React Router's route manifest) × every role (signed out, each staff role, a partner
 * administrator, a partner member, an API key) — with the ids of ANOTHER partner's data,
 * so a partner's callers must never get through. Each answer is checked against the
 * table in expectations.ts, and a route that has no entry there fails the test: a new
 * route is not merged before someone has written down who may call it.
 *
 * Mutations are sent with an empty body (JSON `{}` or an empty form): a caller that may
 * not act is refused before validation (401/403/404), one that may gets 400/422.
 * MATRIX_PRINT=1 prints the observed table in the shape of expectations.ts.
 */
let conn: DatabaseConnection;
let world: World;
let credentials: () => Promise<Record<RoleName, Record<string, string>>>;
const roles: RoleName[] = [
  'anonymous',
  ...staffRoles.map((r) => `staff:${r}` as RoleName),
  'partnerAdmin',
  'partnerMember',
  'apiKey',
];

beforeAll(async () => {
  conn = await createTestDatabase();
  // The fuzz world's partner holds every kind of data: here it is the FOREIGN partner.
  world = await buildWorld(conn.db);
  const own = await makePartner(conn.db, { legalName: '本方代理有限公司', status: 'active' });
  const admin = await makePartnerUser(conn.db, own.id, 'partner_admin');
  const member = await makePartnerUser(conn.db, own.id, 'partner_member');
  const key = await createApiKey(conn.db, admin.actor, { name: 'Matrix', scopes: ['documents', 'events'] });
  const users: [RoleName, string][] = [
    ['partnerAdmin', admin.user.id],
    ['partnerMember', member.user.id],
  ];
  for (const role of staffRoles) {
    const staff = await makeStaff(conn.db, [role as StaffRole]);
    // Roles that must use two-step sign-in by default have it (decision record 043), so the pages answer as usual.
    await enrolTotpForTest(conn.db, staff.user.id, TEST_TOTP_KEY);
    users.push([`staff:${role}` as RoleName, staff.user.id]);
  }
  // Fresh sessions for every route: a route may sign its caller out.
  credentials = async () => {
    const result: Partial<Record<RoleName, Record<string, string>>> = {
      anonymous: {},
      apiKey: { authorization: `Bearer ${key.key}` },
    };
    for (const [role, userId] of users) {
      result[role] = { cookie: `outpost_session=${(await createSession(conn.db, userId)).token}` };
    }
    return result as Record<RoleName, Record<string, string>>;
  };
});
afterAll(() => conn?.close());

/**
 * A foreign id for a path parameter: the nested collection with its parent (`incidents/evidence`,
 * since alerts and incidents both have evidence), the collection named before it, or the
 * parameter's name.
 */
function foreignId(name: string, path: string): string {
  const segments = path.split('/');
  const at = segments.indexOf(`:${name}`);
  const nested = at >= 3 ? world.ids[`${segments[at - 3]}/${segments[at - 1]}`] : undefined;
  const ids = nested ?? world.ids[segments[at - 1] ?? ''] ?? world.ids[name] ?? world.ids.any ?? [];
  return encodeURIComponent(ids[0] ?? '00000000-0000-4000-8000-000000000000');
}

const fill = (path: string) => path.replace(/:(\w+)/g, (_, name: string) => foreignId(name, path));

interface RouteUnderTest {
  key: string;
  method: string;
  url: string;
  body?: { type: string; text: string };
}

function apiRoutes(app: ReturnType<typeof createWebApp>): RouteUnderTest[] {
  const seen = new Set<string>();
  return app.routes
    .filter((r) => r.method !== 'ALL' && r.path.startsWith('/api/v1/'))
    .map((r) => ({ method: r.method, path: r.path }))
    .filter((r) => !seen.has(`${r.method} ${r.path}`) && seen.add(`${r.method} ${r.path}`))
    .map((r) => ({
      key: `${r.method} ${r.path}`,
      method: r.method,
      url: fill(r.path),
      ...(r.method === 'GET' || r.method === 'DELETE'
        ? {}
        : { body: { type: 'application/json', text: '{}' } }),
    }));
}

interface BuildRoute {
  id: string;
  parentId?: string;
  path?: string;
  index?: boolean;
  module: { action?: unknown; loader?: unknown; default?: unknown };
}

/** Every page (GET) and every form action (POST, an empty form) of the built portal. */
function portalRoutes(build: ServerBuild): RouteUnderTest[] {
  const routes = build.routes as unknown as Record<string, BuildRoute | undefined>;
  const fullPath = (route: BuildRoute): string => {
    const parent = route.parentId ? routes[route.parentId] : undefined;
    const base = parent ? fullPath(parent) : '';
    return route.path ? `${base.replace(/\/$/, '')}/${route.path}` : base;
  };
  const found = new Map<string, RouteUnderTest>();
  for (const route of Object.values(routes)) {
    if (!route || route.id === 'root') continue;
    const own = route.path !== undefined || route.index;
    if (!own) continue; // a layout without a path of its own: its children are the routes
    const path = (fullPath(route) || '/') + (route.index ? '' : '');
    if (path.includes('*')) continue;
    if (route.module.default || route.module.loader) {
      found.set(`GET ${path}`, { key: `GET ${path}`, method: 'GET', url: fill(path) });
    }
    if (typeof route.module.action === 'function') {
      const url = route.index ? `${fill(path)}?index` : fill(path);
      found.set(`POST ${path}`, {
        key: `POST ${path}`,
        method: 'POST',
        url,
        body: { type: 'application/x-www-form-urlencoded', text: '' },
      });
    }
  }
  return [...found.values()];
}

function matches(expected: Expected, role: RoleName, status: number): boolean {
  const want =
    typeof expected === 'number' || Array.isArray(expected) ? expected : (expected[role] ?? expected.default);
  return Array.isArray(want) ? want.includes(status) : want === status;
}

it('every route × every role × a foreign partner’s ids answers as the table says', async () => {
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
  const routes = [...apiRoutes(app), ...portalRoutes(build)];
  expect(routes.length).toBeGreaterThan(60);

  const observed: Record<string, Partial<Record<RoleName, number>>> = {};
  const problems: string[] = [];
  const missing = routes.filter((r) => !(r.key in expectations)).map((r) => r.key);
  for (const route of routes) {
    observed[route.key] = {};
    const signedIn = await credentials();
    for (const role of roles) {
      const headers: Record<string, string> = { ...signedIn[role], origin: 'http://localhost' };
      if (route.body) headers['content-type'] = route.body.type;
      const response = await app.request(`http://localhost${route.url}`, {
        method: route.method,
        headers,
        body: route.body?.text,
        redirect: 'manual',
      });
      await response.body?.cancel();
      observed[route.key]![role] = response.status;
      const expected = expectations[route.key];
      if (expected !== undefined && !matches(expected, role, response.status)) {
        problems.push(
          `${route.key} (${route.url}) as ${role}: ${response.status}, expected ${JSON.stringify(expected)}`,
        );
      }
      // Whatever the table says: another partner's data is never served to a partner's callers.
      if (
        ['partnerAdmin', 'partnerMember', 'apiKey'].includes(role) &&
        /:\w*(id|Id)\b/.test(route.key) &&
        response.status >= 200 &&
        response.status < 300 &&
        !(expectations[route.key] as { foreignOk?: boolean } | undefined)?.foreignOk
      ) {
        problems.push(`${route.key} (${route.url}) as ${role}: ${response.status} on another partner's id`);
      }
    }
  }
  if (process.env.MATRIX_PRINT) console.log(JSON.stringify(observed, null, 1));
  expect(missing, 'routes with no entry in test/matrix/expectations.ts').toEqual([]);
  expect(problems).toEqual([]);
});
