import { auditLog, type DatabaseConnection, riskAlertEvents, riskAlerts, type riskLevels } from '@outpost/db';
import { createTestDatabase } from '@outpost/db/testing';
import { asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Actor,
  AppError,
  alertResponseFigures,
  commentOnRiskAlert,
  ensureDefaultKpis,
  getSharedRiskAlert,
  listSharedRiskAlerts,
  readRiskAlertEvidence,
  recentQuarters,
  riskResponseDashboard,
  riskAlertThread,
  saveRiskRule,
  shareRiskAlert,
  uploadRiskAlertEvidence,
} from '../src/index.ts';
import { makePartner, makePartnerUser, makeStaff } from '../src/testing/fixtures.ts';
import { fixture, tempStorage } from './admission-support.ts';

let conn: DatabaseConnection;
let officer: Actor;
let auditor: Actor;
let ruleId: string;
let own: { id: string };
let other: { id: string };
let admin: Actor;
let member: Actor;
let foreignAdmin: Actor;
const storage = tempStorage();
const HOUR = 3_600_000;

beforeAll(async () => {
  conn = await createTestDatabase();
  await ensureDefaultKpis(conn.db);
  officer = (await makeStaff(conn.db, ['risk_officer'])).actor;
  auditor = (await makeStaff(conn.db, ['auditor'])).actor;
  const rule = await saveRiskRule(conn.db, officer, {
    kind: 'blacklist_hit',
    nameZh: '黑名单命中',
    nameEn: 'Blacklist hit',
    level: 'critical',
    serviceCategories: [],
    params: { clearAfterHours: 24 },
  });
  ruleId = (rule as { id: string }).id;
  own = await makePartner(conn.db, { legalName: '本方理赔有限公司' });
  other = await makePartner(conn.db, { legalName: '他方理赔有限公司' });
  admin = (await makePartnerUser(conn.db, own.id, 'partner_admin')).actor;
  member = (await makePartnerUser(conn.db, own.id, 'partner_member')).actor;
  foreignAdmin = (await makePartnerUser(conn.db, other.id, 'partner_admin')).actor;
});
afterAll(() => conn.close());

/** An alert as evaluation would raise it, with the times given (hand-checkable figures). */
async function alert(
  partnerId: string,
  opts: {
    level?: (typeof riskLevels)[number];
    raisedAt?: Date;
    deadlineHours?: number;
    acknowledgedAfterHours?: number;
    status?: 'open' | 'acknowledged' | 'resolved' | 'dismissed';
    resolvedBySystemAfterHours?: number;
  } = {},
) {
  const raisedAt = opts.raisedAt ?? new Date();
  const at = (h: number) => new Date(raisedAt.getTime() + h * HOUR);
  const [row] = await conn.db
    .insert(riskAlerts)
    .values({
      partnerId,
      ruleId,
      ruleVersion: 1,
      ruleSnapshot: {
        kind: 'blacklist_hit',
        nameZh: '黑名单命中',
        nameEn: 'Blacklist hit',
        params: { secret: 1 },
      },
      conditionKey: `c-${Math.random()}`,
      level: opts.level ?? 'critical',
      evidence: { listedName: '某公司', reason: '内部理由', href: '/s/blacklist' },
      raisedAt,
      responseDeadline: at(opts.deadlineHours ?? 24),
      status:
        opts.status ??
        (opts.acknowledgedAfterHours !== undefined
          ? 'acknowledged'
          : opts.resolvedBySystemAfterHours !== undefined
            ? 'resolved'
            : 'open'),
      acknowledgedAt: opts.acknowledgedAfterHours !== undefined ? at(opts.acknowledgedAfterHours) : null,
      resolvedAt: opts.resolvedBySystemAfterHours !== undefined ? at(opts.resolvedBySystemAfterHours) : null,
    })
    .returning();
  return row!;
}

async function refused(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error, 'expected the call to be refused').toBeInstanceOf(AppError);
  return error as AppError;
}

describe('sharing an alert with its partner', () => {
  it('is off by default: the partner lists nothing and reads "not found"', async () => {
    const a = await alert(own.id);
    expect((await listSharedRiskAlerts(conn.db, admin)).alerts.map((x) => x.id)).not.toContain(a.id);
    expect((await refused(getSharedRiskAlert(conn.db, admin, a.id))).status).toBe(404);
  });

  it('is an explicit, audited staff action; sharing again adds nothing', async () => {
    const a = await alert(own.id);
    expect((await refused(shareRiskAlert(conn.db, auditor, a.id))).status).toBe(403);
    expect((await refused(shareRiskAlert(conn.db, admin, a.id))).status).toBe(403);
    const first = await shareRiskAlert(conn.db, officer, a.id);
    const again = await shareRiskAlert(conn.db, officer, a.id);
    expect(first.shared).toBe(true);
    expect(again.shared).toBe(false);
    const events = await conn.db
      .select()
      .from(riskAlertEvents)
      .where(eq(riskAlertEvents.alertId, a.id))
      .orderBy(asc(riskAlertEvents.id));
    expect(events.map((e) => e.kind)).toEqual(['shared']);
    const audits = await conn.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.entityId, a.id))
      .orderBy(asc(auditLog.id));
    expect(audits.map((e) => e.action)).toEqual(['risk_alert.shared']);
    const list = await listSharedRiskAlerts(conn.db, member);
    expect(list.alerts.map((x) => x.id)).toContain(a.id);
  });

  it('shows the partner its own numbers, never the rule, thresholds or console links', async () => {
    const a = await alert(own.id);
    await shareRiskAlert(conn.db, officer, a.id);
    const view = await getSharedRiskAlert(conn.db, admin, a.id);
    expect(view.alert.trigger).toEqual({ listedName: '某公司' });
    expect(JSON.stringify(view)).not.toMatch(/secret|内部理由|\/s\/|黑名单命中/);
  });

  it("never shows another partner's shared alert", async () => {
    const a = await alert(other.id);
    await shareRiskAlert(conn.db, officer, a.id);
    expect((await refused(getSharedRiskAlert(conn.db, admin, a.id))).status).toBe(404);
    expect((await listSharedRiskAlerts(conn.db, admin)).alerts.map((x) => x.id)).not.toContain(a.id);
    expect((await refused(commentOnRiskAlert(conn.db, admin, { alertId: a.id, body: 'x' }))).status).toBe(
      404,
    );
    const pdf = fixture('licence.pdf');
    expect(
      (
        await refused(
          uploadRiskAlertEvidence(conn.db, admin, storage, { alertId: a.id, fileName: 'a.pdf', bytes: pdf }),
        )
      ).status,
    ).toBe(404);
    const mine = await uploadRiskAlertEvidence(conn.db, foreignAdmin, storage, {
      alertId: a.id,
      fileName: 'theirs.pdf',
      bytes: pdf,
    });
    expect((await refused(readRiskAlertEvidence(conn.db, admin, storage, mine.file.id))).status).toBe(404);
    expect((await readRiskAlertEvidence(conn.db, foreignAdmin, storage, mine.file.id)).fileName).toBe(
      'theirs.pdf',
    );
    expect((await readRiskAlertEvidence(conn.db, auditor, storage, mine.file.id)).fileName).toBe(
      'theirs.pdf',
    );
  });

  it('filters by status and pages', async () => {
    const p = await makePartner(conn.db, { legalName: '分页测试有限公司' });
    const pAdmin = (await makePartnerUser(conn.db, p.id, 'partner_admin')).actor;
    for (let i = 0; i < 22; i++) {
      const a = await alert(p.id, i < 2 ? { acknowledgedAfterHours: 1 } : {});
      await shareRiskAlert(conn.db, officer, a.id);
    }
    const page1 = await listSharedRiskAlerts(conn.db, pAdmin);
    const page2 = await listSharedRiskAlerts(conn.db, pAdmin, { page: 2 });
    expect(page1.total).toBe(22);
    expect(page1.alerts).toHaveLength(20);
    expect(page2.alerts).toHaveLength(2);
    expect((await listSharedRiskAlerts(conn.db, pAdmin, { status: 'acknowledged' })).total).toBe(2);
    expect((await listSharedRiskAlerts(conn.db, pAdmin, { status: 'open' })).total).toBe(20);
    expect((await refused(listSharedRiskAlerts(conn.db, pAdmin, { status: 'bogus' as 'open' }))).status).toBe(
      422,
    );
    expect((await refused(listSharedRiskAlerts(conn.db, officer))).status).toBe(403);
  });
});

describe('comments on an alert', () => {
  it('keeps internal notes from the partner and shows messages both ways to staff', async () => {
    const a = await alert(own.id);
    await commentOnRiskAlert(conn.db, officer, {
      alertId: a.id,
      body: '内部：疑似误报',
      visibility: 'internal',
    });
    // Writing to the partner needs the alert shared first.
    const early = await refused(
      commentOnRiskAlert(conn.db, officer, { alertId: a.id, body: '请说明', visibility: 'partner' }),
    );
    expect(early.status).toBe(409);
    await shareRiskAlert(conn.db, officer, a.id);
    await commentOnRiskAlert(conn.db, officer, { alertId: a.id, body: '请说明情况', visibility: 'partner' });
    // A partner asking for an internal note still writes a message.
    await commentOnRiskAlert(conn.db, admin, {
      alertId: a.id,
      body: '已整改，附证明',
      visibility: 'internal',
    });
    const partnerView = await getSharedRiskAlert(conn.db, member, a.id);
    expect(partnerView.comments.map((c) => c.body)).toEqual(['请说明情况', '已整改，附证明']);
    expect(JSON.stringify(partnerView)).not.toContain('疑似误报');
    expect(partnerView.canRespond).toBe(false);
    const staffView = await riskAlertThread(conn.db, auditor, a.id);
    expect(staffView.comments.map((c) => [c.visibility, c.from, c.body])).toEqual([
      ['internal', 'staff', '内部：疑似误报'],
      ['partner', 'staff', '请说明情况'],
      ['partner', 'partner', '已整改，附证明'],
    ]);
    expect((await refused(riskAlertThread(conn.db, admin, a.id))).status).toBe(403);
  });

  it('refuses members, auditors, empty bodies and a missing visibility; a resent form adds one comment', async () => {
    const a = await alert(own.id);
    await shareRiskAlert(conn.db, officer, a.id);
    expect((await refused(commentOnRiskAlert(conn.db, member, { alertId: a.id, body: 'x' }))).status).toBe(
      403,
    );
    expect(
      (
        await refused(
          commentOnRiskAlert(conn.db, auditor, { alertId: a.id, body: 'x', visibility: 'internal' }),
        )
      ).status,
    ).toBe(403);
    const empty = await refused(commentOnRiskAlert(conn.db, admin, { alertId: a.id, body: '   ' }));
    expect(empty.status).toBe(422);
    expect((await refused(commentOnRiskAlert(conn.db, officer, { alertId: a.id, body: 'x' }))).status).toBe(
      422,
    );
    const first = await commentOnRiskAlert(conn.db, admin, { alertId: a.id, body: '回复', requestKey: 'k1' });
    const again = await commentOnRiskAlert(conn.db, admin, { alertId: a.id, body: '回复', requestKey: 'k1' });
    expect(again.created).toBe(false);
    expect(again.comment.id).toBe(first.comment.id);
    expect((await getSharedRiskAlert(conn.db, admin, a.id)).comments).toHaveLength(1);
  });

  it('takes evidence files from the partner once per content, audited', async () => {
    const a = await alert(own.id);
    await shareRiskAlert(conn.db, officer, a.id);
    const pdf = fixture('licence.pdf');
    const first = await uploadRiskAlertEvidence(conn.db, admin, storage, {
      alertId: a.id,
      fileName: '整改.pdf',
      bytes: pdf,
    });
    const again = await uploadRiskAlertEvidence(conn.db, admin, storage, {
      alertId: a.id,
      fileName: '整改.pdf',
      bytes: pdf,
    });
    expect(again.created).toBe(false);
    expect(again.file.id).toBe(first.file.id);
    const bad = await refused(
      uploadRiskAlertEvidence(conn.db, admin, storage, {
        alertId: a.id,
        fileName: 'x.pdf',
        bytes: fixture('disguised-executable.pdf'),
      }),
    );
    expect(bad.status).toBeGreaterThanOrEqual(400);
    expect(bad.status).toBeLessThan(500);
    expect(
      (
        await refused(
          uploadRiskAlertEvidence(conn.db, member, storage, { alertId: a.id, fileName: 'a.pdf', bytes: pdf }),
        )
      ).status,
    ).toBe(403);
    const view = await getSharedRiskAlert(conn.db, member, a.id);
    expect(view.files.map((f) => f.fileName)).toEqual(['整改.pdf']);
    const file = await readRiskAlertEvidence(conn.db, member, storage, first.file.id);
    expect(Buffer.from(file.bytes).equals(Buffer.from(pdf))).toBe(true);
    const audits = await conn.db
      .select({ action: auditLog.action })
      .from(auditLog)
      .where(eq(auditLog.entityId, a.id))
      .orderBy(asc(auditLog.id));
    expect(audits.map((x) => x.action)).toEqual(['risk_alert.shared', 'risk_alert.evidence_uploaded']);
  });
});

describe('alertResponseFigures', () => {
  it('counts per level and month: within the deadline, within 24 h, the median; pending and cleared-unneeded left out', async () => {
    // A separate database so the other tests' alerts do not mix in.
    const fresh = await createTestDatabase();
    try {
      await ensureDefaultKpis(fresh.db);
      const staff = (await makeStaff(fresh.db, ['risk_officer'])).actor;
      const rule = (await saveRiskRule(fresh.db, staff, {
        kind: 'blacklist_hit',
        nameZh: '规则',
        nameEn: 'Rule',
        level: 'warning',
        serviceCategories: [],
        params: {},
      })) as { id: string };
      const p = await makePartner(fresh.db);
      const t = (iso: string) => new Date(`${iso}+08:00`);
      const insert = async (level: 'warning' | 'critical', raised: string, deadlineH: number, more = {}) => {
        const raisedAt = t(raised);
        await fresh.db.insert(riskAlerts).values({
          partnerId: p.id,
          ruleId: rule.id,
          ruleVersion: 1,
          ruleSnapshot: {},
          conditionKey: `${raised}-${Math.random()}`,
          level,
          evidence: {},
          raisedAt,
          responseDeadline: new Date(raisedAt.getTime() + deadlineH * HOUR),
          ...more,
        });
      };
      const plus = (raised: string, h: number) => new Date(t(raised).getTime() + h * HOUR);
      // October (China time), warning: acknowledged after 1 h and 3 h (on time), 30 h (late, deadline 24 h).
      await insert('warning', '2026-10-01T00:30:00', 24, {
        status: 'acknowledged',
        acknowledgedAt: plus('2026-10-01T00:30:00', 1),
      });
      await insert('warning', '2026-10-10T09:00:00', 24, {
        status: 'acknowledged',
        acknowledgedAt: plus('2026-10-10T09:00:00', 3),
      });
      await insert('warning', '2026-10-20T09:00:00', 24, {
        status: 'acknowledged',
        acknowledgedAt: plus('2026-10-20T09:00:00', 30),
      });
      // October, warning, never answered, deadline passed: a miss. Closed by the system before its deadline: left out.
      await insert('warning', '2026-10-25T09:00:00', 24);
      await insert('warning', '2026-10-26T09:00:00', 24, {
        status: 'resolved',
        resolvedAt: plus('2026-10-26T09:00:00', 2),
      });
      // November, critical, deadline 4 h: dismissed by a person after 2 h (on time, within 24 h);
      // resolved by a person after 6 h without acknowledging (late for its deadline, within 24 h).
      const staffId = (staff as { userId: string }).userId;
      await insert('critical', '2026-11-02T09:00:00', 4, {
        status: 'dismissed',
        dismissedAt: plus('2026-11-02T09:00:00', 2),
        dismissedBy: staffId,
      });
      await insert('critical', '2026-11-03T09:00:00', 4, {
        status: 'resolved',
        resolvedAt: plus('2026-11-03T09:00:00', 6),
        resolvedBy: staffId,
      });
      // November 30, 23:00 China time = November 30 15:00 UTC: a November alert, still open before its deadline (pending).
      await insert('critical', '2026-11-30T23:00:00', 4);
      // 30 September 23:59 China time is outside the quarter.
      await insert('warning', '2026-09-30T23:59:00', 24, {
        status: 'acknowledged',
        acknowledgedAt: plus('2026-09-30T23:59:00', 1),
      });

      const now = t('2026-12-01T00:00:00');
      const figures = await alertResponseFigures(fresh.db, { from: '2026-10-01', to: '2027-01-01' }, now);
      expect(figures.months).toEqual(['2026-10', '2026-11', '2026-12']);
      const warning = figures.levels.find((l) => l.level === 'warning')!;
      const oct = warning.months.find((m) => m.month === '2026-10')!;
      expect(oct).toMatchObject({
        due: 4,
        responded: 3,
        withinDeadline: 2,
        within24h: 2,
        pending: 0,
        medianMinutes: 180,
      });
      expect(oct.share).toBe(0.5);
      const critical = figures.levels.find((l) => l.level === 'critical')!;
      const nov = critical.months.find((m) => m.month === '2026-11')!;
      expect(nov).toMatchObject({
        due: 2,
        responded: 2,
        withinDeadline: 1,
        within24h: 2,
        pending: 1,
        medianMinutes: 240,
      });
      expect(nov.share24h).toBe(1);
      expect(critical.months.find((m) => m.month === '2026-10')!.share).toBeNull();
      expect(figures.levels.find((l) => l.level === 'notice')!.total.due).toBe(0);
      // The whole quarter: 6 due, 3 within their deadline, 4 within 24 h; median of 60, 180, 1800, 120, 360 = 180.
      expect(figures.total).toMatchObject({ due: 6, withinDeadline: 3, within24h: 4, medianMinutes: 180 });
      expect((await refused(alertResponseFigures(fresh.db, { from: '2026-10', to: 'x' }))).status).toBe(422);
    } finally {
      await fresh.close();
    }
  });
});

describe('riskResponseDashboard', () => {
  it('reads one of the last eight quarters or the last 12 months, for staff only', async () => {
    const now = new Date('2026-12-03T10:00:00+08:00');
    expect(recentQuarters(now).slice(0, 5)).toEqual(['2026-Q4', '2026-Q3', '2026-Q2', '2026-Q1', '2025-Q4']);
    const quarter = await riskResponseDashboard(conn.db, auditor, { quarter: '2026-Q4' }, now);
    expect(quarter.quarter).toBe('2026-Q4');
    expect(quarter.months).toEqual(['2026-10', '2026-11', '2026-12']);
    const year = await riskResponseDashboard(conn.db, auditor, {}, now);
    expect(year.months).toHaveLength(12);
    expect(year.months[0]).toBe('2026-01');
    expect((await refused(riskResponseDashboard(conn.db, auditor, { quarter: '2020-Q1' }, now))).status).toBe(
      422,
    );
    expect((await refused(riskResponseDashboard(conn.db, auditor, { quarter: 'Q9' }, now))).status).toBe(422);
    expect((await refused(riskResponseDashboard(conn.db, admin, {}, now))).status).toBe(403);
  });
});
