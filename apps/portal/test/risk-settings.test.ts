import { getSetting } from '@outpost/core';
import type { DatabaseConnection } from '@outpost/db';
import { createTestDatabase } from '@outpost/db/testing';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { PortalDeps } from '../app/context';
import { saveRiskResponseHoursAction } from '../app/lib/risk/response-hours-action.server';
import type { Viewer } from '../app/lib/viewer.server';
import { argsFor, depsFor, staffViewer } from './staff-support';

let conn: DatabaseConnection;
let deps: PortalDeps;
let admin: Viewer;

beforeAll(async () => {
  conn = await createTestDatabase();
  deps = depsFor(conn.db);
  admin = await staffViewer(conn.db, ['admin']);
});
afterAll(async () => {
  await conn?.close();
});

test('risk response hours: a bad value is refused under its field and nothing changes; good values are saved', async () => {
  const bad = await saveRiskResponseHoursAction(
    argsFor(deps, admin, { notice: '0', warning: '24', critical: 'soon' }),
  );
  expect(bad.errors?.fields).toEqual({
    notice: 'Use a number of hours above 0 and at most 720.',
    critical: 'Use a number of hours above 0 and at most 720.',
  });
  expect(await getSetting(conn.db, 'risk.responseHours')).toEqual({ notice: 24, warning: 24, critical: 24 });
  const ok = await saveRiskResponseHoursAction(
    argsFor(deps, admin, { notice: '72', warning: '24', critical: '4' }),
  );
  expect(ok.status).toBe(200);
  expect(await getSetting(conn.db, 'risk.responseHours')).toEqual({ notice: 72, warning: 24, critical: 4 });
});
