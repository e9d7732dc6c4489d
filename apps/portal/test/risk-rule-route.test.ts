import { getRiskRule } from '@outpost/core';
import { type DatabaseConnection, riskRules } from '@outpost/db';
import { createTestDatabase } from '@outpost/db/testing';
import { count } from 'drizzle-orm';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { depsContext, localeContext, type PortalDeps, viewerContext } from '../app/context';
import type { Viewer } from '../app/lib/viewer.server';
import { action } from '../app/routes/staff/risk-rule';
import { depsFor, formOf, staffViewer } from './staff-support';

/** The rule edit page's form for the contract and concentration kinds (decision record 041). */
let conn: DatabaseConnection;
let deps: PortalDeps;
let officer: Viewer;

beforeAll(async () => {
  conn = await createTestDatabase();
  deps = depsFor(conn.db);
  officer = await staffViewer(conn.db, ['risk_officer']);
});
afterAll(async () => {
  await conn?.close();
});

const post = async (values: Record<string, string | string[]>, locale: 'en' | 'zh-CN' = 'en') => {
  const context = new Map<unknown, unknown>([
    [depsContext, deps],
    [viewerContext, officer],
    [localeContext, locale],
  ]);
  try {
    const result = (await action({
      context: { get: (key: unknown) => context.get(key) },
      params: { ruleId: 'new' },
      request: new Request('http://localhost/s/risk/rules/new', { method: 'POST', body: formOf(values) }),
    } as never)) as unknown;
    if (result instanceof Response)
      return { status: result.status, location: result.headers.get('Location') };
    const { data, init } = result as {
      data: { errors: { fields?: Record<string, string> } };
      init: { status: number };
    };
    return { status: init.status, fields: data.errors.fields ?? {} };
  } catch (thrown) {
    if (thrown instanceof Response) return { status: thrown.status };
    throw thrown;
  }
};
const rules = async () => (await conn.db.select({ n: count() }).from(riskRules))[0]!.n;
const base = { nameZh: '集中度', nameEn: 'Concentration', level: 'warning' };

test('a bad share, window or volume is refused under its field in the reader’s language, nothing stored', async () => {
  const before = await rules();
  const bad = await post({
    ...base,
    kind: 'concentration',
    'params.windowDays': '0',
    'params.abovePercent': '40 %',
    'params.minCategoryVolume': '12.5',
  });
  expect(bad.status).toBe(422);
  expect(Object.keys(bad.fields ?? {}).sort()).toEqual([
    'params.abovePercent',
    'params.minCategoryVolume',
    'params.windowDays',
  ]);
  expect(bad.fields?.['params.windowDays']).toBe('Window (days): use a whole number of days from 1 to 366');
  expect(bad.fields?.['params.abovePercent']).toBe(
    'Share above (%): use a share above 0 and below 100, e.g. 40',
  );
  const zh = await post({ ...base, kind: 'contract_lapsing', 'params.withinDays': '-5' }, 'zh-CN');
  expect(zh.status).toBe(422);
  expect(zh.fields?.['params.withinDays']).toBe('到期前天数（0：仅已过期）：请填写 0 至 365 之间的整数天数');
  expect(await rules()).toBe(before);
});

test('good forms are saved: the contract rule’s checkbox as a flag, the concentration share as a number', async () => {
  const lapsing = await post({
    ...base,
    nameEn: 'Contract lapsing',
    kind: 'contract_lapsing',
    'params.withinDays': '45',
    'params.includeNoContract': 'on',
    enabled: 'on',
  });
  expect(lapsing.status).toBe(302);
  const id = lapsing.location!.split('/').pop()!.split('?')[0]!;
  const { rule } = await getRiskRule(conn.db, officer.person.actor, id);
  expect(rule.params).toEqual({ withinDays: 45, includeNoContract: true, clearAfterHours: 24 });

  const share = await post({
    ...base,
    kind: 'concentration',
    serviceCategories: ['claims'],
    'params.windowDays': '30',
    'params.abovePercent': '40',
    'params.minCategoryVolume': '100',
    'params.clearAfterHours': '168',
    enabled: 'on',
  });
  expect(share.status).toBe(302);
  const saved = await getRiskRule(
    conn.db,
    officer.person.actor,
    share.location!.split('/').pop()!.split('?')[0]!,
  );
  expect(saved.rule).toMatchObject({
    serviceCategories: ['claims'],
    params: { windowDays: 30, abovePercent: 40, minCategoryVolume: 100, clearAfterHours: 168 },
  });
});
