import { personById, recentQuarters, saveRiskRule } from '@outpost/core';
import { makePartner, makePartnerUser } from '@outpost/core/testing';
import { type DatabaseConnection, riskAlerts, sessions } from '@outpost/db';
import { createTestDatabase } from '@outpost/db/testing';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { depsContext, localeContext, type PortalDeps, viewerContext } from '../app/context';
import { action as partnerAction, loader as partnerLoader } from '../app/routes/partner/risk-alert';
import { loader as partnerListLoader } from '../app/routes/partner/risk-alerts';
import { action as staffAction, loader as staffLoader } from '../app/routes/staff/risk-alert';
import { loader as responseLoader } from '../app/routes/staff/risk-response';
import type { Viewer } from '../app/lib/viewer.server';
import { depsFor, formOf, pdf, staffViewer } from './staff-support';

/**
 * The partner's shared-alert pages and the staff alert page's sharing and comments, called as
 * React Router calls them: what each loader hands the page, what each action answers.
 */
let conn: DatabaseConnection;
let deps: PortalDeps;
let officer: Viewer;
let auditor: Viewer;
let admin: Viewer;
let member: Viewer;
let foreign: Viewer;
let alertId: string;

let sessionCounter = 0;
async function partnerViewer(partnerId: string, role: 'partner_admin' | 'partner_member'): Promise<Viewer> {
  const { user } = await makePartnerUser(conn.db, partnerId, role);
  const [session] = await conn.db
    .insert(sessions)
    .values({
      id: `risk-partner-${++sessionCounter}-${Date.now()}`,
      secretHash: new Uint8Array(32),
      userId: user.id,
    })
    .returning();
  return { person: (await personById(conn.db, user.id))!, session: session!, unread: 0 };
}

function contextFor(viewer: Viewer, locale: 'en' | 'zh-CN' = 'en') {
  const values = new Map<unknown, unknown>([
    [depsContext, deps],
    [viewerContext, viewer],
    [localeContext, locale],
  ]);
  return { get: (key: unknown) => values.get(key) } as never;
}
const args = (viewer: Viewer, id: string, form?: FormData, headers: Record<string, string> = {}) =>
  ({
    context: contextFor(viewer),
    params: { alertId: id },
    request: new Request(
      `http://localhost/p/risk/alerts/${id}`,
      form ? { method: 'POST', body: form, headers } : {},
    ),
  }) as never;
/** What a loader or action answered: its data and status, or the status of the Response it threw. */
async function run(work: () => Promise<unknown>) {
  try {
    const result = (await work()) as { data?: unknown; init?: { status?: number } | null };
    if (result && typeof result === 'object' && 'data' in result && 'init' in result)
      return { status: result.init?.status ?? 200, body: result.data as Record<string, unknown> };
    return { status: 200, body: result as Record<string, unknown> };
  } catch (thrown) {
    const status =
      thrown instanceof Response
        ? thrown.status
        : ((thrown as { init?: { status?: number } }).init?.status ?? 500);
    if (status === 500) throw thrown;
    return { status, body: {} };
  }
}

beforeAll(async () => {
  conn = await createTestDatabase();
  deps = depsFor(conn.db);
  officer = await staffViewer(conn.db, ['risk_officer']);
  auditor = await staffViewer(conn.db, ['auditor']);
  const own = await makePartner(conn.db, { legalName: '路由测试理赔有限公司' });
  const other = await makePartner(conn.db, { legalName: '路由测试他方有限公司' });
  admin = await partnerViewer(own.id, 'partner_admin');
  member = await partnerViewer(own.id, 'partner_member');
  foreign = await partnerViewer(other.id, 'partner_admin');
  const rule = (await saveRiskRule(conn.db, officer.person.actor, {
    kind: 'document_expiry',
    nameZh: '资质到期',
    nameEn: 'Document expiry',
    level: 'notice',
    serviceCategories: [],
    params: { withinDays: 30 },
  })) as { id: string };
  const [row] = await conn.db
    .insert(riskAlerts)
    .values({
      partnerId: own.id,
      ruleId: rule.id,
      ruleVersion: 1,
      ruleSnapshot: {
        kind: 'document_expiry',
        nameZh: '资质到期',
        nameEn: 'Document expiry',
        params: { withinDays: 30 },
      },
      conditionKey: 'doc-1',
      level: 'notice',
      evidence: {
        requirementNameZh: '营业执照',
        requirementNameEn: 'Business licence',
        expiryDate: '2026-12-20',
        daysLeft: 17,
        href: '/s/partners/x',
      },
      raisedAt: new Date(),
      responseDeadline: new Date(Date.now() + 86_400_000),
    })
    .returning();
  alertId = row!.id;
});
afterAll(() => conn?.close());

describe('sharing and the thread, page by page', () => {
  test('before sharing the partner gets "not found"; staff share, note and write; the partner sees only the message', async () => {
    expect((await run(() => partnerLoader(args(admin, alertId)))).status).toBe(404);
    const list = await run(() => partnerListLoader({ ...(args(admin, alertId) as object) } as never));
    expect((list.body.alerts as unknown[]).length).toBe(0);

    // An auditor reads the staff page but may not share.
    expect((await run(() => staffAction(args(auditor, alertId, formOf({ intent: 'share' }))))).status).toBe(
      403,
    );
    const note = await run(() =>
      staffAction(
        args(
          officer,
          alertId,
          formOf({ intent: 'comment', visibility: 'internal', body: '内部备注：等法务确认' }),
        ),
      ),
    );
    expect(note.status).toBe(200);
    const early = await run(() =>
      staffAction(
        args(officer, alertId, formOf({ intent: 'comment', visibility: 'partner', body: '请上传新执照' })),
      ),
    );
    expect(early.status).toBe(409);
    expect((early.body.errors as { form: string }).form).toBe(
      'Share the alert with the partner before writing to them.',
    );
    expect((await run(() => staffAction(args(officer, alertId, formOf({ intent: 'share' }))))).status).toBe(
      200,
    );
    await run(() =>
      staffAction(
        args(officer, alertId, formOf({ intent: 'comment', visibility: 'partner', body: '请上传新执照' })),
      ),
    );

    const page = await run(() => partnerLoader(args(member, alertId)));
    expect(page.status).toBe(200);
    const comments = page.body.comments as { body: string }[];
    expect(comments.map((c) => c.body)).toEqual(['请上传新执照']);
    expect(JSON.stringify(page.body)).not.toMatch(/内部备注|\/s\/|withinDays|Document expiry|资质到期/);
    expect(page.body.canRespond).toBe(false);
    expect((await run(() => partnerLoader(args(foreign, alertId)))).status).toBe(404);
    const listed = await run(() => partnerListLoader(args(admin, alertId)));
    expect((listed.body.alerts as { id: string }[]).map((a) => a.id)).toEqual([alertId]);
  });

  test('the partner administrator replies once per form and uploads evidence; members and other partners are refused', async () => {
    const key = 'form-key-1';
    const first = await run(() =>
      partnerAction(args(admin, alertId, formOf({ intent: 'reply', body: '已续期', requestKey: key }))),
    );
    expect(first.status).toBe(200);
    await run(() =>
      partnerAction(args(admin, alertId, formOf({ intent: 'reply', body: '已续期', requestKey: key }))),
    );
    const empty = await run(() =>
      partnerAction(args(admin, alertId, formOf({ intent: 'reply', body: ' ' }))),
    );
    expect(empty.status).toBe(422);
    expect(
      (await run(() => partnerAction(args(member, alertId, formOf({ intent: 'reply', body: 'x' }))))).status,
    ).toBe(403);
    expect(
      (await run(() => partnerAction(args(foreign, alertId, formOf({ intent: 'reply', body: 'x' }))))).status,
    ).toBe(404);

    const upload = new FormData();
    upload.set('intent', 'upload');
    upload.set('file', new File([pdf()], '新执照.pdf'));
    expect((await run(() => partnerAction(args(admin, alertId, upload)))).status).toBe(200);
    const none = await run(() => partnerAction(args(admin, alertId, formOf({ intent: 'upload' }))));
    expect(none.status).toBe(422);
    const big = new FormData();
    big.set('intent', 'upload');
    big.set('file', new File([new Uint8Array(10)], 'x.pdf'));
    const tooBig = await run(() =>
      partnerAction(args(admin, alertId, big, { 'content-length': String(deps.uploadMaxBytes * 2) })),
    );
    expect(tooBig.status).toBe(413);

    const page = await run(() => partnerLoader(args(admin, alertId)));
    expect((page.body.comments as { body: string }[]).map((c) => c.body)).toEqual(['请上传新执照', '已续期']);
    expect((page.body.files as { fileName: string }[]).map((f) => f.fileName)).toEqual(['新执照.pdf']);

    // Staff see everything, each comment with who may read it.
    const staffPage = await run(() => staffLoader(args(auditor, alertId)));
    const sharing = staffPage.body.sharing as {
      comments: { visibility: string; from: string }[];
      files: unknown[];
    };
    expect(sharing.comments.map((c) => `${c.visibility}/${c.from}`)).toEqual([
      'internal/staff',
      'partner/staff',
      'partner/partner',
    ]);
    expect(sharing.files).toHaveLength(1);
  });

  test('the response dashboard reads for every staff role and refuses partners', async () => {
    const figures = await run(() => responseLoader(args(auditor, alertId)));
    expect(figures.status).toBe(200);
    expect((figures.body.levels as unknown[]).length).toBe(3);
    expect((figures.body.months as unknown[]).length).toBe(12);
    expect((await run(() => responseLoader(args(admin, alertId)))).status).toBe(403);
    const quarterArgs = (q: string) =>
      ({
        context: contextFor(auditor),
        params: {},
        request: new Request(`http://localhost/s/risk/response?quarter=${q}`),
      }) as never;
    const quarter = recentQuarters()[1]!;
    const chosen = await run(() => responseLoader(quarterArgs(quarter)));
    expect(chosen.body.quarter).toBe(quarter);
    expect((chosen.body.months as unknown[]).length).toBe(3);
    // A quarter that is not offered falls back to the last 12 months.
    const fallback = await run(() => responseLoader(quarterArgs('1999-Q1')));
    expect(fallback.status).toBe(200);
    expect(fallback.body.quarter).toBeNull();
  });
});
