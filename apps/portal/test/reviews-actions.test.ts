import { draftQuarterlyReviews, getReview, listReviews, personById, systemActor } from '@outpost/core';
import { makePartner, makePartnerUser } from '@outpost/core/testing';
import { type DatabaseConnection, sessions } from '@outpost/db';
import { createTestDatabase } from '@outpost/db/testing';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { depsContext, localeContext, type PortalDeps, viewerContext } from '../app/context';
import {
  partnerHandlers,
  type ReviewActionData,
  runReviewAction,
  staffHandlers,
} from '../app/lib/reviews/review-actions.server';
import {
  decisionFromForm,
  draftableQuarters,
  formatKpiNumber,
  itemsFromForm,
} from '../app/lib/reviews/review-form';
import type { Viewer } from '../app/lib/viewer.server';
import { depsFor, formOf, staffViewer } from './staff-support';

describe('the review form helpers', () => {
  test('items come from parallel lists; blank spare rows are dropped, half-filled rows kept', () => {
    const form = formOf({
      itemDescription: ['Fix SLA', '', 'Train staff', ''],
      itemDue: ['2099-01-31', '', '', '2099-02-01'],
    });
    expect(itemsFromForm(form)).toEqual([
      { description: 'Fix SLA', dueDate: '2099-01-31' },
      { description: 'Train staff', dueDate: '' },
      { description: '', dueDate: '2099-02-01' },
    ]);
    expect(itemsFromForm(formOf({}))).toEqual([]);
  });

  test('decisions are checked against the known ones', () => {
    expect(decisionFromForm(formOf({ decision: 'warning' }))).toBe('warning');
    expect(decisionFromForm(formOf({ decision: '' }))).toBeNull();
    expect(decisionFromForm(formOf({ decision: 'fire-them' }))).toBeNull();
  });

  test('draftable quarters go back across a year boundary', () => {
    expect(draftableQuarters('2027-Q1')).toEqual(['2027-Q1', '2026-Q4', '2026-Q3', '2026-Q2']);
  });

  test('KPI values read in their unit', () => {
    expect(formatKpiNumber('en', 93.456, 'percent')).toBe('93.5%');
    expect(formatKpiNumber('en', 4.5678, 'rating')).toBe('4.57');
    expect(formatKpiNumber('zh-CN', 12, 'per_thousand')).toBe('12‰');
    expect(formatKpiNumber('en', null, 'percent')).toBeNull();
  });
});

let conn: DatabaseConnection;
let deps: PortalDeps;
let risk: Viewer;
let partnerViewer: Viewer;
let reviewId: string;

function contextFor(viewer: Viewer, locale: 'en' | 'zh-CN') {
  const values = new Map<unknown, unknown>([
    [depsContext, deps],
    [viewerContext, viewer],
    [localeContext, locale],
  ]);
  return { get: (key: unknown) => values.get(key) } as never;
}
const post = (values: Record<string, string | string[]>) =>
  new Request('http://localhost/s/reviews/x', { method: 'POST', body: formOf(values) });
async function act(
  viewer: Viewer,
  kind: 'staff' | 'partner',
  values: Record<string, string | string[]>,
  locale: 'en' | 'zh-CN' = 'zh-CN',
) {
  const handlers = kind === 'staff' ? staffHandlers : partnerHandlers;
  const result = (await runReviewAction(
    contextFor(viewer, locale),
    post(values),
    kind,
    handlers,
    reviewId,
  )) as unknown as {
    data: ReviewActionData;
    init: { status?: number } | null;
  };
  return { status: result.init?.status ?? 200, ...result.data };
}

beforeAll(async () => {
  conn = await createTestDatabase();
  deps = depsFor(conn.db);
  risk = await staffViewer(conn.db, ['risk_officer']);
  const partner = await makePartner(conn.db, { legalName: 'Portal Reviewed Ltd' });
  const { user } = await makePartnerUser(conn.db, partner.id, 'partner_admin');
  const [session] = await conn.db
    .insert(sessions)
    .values({ id: `partner-review-session-${Date.now()}`, secretHash: new Uint8Array(32), userId: user.id })
    .returning();
  partnerViewer = { person: (await personById(conn.db, user.id))!, session: session!, unread: 0 };
  await draftQuarterlyReviews(conn.db, '2026-Q3', systemActor('test'), new Date('2026-10-02T00:00:00+08:00'));
  reviewId = (await listReviews(conn.db, systemActor('test'), { partnerId: partner.id })).items[0]!.id;
});
afterAll(async () => {
  await conn?.close();
});

describe('review actions from the portal', () => {
  test('finalising a rectification without items is refused in the reader’s language, under the items', async () => {
    const refused = await act(risk, 'staff', {
      intent: 'finalise',
      decision: 'rectification',
      comments: '请整改',
    });
    expect(refused.status).toBe(422);
    expect(refused.errors?.fields?.items).toBe('限期整改须至少列出一项整改事项及其截止日期。');
    const noDecision = await act(risk, 'staff', { intent: 'finalise' }, 'en');
    expect(noDecision.errors?.fields?.decision).toBe('Choose a decision before finalising.');
  });

  test('a past due date is refused as in the past (not as missing), naming the item, in both languages', async () => {
    const values = {
      intent: 'save',
      comments: '请整改',
      decision: 'rectification',
      itemDescription: ['建立投诉响应机制'],
      itemDue: ['2020-01-01'],
    };
    const zh = await act(risk, 'staff', values);
    expect(zh.status).toBe(422);
    expect(zh.errors?.fields?.items).toBe('截止日期（事项 1）：不能早于今天');
    expect(zh.errors?.form).toBe('截止日期（事项 1）：不能早于今天');
    const en = await act(risk, 'staff', values, 'en');
    expect(en.errors?.fields?.items).toBe('Due date (item 1): must not be in the past');
    const empty = await act(risk, 'staff', { ...values, itemDue: [''] }, 'en');
    expect(empty.errors?.fields?.items).toBe('Due date (item 1): fill this in');
  });

  test('staff save and finalise; the partner acknowledges; a second answer is a conflict', async () => {
    const saved = await act(risk, 'staff', {
      intent: 'save',
      comments: '请整改',
      decision: 'rectification',
      itemDescription: ['建立投诉响应机制', ''],
      itemDue: ['2099-03-31', ''],
    });
    expect(saved).toMatchObject({ status: 200, notice: '草稿已保存。' });
    const finalised = await act(risk, 'staff', {
      intent: 'finalise',
      comments: '请整改',
      decision: 'rectification',
      itemDescription: ['建立投诉响应机制'],
      itemDue: ['2099-03-31'],
    });
    expect(finalised.notice).toBe('考核已定稿，已通知合作机构。');
    expect((await act(partnerViewer, 'partner', { intent: 'acknowledge' })).notice).toBe('您已确认该考核。');
    const again = await act(partnerViewer, 'partner', {
      intent: 'appeal',
      reason: '我们不同意这个考核结果。',
    });
    expect(again.status).toBe(409);
    expect(again.errors?.form).toBe('该考核当前无需您答复。');
  });

  test('submitting an item without evidence says to attach a file, in both languages', async () => {
    const item = (await getReview(conn.db, systemActor('test'), reviewId)).items[0]!;
    const zh = await act(partnerViewer, 'partner', { intent: 'submit', target: item.id });
    expect(zh.status).toBe(422);
    expect(zh.errors?.form).toBe('整改证据：请上传至少一个文件');
    const en = await act(partnerViewer, 'partner', { intent: 'submit', target: item.id }, 'en');
    expect(en.errors?.form).toBe('Evidence: attach at least one file');
  });

  test('an evidence upload without a file is an error on the file field; unknown intents are refused', async () => {
    const item = (await getReview(conn.db, systemActor('test'), reviewId)).items[0]!;
    const empty = await act(partnerViewer, 'partner', { intent: 'upload', target: item.id });
    expect(empty.errors?.fields?.file).toBe('文件为空。');
    await expect(act(partnerViewer, 'partner', { intent: 'verify', target: item.id })).rejects.toMatchObject({
      init: { status: 400 },
    });
    // A partner cannot reach the staff page's actions at all.
    await expect(act(partnerViewer, 'staff', { intent: 'verify', target: item.id })).rejects.toMatchObject({
      init: { status: 403 },
      data: { messageKey: 'errors.forbidden' },
    });
  });
});
