import {
  applications,
  type DatabaseConnection,
  kpiMonthlyRollups,
  managementReportFiles,
  managementReports,
  outbox,
  quarterlyReviews,
  rectificationItems,
  riskAlerts,
  riskIncidents,
} from '@outpost/db';
import { rowsOf } from '@outpost/db';
import { createTestDatabase } from '@outpost/db/testing';
import { pdfText } from '@outpost/pdf/testing';
import { eq, sql } from 'drizzle-orm';
import readXlsxFile from 'read-excel-file/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Actor,
  AppError,
  ensureDefaultKpis,
  generateQuarterlyReportNow,
  generateQueuedReports,
  listManagementReports,
  managementReportFile,
  queueClosedQuarterReport,
  recordQuarterCompliance,
  requestQuarterlyReport,
  saveRiskRule,
  setSatisfactionBaseline,
  setSetting,
} from '../src/index.ts';
import { makePartner, makePartnerUser, makeStaff } from '../src/testing/fixtures.ts';
import { tempStorage } from './admission-support.ts';

/**
 * The quarterly management report (decision record 051) against a hand-built 2026-Q3, read on
 * 2026-11-15 (China), in 2026-Q4:
 *   compliance — recorded at Q3's end: 甲 compliant, 乙 not → 1 of 2 = 50 %;
 *   contract deviation — no execution evaluation → not yet measured;
 *   satisfaction — baseline 2026-Q2 mean 4.0 (40 / 10), Q3 mean 4.4 (44 / 10) → +10 %;
 *   risk response — four alerts raised in Q3, three acknowledged within 24 h, one after 30 h → 75 %;
 *   movers — 甲 70 → 85 (+15), 乙 80 → 78 (−2); one admission (甲); one overdue rectification (乙);
 *   one critical incident (乙).
 */
const now = new Date('2026-11-15T04:00:00Z');
const HOUR = 3_600_000;
const storage = tempStorage();
let conn: DatabaseConnection;
let admin: Actor;
let auditor: Actor;
let reviewer: Actor;
let partnerActor: Actor;
const CHANNEL = 'C0MGMT01';

async function review(partnerId: string, quarter: string, score: number) {
  const [r] = await conn.db
    .insert(quarterlyReviews)
    .values({ partnerId, quarter, snapshot: {} as never, score, grade: score >= 80 ? 'B' : 'C' })
    .returning();
  return r!;
}

beforeAll(async () => {
  conn = await createTestDatabase();
  await ensureDefaultKpis(conn.db);
  const adminStaff = await makeStaff(conn.db, ['admin']);
  admin = adminStaff.actor;
  auditor = (await makeStaff(conn.db, ['auditor'])).actor;
  reviewer = (await makeStaff(conn.db, ['reviewer'])).actor;
  const a = await makePartner(conn.db, { legalName: '甲保险代理有限公司' });
  const b = await makePartner(conn.db, { legalName: '乙公估有限公司' });
  partnerActor = (await makePartnerUser(conn.db, a.id, 'partner_admin')).actor;

  await recordQuarterCompliance(
    conn.db,
    '2026-Q3',
    [
      { partnerId: a.id, reasons: [] },
      { partnerId: b.id, reasons: ['documents'] },
    ],
    new Date('2026-09-30T15:50:00Z'),
  );
  await conn.db.insert(kpiMonthlyRollups).values([
    { partnerId: a.id, month: '2026-05-01', ratingsSum: 40, ratingsCount: 10 },
    { partnerId: a.id, month: '2026-08-01', ratingsSum: 44, ratingsCount: 10 },
  ]);
  await setSatisfactionBaseline(conn.db, admin, { quarter: '2026-Q2' }, now);

  const rule = await saveRiskRule(conn.db, admin, {
    kind: 'blacklist_hit',
    nameZh: '黑名单命中',
    nameEn: 'Blacklist hit',
    level: 'critical',
    serviceCategories: [],
    params: {},
    enabled: true,
  });
  const ackAfter = [2, 5, 20, 30];
  for (const [i, hours] of ackAfter.entries()) {
    const raisedAt = new Date(Date.parse('2026-08-10T02:00:00Z') + i * 24 * HOUR);
    await conn.db.insert(riskAlerts).values({
      partnerId: b.id,
      ruleId: rule.id,
      ruleVersion: 1,
      ruleSnapshot: { nameZh: '黑名单命中', nameEn: 'Blacklist hit' },
      conditionKey: `c-${i}`,
      level: 'critical',
      evidence: {},
      raisedAt,
      responseDeadline: new Date(raisedAt.getTime() + 24 * HOUR),
      status: 'acknowledged',
      acknowledgedAt: new Date(raisedAt.getTime() + hours * HOUR),
    });
  }
  await review(a.id, '2026-Q2', 70);
  await review(a.id, '2026-Q3', 85);
  await review(b.id, '2026-Q2', 80);
  const bQ3 = await review(b.id, '2026-Q3', 78);
  await conn.db.insert(rectificationItems).values({
    reviewId: bQ3.id,
    partnerId: b.id,
    position: 1,
    description: '补齐公估师执业证书',
    dueDate: '2026-09-10',
    createdAt: new Date('2026-08-20T02:00:00Z'),
  });
  await conn.db.insert(applications).values({
    partnerId: a.id,
    serviceCategories: ['agency'],
    status: 'approved',
    stage: 'committee',
    submittedAt: new Date('2026-06-20T02:00:00Z'),
    decidedAt: new Date('2026-07-15T02:00:00Z'),
  });
  await conn.db.insert(riskIncidents).values({
    partnerId: b.id,
    title: '客户信息泄露',
    severity: 'critical',
    responsibleId: adminStaff.user.id,
    openedAt: new Date('2026-09-01T02:00:00Z'),
  } as never);
  await setSetting(conn.db, admin, 'reports.distribution', {
    slackChannel: CHANNEL,
    emails: [
      { email: 'board@insurer.test', locale: 'zh-CN' },
      { email: 'cfo@insurer.test', locale: 'en' },
    ],
  });
});
afterAll(async () => conn?.close());

describe('the quarterly management report', () => {
  it('is queued once per quarter by the job, made once by two workers, posted and e-mailed once', async () => {
    const first = await queueClosedQuarterReport(conn.db, now);
    const again = await queueClosedQuarterReport(conn.db, new Date(now.getTime() + 24 * HOUR));
    expect(first).toEqual({ quarter: '2026-Q3', queued: true });
    expect(again.queued).toBe(false);
    const [w1, w2] = await Promise.all([
      generateQueuedReports(conn.db, storage, now),
      generateQueuedReports(conn.db, storage, now),
    ]);
    expect([...w1!, ...w2!]).toHaveLength(1);
    expect(await generateQueuedReports(conn.db, storage, now)).toEqual([]);

    const reports = await conn.db.select().from(managementReports);
    expect(reports).toHaveLength(1);
    expect(reports[0]).toMatchObject({ quarter: '2026-Q3', status: 'ready', trigger: 'schedule' });
    const files = await conn.db.select().from(managementReportFiles);
    expect(files.map((f) => `${f.locale}.${f.format}`).sort()).toEqual([
      'en.pdf',
      'en.xlsx',
      'zh-CN.pdf',
      'zh-CN.xlsx',
    ]);
    expect(files.every((f) => /^[0-9a-f]{64}$/.test(f.sha256))).toBe(true);

    const slack = await conn.db.select().from(outbox).where(eq(outbox.target, CHANNEL));
    expect(slack).toHaveLength(1);
    expect(slack[0]!.payload).toMatchObject({
      template: 'reports.slack',
      params: {
        quarter: '2026-Q3',
        compliance: '50%',
        deviation: '—',
        satisfaction: '+10%',
        response: '75%',
      },
      link: '/s/reports',
    });
    const mails = await conn.db.select().from(outbox).where(eq(outbox.channel, 'email'));
    expect(mails.map((m) => m.target).sort()).toEqual(['board@insurer.test', 'cfo@insurer.test']);
    const zhMail = mails.find((m) => m.target === 'board@insurer.test')!;
    expect(zhMail.payload).toMatchObject({ locale: 'zh-CN', params: { deviation: '尚未计量' } });

    const generated = await conn.db.execute(
      sql`select data from audit_log where action = 'report.generated'`,
    );
    expect(rowsOf(generated)).toHaveLength(1);
  });

  it('prints the targets and their figures in Chinese and in English, extractable from the PDF', async () => {
    const [report] = await listManagementReports(conn.db, auditor);
    const en = await managementReportFile(conn.db, auditor, storage, {
      reportId: report!.id,
      locale: 'en',
      format: 'pdf',
    });
    const enText = (await pdfText(en.bytes)).text.replace(/\s+/g, ' ');
    for (const s of [
      'Quarterly management report',
      '2026-Q3',
      'Partner compliance rate',
      '50%',
      'Contract execution deviation',
      'not yet measured',
      'Customer satisfaction',
      '+10%',
      'Risk-warning response',
      '75%',
      '甲保险代理有限公司',
      '+15',
      '客户信息泄露',
      '1 open at the quarter’s end, 1 of them overdue.',
    ]) {
      expect(enText).toContain(s);
    }
    const zh = await managementReportFile(conn.db, admin, storage, {
      reportId: report!.id,
      locale: 'zh-CN',
      format: 'pdf',
    });
    const zhText = (await pdfText(zh.bytes)).text.replace(/\s+/g, '');
    for (const s of [
      '季度管理报告',
      '合作机构合规率',
      '50%',
      '合同执行偏差率',
      '尚未计量',
      '客户满意度',
      '+10%',
      '风险预警响应',
      '75%',
      '变化最大的合作方',
      '准入',
    ]) {
      expect(zhText).toContain(s);
    }
    const downloads = await conn.db.execute(
      sql`select data from audit_log where action = 'report.downloaded' order by id`,
    );
    expect(rowsOf<{ data: { locale: string } }>(downloads).map((r) => r.data.locale)).toEqual([
      'en',
      'zh-CN',
    ]);
  });

  it('has one readable XLSX sheet per section in each language', async () => {
    const [report] = await listManagementReports(conn.db, admin);
    const en = await managementReportFile(conn.db, admin, storage, {
      reportId: report!.id,
      locale: 'en',
      format: 'xlsx',
    });
    const sheets = await readXlsxFile(Buffer.from(en.bytes));
    expect(sheets.map((s) => s.sheet)).toEqual([
      'Targets',
      'Trend',
      'Movers',
      'Admissions and exits',
      'Rectifications',
      'Alerts and incidents',
    ]);
    expect(sheets[0]!.data).toEqual([
      ['Target', 'Goal', 'Value', 'Met'],
      ['Partner compliance rate', '≥ 98 %', '50%', 'Not met'],
      ['Contract execution deviation', '≤ 2 %', 'not yet measured', '—'],
      ['Customer satisfaction', '+10 % over the baseline', '+10%', 'Met'],
      ['Risk-warning response', 'every alert within 24 h', '75%', 'Not met'],
    ]);
    expect(sheets[1]!.data).toHaveLength(9); // header + eight quarters
    expect(sheets[1]!.data.at(-1)![0]).toBe('2026-Q3');
    expect(sheets[2]!.data[1]).toEqual(['甲保险代理有限公司', '70', '85', '+15', 'B']);
    const zh = await managementReportFile(conn.db, admin, storage, {
      reportId: report!.id,
      locale: 'zh-CN',
      format: 'xlsx',
    });
    const zhSheets = await readXlsxFile(Buffer.from(zh.bytes));
    expect(zhSheets[0]!.sheet).toBe('目标');
    expect(zhSheets[0]!.data[1]).toEqual(['合作机构合规率', '≥ 98%', '50%', '未达标']);
  });

  it('gives a valid report for an empty quarter, every figure "not yet measured"', async () => {
    const report = await generateQuarterlyReportNow(conn.db, storage, '2025-Q1', { now });
    expect(report.status).toBe('ready');
    const file = await managementReportFile(conn.db, admin, storage, {
      reportId: report.id,
      locale: 'en',
      format: 'pdf',
    });
    const text = (await pdfText(file.bytes)).text.replace(/\s+/g, ' ');
    expect(text.match(/not yet measured/g)!.length).toBeGreaterThanOrEqual(4);
    expect(text).toContain('None this quarter.');
    const sheets = await readXlsxFile(
      Buffer.from(
        (
          await managementReportFile(conn.db, admin, storage, {
            reportId: report.id,
            locale: 'zh-CN',
            format: 'xlsx',
          })
        ).bytes,
      ),
    );
    expect(sheets[0]!.data.slice(1).map((r) => r[2])).toEqual([
      '尚未计量',
      '尚未计量',
      '尚未计量',
      '尚未计量',
    ]);
  });

  it('refuses a quarter in the future, one not closed, a malformed one, and one already reported', async () => {
    const refused = async (quarter: string) =>
      requestQuarterlyReport(conn.db, admin, { quarter }, now).then(
        () => null,
        (e: unknown) => e as AppError,
      );
    const future = await refused('2027-Q1');
    expect(future).toBeInstanceOf(AppError);
    expect(future).toMatchObject({ status: 422, messageKey: 'reports.error.quarterFuture' });
    expect(await refused('2026-Q4')).toMatchObject({
      status: 422,
      messageKey: 'reports.error.quarterRunning',
    });
    expect(await refused('Q3 2026')).toMatchObject({
      status: 422,
      messageKey: 'reports.error.quarterFormat',
    });
    expect(await refused('2026-Q3')).toMatchObject({ status: 409, messageKey: 'reports.error.exists' });
    const rows = await conn.db.select().from(managementReports);
    expect(rows.map((r) => r.quarter).sort()).toEqual(['2025-Q1', '2026-Q3']);
  });

  it('queues a staff request once however often it is sent, and the job makes it', async () => {
    const one = await requestQuarterlyReport(conn.db, admin, { quarter: '2026-Q2' }, now);
    const two = await requestQuarterlyReport(conn.db, admin, { quarter: '2026-Q2' }, now);
    expect(two.id).toBe(one.id);
    expect(one.status).toBe('queued');
    expect(await generateQueuedReports(conn.db, storage, now)).toEqual([one.id]);
    const list = await listManagementReports(conn.db, admin);
    expect(list.find((r) => r.id === one.id)).toMatchObject({ status: 'ready', trigger: 'staff' });
    // Posted and e-mailed for that report too: one more post, two more e-mails, nothing else.
    expect(await conn.db.select().from(outbox).where(eq(outbox.target, CHANNEL))).toHaveLength(3);
  });

  it('is read by auditors and management only; files are immutable and checked on download', async () => {
    await expect(listManagementReports(conn.db, reviewer)).rejects.toMatchObject({ status: 403 });
    await expect(listManagementReports(conn.db, partnerActor)).rejects.toMatchObject({ status: 403 });
    await expect(requestQuarterlyReport(conn.db, auditor, { quarter: '2025-Q2' }, now)).rejects.toMatchObject(
      { status: 403 },
    );
    const changed = await conn.db.execute(sql`update management_report_files set sha256 = 'x'`).then(
      () => 'changed',
      (e: { cause?: { message?: string } }) => e.cause?.message ?? String(e),
    );
    expect(changed).toMatch(/immutable/);
    const [report] = await listManagementReports(conn.db, admin);
    const file = report!.files.find((f) => f.format === 'pdf' && f.locale === 'en')!;
    const [row] = await conn.db
      .select()
      .from(managementReportFiles)
      .where(eq(managementReportFiles.id, file.id));
    await storage.put(row!.storageKey, new Uint8Array([1, 2, 3]), 'application/pdf');
    await expect(
      managementReportFile(conn.db, admin, storage, { reportId: report!.id, locale: 'en', format: 'pdf' }),
    ).rejects.toMatchObject({ status: 409, messageKey: 'reports.error.tampered' });
  });
});
