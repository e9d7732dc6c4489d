import { type DatabaseConnection, terminationCases } from '@outpost/db';
import { createTestDatabase } from '@outpost/db/testing';
import { pdfText } from '@outpost/pdf/testing';
import readXlsxFile from 'read-excel-file/node';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  type Actor,
  audit,
  ensureDefaultKpis,
  generateQuarterlyReportNow,
  managementReportFile,
  quarterlyReportData,
  systemActor,
} from '../src/index.ts';
import { makePartner, makeStaff } from '../src/testing/fixtures.ts';
import { tempStorage } from './admission-support.ts';

/**
 * The report's exits (decision record 061) for a hand-built 2026-Q3 (China: 07-01 to 09-30),
 * read on 2026-11-15:
 *   丙 — case completed, effective 2026-08-20, from a risk alert, for cause, successor 丁: counted;
 *   戊 — case completed, effective 2026-10-15 (Q4): not counted;
 *   己 — case withdrawn, effective 2026-09-10: not counted;
 *   庚 — no case, the audit log's status change to terminated on 2026-07-20: counted, without case;
 *   辛 — case approved (exit under way), effective 2026-09-30, and a direct status change in Q3:
 *        counted once, from its case.
 */
const now = new Date('2026-11-15T04:00:00Z');
const storage = tempStorage();
let conn: DatabaseConnection;
let admin: Actor;

async function statusChangedAt(at: string, partnerId: string, to: string) {
  // The audit log takes its time from the clock: set it to the day of the (older) change.
  const spy = vi.spyOn(Date, 'now').mockReturnValue(Date.parse(at));
  try {
    await audit(conn.db, systemActor('test'), {
      action: 'partner.status_changed',
      entityType: 'partner',
      entityId: partnerId,
      partnerId,
      data: { from: 'active', to },
    });
  } finally {
    spy.mockRestore();
  }
}

beforeAll(async () => {
  conn = await createTestDatabase();
  await ensureDefaultKpis(conn.db);
  admin = (await makeStaff(conn.db, ['admin'])).actor;
  const bing = await makePartner(conn.db, { legalName: '丙公估有限公司' });
  const ding = await makePartner(conn.db, { legalName: '丁公估有限公司' });
  const wu = await makePartner(conn.db, { legalName: '戊保险代理有限公司' });
  const ji = await makePartner(conn.db, { legalName: '己信息技术有限公司' });
  const geng = await makePartner(conn.db, { legalName: '庚客户服务有限公司' });
  const xin = await makePartner(conn.db, { legalName: '辛理赔服务有限公司' });
  const base = { type: 'for_cause' as const, source: 'risk_alert' as const };
  await conn.db.insert(terminationCases).values([
    {
      ...base,
      partnerId: bing.id,
      reason: '多次严重违规',
      effectiveDate: '2026-08-20',
      status: 'completed',
      successorPartnerId: ding.id,
      completedAt: new Date('2026-08-19T16:05:00Z'),
    },
    { ...base, partnerId: wu.id, reason: '合同到期', effectiveDate: '2026-10-15', status: 'completed' },
    {
      ...base,
      partnerId: ji.id,
      reason: '撤回前的原因',
      effectiveDate: '2026-09-10',
      status: 'withdrawn',
      closeReason: '已整改',
    },
    {
      partnerId: xin.id,
      source: 'partner_request',
      type: 'partner_request',
      reason: 'Business wound down',
      effectiveDate: '2026-09-30',
      status: 'approved',
    },
  ]);
  await statusChangedAt('2026-07-20T03:00:00Z', geng.id, 'terminated');
  await statusChangedAt('2026-09-01T03:00:00Z', xin.id, 'exiting');
  // Outside the quarter (Q4, China time: 2026-10-01 00:30): not counted.
  await statusChangedAt('2026-09-30T16:30:00Z', ding.id, 'exiting');
});
afterAll(async () => conn?.close());

describe('the quarterly report’s exits', () => {
  it('lists the cases effective in the quarter with source, reason and successor, and the exits without a case', async () => {
    const data = await quarterlyReportData(conn.db, '2026-Q3', now);
    expect(data.exits).toEqual([
      {
        partnerName: '庚客户服务有限公司',
        status: 'terminated',
        date: '2026-07-20',
        recordedBy: 'status_change',
        source: null,
        type: null,
        reason: null,
        successorName: null,
      },
      {
        partnerName: '丙公估有限公司',
        status: 'terminated',
        date: '2026-08-20',
        recordedBy: 'termination_case',
        source: 'risk_alert',
        type: 'for_cause',
        reason: '多次严重违规',
        successorName: '丁公估有限公司',
      },
      {
        partnerName: '辛理赔服务有限公司',
        status: 'exiting',
        date: '2026-09-30',
        recordedBy: 'termination_case',
        source: 'partner_request',
        type: 'partner_request',
        reason: 'Business wound down',
        successorName: null,
      },
    ]);
    // The next quarter has 戊's case and 丁's change (China time 10-01), never 己's withdrawn case.
    const q4 = await quarterlyReportData(conn.db, '2026-Q4', new Date('2027-01-15T04:00:00Z'));
    expect(q4.exits.map((e) => [e.partnerName, e.date, e.recordedBy])).toEqual([
      ['丁公估有限公司', '2026-10-01', 'status_change'],
      ['戊保险代理有限公司', '2026-10-15', 'termination_case'],
    ]);
  });

  it('prints them in the XLSX and the PDF, in both languages', async () => {
    const report = await generateQuarterlyReportNow(conn.db, storage, '2026-Q3', { now });
    expect(report.status).toBe('ready');
    const file = (locale: string, format: string) =>
      managementReportFile(conn.db, admin, storage, { reportId: report.id, locale, format });

    const en = await readXlsxFile(Buffer.from((await file('en', 'xlsx')).bytes));
    const enSheet = en.find((s) => s.sheet === 'Admissions and exits')!.data;
    const at = enSheet.findIndex((row) => row[0] === 'Partner' && row[2] === 'Effective date');
    expect(enSheet[at - 1]![0]).toMatch(/^Exits/);
    expect(enSheet.slice(at)).toEqual([
      ['Partner', 'Kind', 'Effective date', 'Source', 'Reason', 'Successor'],
      ['庚客户服务有限公司', 'Terminated', 'Jul 20, 2026', 'Status change, no termination case', '—', '—'],
      [
        '丙公估有限公司',
        'Terminated',
        'Aug 20, 2026',
        'Risk alert · For cause',
        '多次严重违规',
        '丁公估有限公司',
      ],
      [
        '辛理赔服务有限公司',
        'Exit started',
        'Sep 30, 2026',
        'Partner’s request · Partner’s request',
        'Business wound down',
        '—',
      ],
    ]);
    expect(JSON.stringify(enSheet)).not.toContain('己信息技术');
    expect(JSON.stringify(enSheet)).not.toContain('戊保险代理');

    const zh = await readXlsxFile(Buffer.from((await file('zh-CN', 'xlsx')).bytes));
    const zhSheet = zh.find((s) => s.sheet === '准入与退出')!.data;
    const zhAt = zhSheet.findIndex((row) => row[0] === '合作方' && row[2] === '生效日期');
    expect(zhSheet[zhAt]).toEqual(['合作方', '类型', '生效日期', '来源', '原因', '承接机构']);
    expect(zhSheet[zhAt + 1]!.slice(1, 4)).toEqual([
      '已终止',
      zhSheet[zhAt + 1]![2],
      '状态变更（无终止案例）',
    ]);
    expect(zhSheet[zhAt + 2]!.slice(3)).toEqual(['风险预警 · 过错解除', '多次严重违规', '丁公估有限公司']);

    for (const [locale, strings] of [
      [
        'en',
        [
          'Exits',
          'Effective date',
          'Successor',
          'Risk alert · For cause',
          'Status change, no termination case',
        ],
      ],
      [
        'zh-CN',
        ['退出', '生效日期', '承接机构', '风险预警 · 过错解除', '状态变更（无终止案例）', '多次严重违规'],
      ],
    ] as const) {
      const text = (await pdfText(Buffer.from((await file(locale, 'pdf')).bytes))).text.replace(/\s+/g, '');
      for (const s of strings) expect(text).toContain(s.replace(/\s+/g, ''));
      expect(text).toContain('丁公估有限公司');
      expect(text).not.toContain('己信息技术');
    }
  });
});
