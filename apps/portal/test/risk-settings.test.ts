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

test('relationship owner: only an active risk officer or administrator, set and cleared by an administrator', async () => {
  const { relationshipOwnerAction } = await import('../app/lib/staff/relationship-owner-action.server');
  const { makePartner } = await import('@outpost/core/testing');
  const { partners } = await import('@outpost/db');
  const { eq } = await import('drizzle-orm');
  const partner = await makePartner(conn.db);
  const reviewer = await staffViewer(conn.db, ['reviewer']);
  const officer = await staffViewer(conn.db, ['risk_officer']);
  const ownerOf = async () =>
    (await conn.db.select().from(partners).where(eq(partners.id, partner.id)))[0]!.relationshipOwnerId;
  const wrong = await relationshipOwnerAction(
    argsFor(deps, admin, { partnerId: partner.id, userId: reviewer.person.user.id }),
  );
  expect(wrong.errors?.fields?.userId).toBe('Choose an active risk officer or administrator.');
  expect(await ownerOf()).toBeNull();
  const ok = await relationshipOwnerAction(
    argsFor(deps, admin, { partnerId: partner.id, userId: officer.person.user.id }),
  );
  expect(ok.status).toBe(200);
  expect(await ownerOf()).toBe(officer.person.user.id);
  const refused = await relationshipOwnerAction(
    argsFor(deps, officer, { partnerId: partner.id, userId: '' }),
  );
  expect(refused.status).toBe(403);
  expect(await ownerOf()).toBe(officer.person.user.id);
  await relationshipOwnerAction(argsFor(deps, admin, { partnerId: partner.id, userId: '' }));
  expect(await ownerOf()).toBeNull();
});

test('contract approvers: every category saved at once; a non-staff id refuses all of them', async () => {
  const { saveContractApproversAction } = await import('../app/lib/contracts/approvers-action.server');
  const { contractApproversOf } = await import('@outpost/core');
  const { makePartner, makePartnerUser } = await import('@outpost/core/testing');
  const a = await staffViewer(conn.db, ['committee']);
  const b = await staffViewer(conn.db, ['admin']);
  const ok = await saveContractApproversAction(
    argsFor(deps, admin, {
      'approvers.claims': [a.person.user.id, b.person.user.id],
      'approvers.it': [b.person.user.id],
    }),
  );
  expect(ok.status).toBe(200);
  expect((await contractApproversOf(conn.db, 'claims')).sort()).toEqual(
    [a.person.user.id, b.person.user.id].sort(),
  );
  expect(await contractApproversOf(conn.db, 'it')).toEqual([b.person.user.id]);
  const partner = await makePartner(conn.db);
  const { user: outsider } = await makePartnerUser(conn.db, partner.id, 'partner_admin');
  const refused = await saveContractApproversAction(
    argsFor(deps, admin, { 'approvers.claims': [outsider.id], 'approvers.it': [] }),
  );
  expect(refused.status).toBe(422);
  expect(await contractApproversOf(conn.db, 'it')).toEqual([b.person.user.id]);
});
