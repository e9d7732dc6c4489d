import { getSetting } from '@outpost/core';
import type { DatabaseConnection } from '@outpost/db';
import { createTestDatabase } from '@outpost/db/testing';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { PortalDeps } from '../app/context';
import {
  saveTerminationApproversAction,
  saveTerminationChecklistAction,
} from '../app/lib/terminations/settings-action.server';
import type { Viewer } from '../app/lib/viewer.server';
import { argsFor, depsFor, staffViewer } from './staff-support';

/** Decision record 049 (follow-up): the termination approvers and checklist cards under /s/settings. */
let conn: DatabaseConnection;
let deps: PortalDeps;
let admin: Viewer;
let committee: Viewer;

beforeAll(async () => {
  conn = await createTestDatabase();
  deps = depsFor(conn.db);
  admin = await staffViewer(conn.db, ['admin']);
  committee = await staffViewer(conn.db, ['committee']);
});
afterAll(async () => {
  await conn?.close();
});

const row = (i: number, values: Record<string, string>) =>
  Object.fromEntries(Object.entries(values).map(([k, v]) => [`tasks.${i}.${k}`, v]));

test('approvers: none chosen is refused under the field in the reader’s language; active staff are saved', async () => {
  const none = await saveTerminationApproversAction(argsFor(deps, admin, {}, 'zh-CN'));
  expect(none).toMatchObject({ status: 422, errors: { fields: { approverIds: '请至少选择一名审批人。' } } });
  const ok = await saveTerminationApproversAction(
    argsFor(deps, admin, { approverIds: [committee.person.user.id] }),
  );
  expect(ok.status).toBe(200);
  expect((await getSetting(conn.db, 'termination.approvers')).userIds).toEqual([committee.person.user.id]);
});

test('checklist: rows become tasks, a blank row is left out, a bad row is named; nothing saved on error', async () => {
  const before = await getSetting(conn.db, 'termination.checklist');
  const bad = await saveTerminationChecklistAction(
    argsFor(
      deps,
      admin,
      {
        rows: '3',
        ...row(0, {
          key: 'handover',
          side: 'partner',
          titleZh: '移交',
          titleEn: 'Hand over',
          daysBefore: '14',
        }),
        ...row(1, { key: '', titleZh: '', titleEn: '', side: 'partner', daysBefore: '7' }),
        ...row(2, { key: 'keys', side: 'partner', titleZh: '钥匙', titleEn: '', daysBefore: '400' }),
      },
      'zh-CN',
    ),
  );
  expect(bad.status).toBe(422);
  expect(bad.errors?.fields?.['tasks.2']).toMatch(/^任务 3 · /);
  expect(await getSetting(conn.db, 'termination.checklist')).toEqual(before);

  const ok = await saveTerminationChecklistAction(
    argsFor(deps, admin, {
      rows: '3',
      ...row(0, {
        key: 'handover',
        side: 'partner',
        titleZh: '移交',
        titleEn: 'Hand over',
        daysBefore: '14',
      }),
      ...row(1, { key: '', titleZh: '', titleEn: '', side: 'partner', daysBefore: '7' }),
      ...row(2, {
        key: 'data',
        side: 'partner',
        titleZh: '销毁数据',
        titleEn: 'Destroy the data',
        daysBefore: '7',
        needsCertificate: 'on',
      }),
    }),
  );
  expect(ok.status).toBe(200);
  const saved = await getSetting(conn.db, 'termination.checklist');
  expect(saved.tasks.map((t) => [t.key, t.needsCertificate, t.daysBefore])).toEqual([
    ['handover', false, 14],
    ['data', true, 7],
  ]);
  // Someone without the permission changes nothing.
  expect(await saveTerminationChecklistAction(argsFor(deps, committee, { rows: '0' }))).toMatchObject({
    status: 403,
  });
  expect((await getSetting(conn.db, 'termination.checklist')).tasks).toHaveLength(2);
});
