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

test('risk escalation: a bad reminder point or an unknown person is refused; a share and a head of risk are saved', async () => {
  const { saveRiskEscalationAction } = await import('../app/lib/risk/escalation-action.server');
  const bad = await saveRiskEscalationAction(
    argsFor(deps, admin, { reminderAt: '150%', headOfRiskUserId: '' }),
  );
  expect(bad.errors?.fields?.reminderAt).toBe('Enter a share between 0 and 100% (not included), e.g. 50%.');
  const junk = await saveRiskEscalationAction(
    argsFor(deps, admin, { reminderAt: '50%', headOfRiskUserId: 'nobody' }),
  );
  expect(junk.status).toBe(422);
  expect(await getSetting(conn.db, 'risk.escalation')).toEqual({ reminderAt: 0.5, headOfRiskUserId: null });
  const head = await staffViewer(conn.db, ['risk_officer']);
  const ok = await saveRiskEscalationAction(
    argsFor(deps, admin, { reminderAt: '1/4', headOfRiskUserId: head.person.user.id }),
  );
  expect(ok.status).toBe(200);
  expect(await getSetting(conn.db, 'risk.escalation')).toEqual({
    reminderAt: 0.25,
    headOfRiskUserId: head.person.user.id,
  });
});
