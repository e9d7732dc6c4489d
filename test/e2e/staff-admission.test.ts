import { addMonths, todayInChina } from '@outpost/i18n';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { weightedScore } from '@outpost/core';
import { validCreditCode } from '@outpost/core/testing';
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import {
  baseUrl,
  demo,
  e2eEnabled,
  followNavLink,
  newPage,
  signInAs,
  useBrowser,
} from '../support/e2e-fixtures.ts';
import { repoRoot } from '../support/e2e-paths.ts';

const licencePdf = readFileSync(path.join(repoRoot, 'packages/core/test/fixtures/licence.pdf'));

/** Calls the real API as a partner user (the partner's side of the flow is not under test here). */
async function api(cookie: string, method: string, url: string, body?: FormData | object) {
  const response = await fetch(`${baseUrl}${url}`, {
    method,
    headers: {
      Cookie: cookie,
      ...(body && !(body instanceof FormData) ? { 'Content-Type': 'application/json' } : {}),
    },
    body: body instanceof FormData ? body : body ? JSON.stringify(body) : undefined,
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${url} → ${response.status}: ${text}`);
  return { response, json: text ? JSON.parse(text) : null };
}

interface Requirement {
  id: string;
  key: string;
  nameZh: string;
  serviceCategories: string[];
  expires: boolean;
  mandatory: boolean;
  active: boolean;
}

async function uploadDocument(cookie: string, requirement: Requirement, fileName: string) {
  const form = new FormData();
  form.set('file', new Blob([licencePdf], { type: 'application/pdf' }), fileName);
  form.set('requirementId', requirement.id);
  // Issued a month ago; the server works the expiry date out from the type's validity period.
  form.set('issueDate', addMonths(todayInChina(), -1));
  await api(cookie, 'POST', '/api/v1/documents', form);
}

/** One document's entry on the staff partner page, by its requirement name. */
const documentEntry = (page: Page, name: string) =>
  page.locator('li.staff-doc').filter({ has: page.getByRole('heading', { level: 3, name, exact: true }) });

describe.skipIf(!e2eEnabled)('staff admission console', () => {
  const browser = useBrowser();

  test('an admin blacklists a code, searches and exports the list; a reviewer cannot invite that code', async () => {
    const creditCode = validCreditCode();
    const reason = '2025 年因虚构保险中介业务被监管处罚';
    const admin = await newPage(browser());
    try {
      await signInAs(admin.page, demo.admin.email);
      await followNavLink(admin.page, '黑名单');
      await admin.page.getByRole('heading', { level: 1, name: '黑名单' }).waitFor();
      const addForm = admin.page.getByRole('region', { name: '列入黑名单' });
      await addForm.getByLabel('统一社会信用代码').fill(creditCode);
      await addForm.getByLabel('机构名称').fill('失信保险代理有限公司');
      await addForm.getByLabel('原因：').fill(reason);
      await addForm.getByLabel('证据：').fill('银保监罚决字〔2025〕12 号');
      // A preview first (this code matches no partner), then the confirmation adds it.
      await addForm.getByRole('button', { name: '预览影响' }).click();
      await addForm.getByText('没有合作方使用该统一社会信用代码：加入后不会暂停任何合作方。').waitFor();
      await addForm.getByRole('button', { name: '确认：加入黑名单' }).click();
      await addForm.getByText('已将 失信保险代理有限公司 列入黑名单。').waitFor();

      await admin.page
        .getByRole('searchbox', { name: '按名称、信用代码或原因搜索' })
        .fill(creditCode.slice(-8));
      await admin.page.getByRole('button', { name: '搜索', exact: true }).click();
      await admin.page.waitForURL((url) => url.searchParams.get('q') === creditCode.slice(-8));
      await expect.poll(() => admin.page.getByText('共 1 条记录').isVisible()).toBe(true);
      expect(
        await admin.page.getByRole('heading', { level: 2, name: '失信保险代理有限公司' }).isVisible(),
      ).toBe(true);

      // The export link answers a CSV download with the entry (BOM first, so Excel reads Chinese).
      const href = await admin.page.getByRole('link', { name: '导出 CSV' }).getAttribute('href');
      expect(href).toBe('/api/v1/blacklist/export.csv?locale=zh-CN');
      const csv = await admin.page.request.get(href!);
      expect(csv.status()).toBe(200);
      expect(csv.headers()['content-type']).toMatch(/^text\/csv/);
      const body = await csv.text();
      expect(body.charCodeAt(0)).toBe(0xfeff);
      expect(body).toContain(`${creditCode},失信保险代理有限公司,${reason}`);
      admin.assertNoConsoleErrors();
    } finally {
      await admin.close();
    }

    const reviewer = await newPage(browser());
    // The refusal is a 409 answer to the form post, which Chromium logs.
    reviewer.expectConsoleError(/status of 409/);
    try {
      await signInAs(reviewer.page, demo.reviewer.email);
      await reviewer.page.getByRole('link', { name: '邀请合作伙伴' }).click();
      await reviewer.page.getByRole('heading', { level: 1, name: '邀请合作伙伴' }).waitFor();
      await reviewer.page.getByLabel('法定名称').fill('失信保险代理有限公司');
      await reviewer.page.getByLabel('统一社会信用代码').fill(creditCode);
      await reviewer.page.getByLabel('保险代理', { exact: true }).check();
      await reviewer.page.getByLabel('管理员邮箱').fill('admin@shixin.test');
      await reviewer.page.getByRole('button', { name: '发送邀请' }).click();
      const field = reviewer.page.getByLabel('统一社会信用代码');
      await expect.poll(() => field.getAttribute('aria-invalid')).toBe('true');
      expect(
        await reviewer.page.getByText(`该统一社会信用代码在黑名单（禁止合作名单）中：${reason}`).isVisible(),
      ).toBe(true);
      reviewer.assertNoConsoleErrors();
    } finally {
      await reviewer.close();
    }
  });

  test('a reviewer invites, reviews, records each stage; two committee members approve on the web', async () => {
    const legalName = `云帆信息技术有限公司 ${Date.now().toString(36)}`;
    const reviewer = await newPage(browser());
    const { page } = reviewer;
    // A rejection without a reason is refused with 422 on purpose, which Chromium logs.
    reviewer.expectConsoleError(/status of 422/);
    let applicationUrl = '';
    let required: Requirement[] = [];
    try {
      // Invite: SMTP is not configured in e2e, so the link is shown to pass on.
      await signInAs(page, demo.reviewer.email);
      await page.goto('/s/partners/new');
      await page.getByLabel('法定名称').fill(legalName);
      await page.getByLabel('统一社会信用代码').fill(validCreditCode());
      await page.getByLabel('信息技术服务', { exact: true }).check();
      await page.getByLabel('管理员邮箱').fill(`admin-${Date.now().toString(36)}@yunfan-it.test`);
      await page.getByRole('button', { name: '发送邀请' }).click();
      await page.getByRole('heading', { name: `已邀请 ${legalName}。` }).waitFor();
      const link = await page.getByLabel('邀请链接').inputValue();
      expect(link).toMatch(new RegExp(`^${baseUrl}/invitations/[^/]+$`));
      expect(await page.getByText(/链接有效期至/).isVisible()).toBe(true);
      const partnerPath = await page.getByRole('link', { name: '查看该合作伙伴' }).getAttribute('href');

      // The partner's side through the real API: accept, upload the required documents, apply.
      const token = link.split('/invitations/')[1]!;
      const accepted = await api('', 'POST', `/api/v1/invitations/${token}/accept`, {
        displayName: '孙云帆',
        password: 'yunfan-password-2026',
      });
      const cookie = accepted.response.headers
        .getSetCookie()
        .map((c) => c.split(';')[0])
        .join('; ');
      const { json: catalogue } = await api(cookie, 'GET', '/api/v1/requirements');
      required = (catalogue.items as Requirement[]).filter(
        (r) =>
          r.active && r.mandatory && (r.serviceCategories.length === 0 || r.serviceCategories.includes('it')),
      );
      for (const r of required) await uploadDocument(cookie, r, `${r.key}.pdf`);
      await api(cookie, 'POST', '/api/v1/applications', { serviceCategories: ['it'] });

      // Review: reject the business licence with a reason (a missing reason is refused first), accept the rest.
      await page.goto(partnerPath!);
      await page.getByRole('heading', { level: 1, name: legalName }).waitFor();
      const licence = documentEntry(page, '营业执照');
      // The document under review is shown beside the decision, not behind a download.
      const preview = licence.locator('iframe[title="营业执照（第 1 版）预览"]');
      await preview.waitFor();
      const rejectButton = licence.getByRole('button', { name: '退回“营业执照”' });
      const [frameBox, buttonBox] = [await preview.boundingBox(), await rejectButton.boundingBox()];
      expect(frameBox!.x + frameBox!.width).toBeLessThanOrEqual(buttonBox!.x); // side by side on a laptop
      expect(buttonBox!.y).toBeLessThan(frameBox!.y + frameBox!.height);
      const inline = await page.request.get((await preview.getAttribute('src'))!);
      expect(inline.status()).toBe(200);
      expect(inline.headers()['content-type']).toBe('application/pdf');
      expect(inline.headers()['content-disposition']).toMatch(/^inline;/);
      expect(inline.headers()['content-security-policy']).toContain("frame-ancestors 'self'");
      await licence.getByRole('link', { name: '下载第 1 版' }).waitFor();
      await rejectButton.click();
      await licence.getByText('请填写退回理由（至少 3 个字符）。').waitFor();
      await licence.getByLabel('退回“营业执照”的理由').fill('营业执照复印件不清晰，请上传彩色扫描件');
      await licence.getByRole('button', { name: '退回“营业执照”' }).click();
      await licence.getByText('资料已退回，已通知合作伙伴。').waitFor();
      await expect.poll(() => licence.getByText('已退回', { exact: true }).isVisible()).toBe(true);
      for (const r of required.filter((r) => r.key !== 'business_licence')) {
        const entry = documentEntry(page, r.nameZh);
        await entry.getByRole('button', { name: `通过“${r.nameZh}”` }).click();
        await entry.getByText('资料已审核通过。').waitFor();
      }

      // The partner uploads a new version; the reviewer accepts it.
      await uploadDocument(cookie, required.find((r) => r.key === 'business_licence')!, 'licence-colour.pdf');
      await page.reload();
      await licence.getByText('第 2 版', { exact: false }).first().waitFor();
      await licence.getByRole('button', { name: '通过“营业执照”' }).click();
      await licence.getByText('资料已审核通过。').waitFor();

      // The application: advance through inspection and pilot, with the assessment.
      await page.getByRole('link', { name: /提交的申请$/ }).click();
      await page.waitForURL('**/s/applications/*');
      await page.getByRole('heading', { level: 1, name: legalName }).waitFor();
      applicationUrl = page.url();
      await page.getByRole('button', { name: '进入“现场考察”阶段' }).click();
      const inspection = page.getByRole('region', { name: '现场考察' });
      await inspection.getByLabel('考察人员').waitFor();
      await inspection.getByLabel('考察人员').fill('王检查，李核实');
      await inspection.getByLabel('考察发现').fill('机房管理规范，数据备份与权限管理完整。');
      await inspection.getByLabel('评分', { exact: true }).fill('86');
      await inspection.getByRole('button', { name: '保存现场考察' }).click();
      await inspection.getByText('现场考察结果已记录。').waitFor();
      await expect.poll(() => inspection.getByText('王检查、李核实').isVisible()).toBe(true);

      await page.getByRole('button', { name: '进入“试点合作”阶段' }).click();
      const pilot = page.getByRole('region', { name: '试点合作' });
      await pilot.getByLabel('试点结果').waitFor();
      await pilot.getByLabel('试点结果').fill('试点期间工单响应及时，系统稳定。');
      await pilot.getByLabel('评分', { exact: true }).fill('82');
      await pilot.getByRole('button', { name: '保存试点合作' }).click();
      await pilot.getByText('试点合作结果已记录。').waitFor();

      const assessment = page.getByRole('region', { name: '四维度评估' });
      const scores = { financial: 80, capability: 90, compliance: 85, reputation: 70 };
      await assessment.getByLabel('财务状况').fill(String(scores.financial));
      await assessment.getByLabel('业务能力').fill(String(scores.capability));
      await assessment.getByLabel('合规情况').fill(String(scores.compliance));
      await assessment.getByLabel('市场声誉').fill(String(scores.reputation));
      await assessment.getByRole('button', { name: '保存评估' }).click();
      await assessment.getByText('评估结果已保存。').waitFor();
      const expected = weightedScore(scores, {
        financial: 0.3,
        capability: 0.3,
        compliance: 0.25,
        reputation: 0.15,
      });
      await expect.poll(() => assessment.getByText(`加权得分：${expected} / 100`).isVisible()).toBe(true);

      // The third-party assessor's report, attached to the assessment (multipart form, internal).
      const report = assessment.getByRole('region', { name: '第三方评估报告' });
      await report.getByLabel('报告文件').setInputFiles({
        name: '第三方评估报告.pdf',
        mimeType: 'application/pdf',
        buffer: licencePdf,
      });
      await report.getByLabel('第三方评估机构').fill('中诚信评估');
      await report.getByLabel('第三方评分').fill('78');
      await report.getByRole('button', { name: '上传报告' }).click();
      await report.getByText('第三方评估报告已上传。').waitFor();
      await report.getByRole('link', { name: '下载报告（第三方评估报告.pdf）' }).waitFor();
      await expect
        .poll(() => assessment.getByText('78 / 100（中诚信评估）', { exact: false }).count())
        .toBeGreaterThan(0);

      await page.getByRole('button', { name: '进入“委员会审批”阶段' }).click();
      const committee = page.getByRole('region', { name: '准入审批委员会' });
      await committee.waitFor();
      await expect.poll(() => committee.getByText(/3 名委员中已有 0 名投票/).isVisible()).toBe(true);
      // The reviewer is not a member: no ballot.
      expect(await committee.getByRole('button', { name: '同意' }).count()).toBe(0);
      reviewer.assertNoConsoleErrors();
    } finally {
      await reviewer.close();
    }

    // Two of the three committee members approve in the web console: the decision is reached.
    for (const [email, last] of [
      ['committee1@outpost.test', false],
      [demo.committee.email, true],
    ] as const) {
      const member = await newPage(browser());
      try {
        await signInAs(member.page, email);
        await member.page.goto(applicationUrl);
        const committee = member.page.getByRole('region', { name: '准入审批委员会' });
        const approve = committee.getByRole('button', { name: '同意' });
        if (!last) {
          // The ballot is on the first screen, and the documents it decides on are on the same page.
          expect((await approve.boundingBox())!.y + 40).toBeLessThan(800);
          const documents = member.page.getByRole('region', { name: '资质资料' });
          for (const r of required) {
            await documents.getByRole('heading', { level: 3, name: r.nameZh, exact: true }).waitFor();
          }
          await member.page.getByRole('link', { name: '资质资料', exact: true }).click();
          await expect.poll(() => member.page.evaluate(() => location.hash)).toBe('#documents-heading');
          await member.page.evaluate(() => window.scrollTo(0, 0));
        }
        await approve.click();
        await committee.getByText('您的投票已记录。').waitFor();
        await expect.poll(() => committee.getByText('您已投票：同意。').isVisible()).toBe(true);
        if (last) {
          await member.page.getByText('审批委员会已批准该申请。').waitFor();
          expect(await member.page.getByText('已批准', { exact: true }).first().isVisible()).toBe(true);
          await expect.poll(() => committee.getByText('网页控制台').count()).toBe(2);
        }
        member.assertNoConsoleErrors();
      } finally {
        await member.close();
      }
    }

    // The decision notified administrators; mark it read so the shared demo inbox stays as other tests expect it.
    const admin = await newPage(browser());
    try {
      await signInAs(admin.page, demo.admin.email);
      const inbox = await (await admin.page.request.get('/api/v1/notifications')).json();
      const applicationId = applicationUrl.split('/').pop();
      for (const n of inbox.items as { id: string; link: string | null; readAt: string | null }[]) {
        if (!n.readAt && n.link?.endsWith(applicationId!)) {
          expect((await admin.page.request.post(`/api/v1/notifications/${n.id}/read`)).status()).toBe(200);
        }
      }
      admin.assertNoConsoleErrors();
    } finally {
      await admin.close();
    }
  });
});
