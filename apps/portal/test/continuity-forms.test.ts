import { makePartner } from '@outpost/core/testing';
import { type DatabaseConnection, departments, exitPlans, partners, users } from '@outpost/db';
import { createTestDatabase } from '@outpost/db/testing';
import { addDays, todayInChina } from '@outpost/i18n';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { PortalDeps } from '../app/context';
import { saveExitPlanAction } from '../app/lib/continuity/exit-plan.server';
import { ownershipAction, ownershipFilterParams, regionAction } from '../app/lib/ownership/ownership.server';
import type { Viewer } from '../app/lib/viewer.server';
import { argsFor, depsFor, staffViewer } from './staff-support';

/** Decision record 050: the exit plan form, the ownership and region forms. */
let conn: DatabaseConnection;
let deps: PortalDeps;
let risk: Viewer;
let reviewer: Viewer;

beforeAll(async () => {
  conn = await createTestDatabase();
  deps = depsFor(conn.db);
  risk = await staffViewer(conn.db, ['risk_officer']);
  reviewer = await staffViewer(conn.db, ['reviewer']);
});
afterAll(async () => {
  await conn?.close();
});

test('exit plan form: lines become steps and firms, a bad field is named in the reader’s language, a resubmitted form is a conflict', async () => {
  const partner = await makePartner(conn.db, { legalName: '表单理赔有限公司' });
  await conn.db.update(partners).set({ criticality: 'critical' }).where(eq(partners.id, partner.id));
  const form = {
    partnerId: partner.id,
    expectedVersion: '',
    externalFirms: '备选一有限公司\n\n备选二有限公司',
    steps: '通知\n迁移\n切换',
    switchDays: '45',
    dataToMigrate: '在办案件',
    lastReviewedOn: addDays(todayInChina(), -10),
    lastTestedOn: '',
    nextReviewOn: '',
    ownerId: '',
  };
  const bad = await saveExitPlanAction(argsFor(deps, risk, { ...form, switchDays: 'soon' }, 'zh-CN'));
  expect(bad.status).toBe(422);
  expect(bad.errors?.fields?.switchDays).toMatch(/[\u4e00-\u9fff]/);
  const ok = await saveExitPlanAction(argsFor(deps, risk, form));
  expect(ok).toMatchObject({ status: 200, notice: 'Saved as version 1.' });
  const [plan] = await conn.db.select().from(exitPlans).where(eq(exitPlans.partnerId, partner.id));
  expect(plan).toMatchObject({
    steps: ['通知', '迁移', '切换'],
    switchDays: 45,
    alternatives: [
      { kind: 'external', name: '备选一有限公司' },
      { kind: 'external', name: '备选二有限公司' },
    ],
  });
  const again = await saveExitPlanAction(argsFor(deps, risk, form));
  expect(again.status).toBe(409);
  const refused = await saveExitPlanAction(argsFor(deps, reviewer, { ...form, expectedVersion: '1' }));
  expect(refused.status).toBe(403);
});

test('ownership form: the department follows the person unless chosen; the filters ignore hand-edited junk', async () => {
  const partner = await makePartner(conn.db, { legalName: '表单归属有限公司' });
  const [riskDept] = await conn.db.select().from(departments).where(eq(departments.key, 'risk'));
  await conn.db.update(users).set({ departmentId: riskDept!.id }).where(eq(users.id, risk.person.user.id));
  const ok = await ownershipAction(
    argsFor(deps, risk, {
      entity: 'partner',
      id: partner.id,
      ownerId: risk.person.user.id,
      departmentId: '',
    }),
  );
  expect(ok.status).toBe(200);
  expect((await conn.db.select().from(partners).where(eq(partners.id, partner.id)))[0]).toMatchObject({
    relationshipOwnerId: risk.person.user.id,
    departmentId: riskDept!.id,
  });
  const wrong = await ownershipAction(
    argsFor(deps, risk, {
      entity: 'partner',
      id: partner.id,
      ownerId: reviewer.person.user.id,
      departmentId: '',
    }),
  );
  expect(wrong.status).toBe(422);
  expect(wrong.errors?.fields?.ownerId).toBeTruthy();
  const forbidden = await ownershipAction(
    argsFor(deps, reviewer, { entity: 'partner', id: partner.id, ownerId: '', departmentId: '' }),
  );
  expect(forbidden.status).toBe(403);
  expect(ownershipFilterParams(new URLSearchParams('department=x&owner=%27or1'))).toEqual({
    departmentId: undefined,
    ownerId: undefined,
  });
});

test('region form: an administrator records one of the seven regions; anything else is refused under the field', async () => {
  const admin = await staffViewer(conn.db, ['admin']);
  const partner = await makePartner(conn.db, { legalName: '表单区域有限公司' });
  const bad = await regionAction(
    argsFor(deps, admin, { partnerId: partner.id, region: 'atlantis' }, 'zh-CN'),
  );
  expect(bad.status).toBe(422);
  expect(bad.errors?.fields?.region).toBe('请选择七个区域之一。');
  const ok = await regionAction(argsFor(deps, admin, { partnerId: partner.id, region: 'southwest' }));
  expect(ok.status).toBe(200);
  expect((await conn.db.select().from(partners).where(eq(partners.id, partner.id)))[0]!.region).toBe(
    'southwest',
  );
});

test('concentration limit form: administrators only; a limit of 100 % is refused under its field', async () => {
  const { saveConcentrationLimitAction } = await import('../app/lib/continuity/concentration-limit.server');
  const { getSetting } = await import('@outpost/core');
  const admin = await staffViewer(conn.db, ['admin']);
  const bad = await saveConcentrationLimitAction(
    argsFor(deps, admin, { limitPercent: '100', windowDays: '30' }),
  );
  expect(bad.errors?.fields?.limitPercent).toBe('Enter a percentage above 0 and below 100.');
  expect(
    (await saveConcentrationLimitAction(argsFor(deps, risk, { limitPercent: '40', windowDays: '30' })))
      .status,
  ).toBe(403);
  expect(
    (await saveConcentrationLimitAction(argsFor(deps, admin, { limitPercent: '40', windowDays: '60' })))
      .status,
  ).toBe(200);
  expect(await getSetting(conn.db, 'continuity.concentration')).toEqual({ limitPercent: 40, windowDays: 60 });
});
