import { getSetting } from '@outpost/core';
import { auditLog, type DatabaseConnection } from '@outpost/db';
import { createTestDatabase } from '@outpost/db/testing';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { PortalDeps } from '../app/context';
import { saveOurEntityAction } from '../app/lib/register/entity-action.server';
import { settingsActions } from '../app/lib/staff/catalogue-actions.server';
import type { Viewer } from '../app/lib/viewer.server';
import { argsFor, depsFor, staffViewer } from './staff-support';

/** Decision record 060: the "Our legal entity" card under /s/settings. */
let conn: DatabaseConnection;
let deps: PortalDeps;
let admin: Viewer;
let risk: Viewer;

const form = {
  nameZh: '前哨财产保险股份有限公司',
  nameEn: 'Outpost P&C Insurance Co., Ltd.',
  lei: '300300outpost0000123',
  country: 'cn',
  competentAuthority: '国家金融监督管理总局',
  entityType: 'insurance_undertaking',
};

beforeAll(async () => {
  conn = await createTestDatabase();
  deps = depsFor(conn.db);
  admin = await staffViewer(conn.db, ['admin']);
  risk = await staffViewer(conn.db, ['risk_officer']);
});
afterAll(async () => {
  await conn?.close();
});

test('the settings page routes the ourEntity intent to the form’s action', () => {
  expect(settingsActions.ourEntity).toBe(saveOurEntityAction);
});

test('a wrong LEI is refused under its field, saying which rule it breaks, in the reader’s language', async () => {
  const digits = await saveOurEntityAction(argsFor(deps, admin, { ...form, lei: '300300OUTPOST0000132' }));
  expect(digits.status).toBe(422);
  expect(digits.errors?.fields?.lei).toBe(
    'The check digits (the last two characters) are wrong: the LEI is mistyped. Copy it from the GLEIF record.',
  );
  const zh = await saveOurEntityAction(
    argsFor(deps, admin, { ...form, lei: '300300OUTPOST0000132' }, 'zh-CN'),
  );
  expect(zh.errors?.fields?.lei).toContain('校验位');
  const short = await saveOurEntityAction(argsFor(deps, admin, { ...form, lei: '300300OUTPOST' }));
  expect(short.errors?.fields?.lei).toBe('An LEI has exactly 20 characters.');
  const chars = await saveOurEntityAction(argsFor(deps, admin, { ...form, lei: '300300OUTPOST00001-3' }));
  expect(chars.errors?.fields?.lei).toBe('An LEI has only letters A–Z and digits, and ends in two digits.');
  const blank = await saveOurEntityAction(argsFor(deps, admin, { ...form, country: 'XX', entityType: '' }));
  expect(Object.keys(blank.errors?.fields ?? {}).sort()).toEqual(['country', 'entityType']);
  expect(await getSetting(conn.db, 'register.entity')).toBeNull();
});

test('staff other than administrators cannot set it', async () => {
  expect((await saveOurEntityAction(argsFor(deps, risk, form))).status).toBe(403);
});

test('an administrator saves it; core stores it upper-cased and audits the change', async () => {
  const ok = await saveOurEntityAction(argsFor(deps, admin, form));
  expect(ok).toMatchObject({ status: 200, intent: 'ourEntity' });
  expect(await getSetting(conn.db, 'register.entity')).toEqual({
    ...form,
    lei: '300300OUTPOST0000123',
    country: 'CN',
  });
  const audited = await conn.db.select().from(auditLog).where(eq(auditLog.entityId, 'register.entity'));
  expect(audited.map((a) => [a.action, a.actorId])).toEqual([['setting.changed', admin.person.user.id]]);
});
