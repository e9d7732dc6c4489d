import { readFileSync } from 'node:fs';
import path from 'node:path';
import { addDays, todayInChina } from '@outpost/i18n';
import { describe, expect, test } from 'vitest';
import { e2eEnabled, followNavLink, newPage, signInAs, useBrowser } from '../support/e2e-fixtures.ts';

const RISK_OFFICER = 'risk@outpost.test';
const MINGCHENG = '明诚保险公估有限公司';
const MINGCHENG_ADMIN = 'admin@mingcheng-adjusters.test';
const pdf = readFileSync(path.resolve(import.meta.dirname, '../../packages/core/test/fixtures/licence.pdf'));
const TITLE = '明诚公估 查勘报告合规检查大面积不通过';
const TASK = '提交查勘报告复核记录及整改说明';

describe.skipIf(!e2eEnabled)('a risk incident from alert to closing', () => {
  const browser = useBrowser();

  test('staff open an incident from an alert, the partner uploads evidence, staff verify it and close the incident', async () => {
    const staff = await newPage(browser());
    // Closing too early is refused (409), which the browser logs.
    staff.expectConsoleError(/status of 409/);
    const partner = await newPage(browser());
    try {
      const { page } = staff;
      await signInAs(page, RISK_OFFICER);
      await page.request.post('/lang', { form: { locale: 'zh-CN', redirectTo: '/s' }, maxRedirects: 0 });
      await page.goto('/s/risk/alerts');
      const row = page.getByRole('row').filter({ hasText: MINGCHENG }).filter({ hasText: '合规率' });
      await row.getByRole('link').first().click();
      await page.waitForURL(/\/s\/risk\/alerts\/[0-9a-f-]{36}$/);

      // The alert page offers to open an incident; the form knows the alert's partner.
      await page.getByRole('link', { name: '新建事件', exact: true }).click();
      await page.waitForURL(/\/s\/risk\/incidents\/new\?alert=/);
      await expect.poll(() => page.getByText(`来自 ${MINGCHENG} 的预警`).isVisible()).toBe(true);
      await page.getByLabel('标题', { exact: true }).fill(TITLE);
      await page.getByLabel('严重程度', { exact: true }).selectOption('warning');
      await page.getByLabel('事件经过', { exact: true }).fill('25 份查勘报告合规检查未通过。');
      await page.getByLabel('受影响客户数', { exact: true }).fill('25');
      await page
        .getByLabel('应急预案', { exact: true })
        .selectOption({ label: '服务中断与严重超时应急预案 · 服务中断' });
      await page.getByRole('button', { name: '创建事件', exact: true }).click();
      await page.waitForURL(/\/s\/risk\/incidents\/[0-9a-f-]{36}\?done=opened$/);
      await expect.poll(() => page.getByText('事件已创建。').isVisible()).toBe(true);
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(TITLE);
      // The plan's steps were copied in.
      await expect.poll(() => page.getByText('启用备用处理渠道').isVisible()).toBe(true);
      const incidentUrl = page.url().replace(/\?.*$/, '');

      // A remediation task for the partner.
      await page.getByLabel('需要做什么', { exact: true }).fill(TASK);
      await page.getByLabel('截止日期', { exact: true }).fill(addDays(todayInChina(new Date()), 7));
      await page.getByRole('button', { name: '添加任务', exact: true }).click();
      await expect.poll(() => page.getByText('任务已添加。').isVisible()).toBe(true);
      await page.getByRole('button', { name: '标记为已控制', exact: true }).click();
      await expect.poll(() => page.getByText('已标记为已控制。').isVisible()).toBe(true);

      // Closing with the task not yet verified is refused and says why.
      await page.getByLabel('根本原因', { exact: true }).fill('查勘人员未按新模板填写。');
      await page.getByLabel('经验教训', { exact: true }).fill('模板变更须先培训。');
      await page.getByRole('button', { name: '关闭事件', exact: true }).click();
      await expect.poll(() => page.getByText(/还有 1 项整改任务未验证/).isVisible()).toBe(true);

      // The partner answers in its portal.
      const p = partner.page;
      await signInAs(p, MINGCHENG_ADMIN);
      await p.request.post('/lang', { form: { locale: 'zh-CN', redirectTo: '/p' }, maxRedirects: 0 });
      await p.goto('/p');
      await followNavLink(p, '风险事件');
      await p.waitForURL('**/p/risk/incidents');
      await p.getByRole('link', { name: TITLE, exact: true }).click();
      await p.waitForURL(/\/p\/risk\/incidents\/[0-9a-f-]{36}$/);
      // Only what the partner needs: the staff's handling notes are not there.
      await expect.poll(() => p.getByRole('heading', { name: TASK }).isVisible()).toBe(true);
      expect(await p.getByText('25 份查勘报告合规检查未通过。').count()).toBe(0);
      const task = p.locator('li.card').filter({ has: p.getByRole('heading', { name: TASK }) });
      await task
        .getByLabel('证明材料（PDF、图片、Word 或 Excel）', { exact: true })
        .setInputFiles({ name: '复核记录.pdf', mimeType: 'application/pdf', buffer: pdf });
      await task.getByLabel('给保险公司的说明（可选）', { exact: true }).fill('已逐份复核。');
      await task.getByRole('button', { name: '上传并提交验证', exact: true }).click();
      await expect.poll(() => p.getByText('证明材料已提交，等待保险公司验证。').isVisible()).toBe(true);
      await expect.poll(() => task.getByText('待验证').isVisible()).toBe(true);
      expect(await task.getByRole('link', { name: '复核记录.pdf' }).isVisible()).toBe(true);

      // Staff verify the evidence and close the incident.
      await page.goto(incidentUrl);
      const staffTask = page.locator('li.card').filter({ has: page.getByRole('heading', { name: TASK }) });
      await expect.poll(() => staffTask.getByRole('link', { name: '复核记录.pdf' }).isVisible()).toBe(true);
      await staffTask.getByRole('button', { name: '验证通过', exact: true }).click();
      await expect.poll(() => page.getByText('任务已验证。').isVisible()).toBe(true);
      await page.getByLabel('根本原因', { exact: true }).fill('查勘人员未按新模板填写。');
      await page.getByLabel('经验教训', { exact: true }).fill('模板变更须先培训。');
      await page.getByRole('button', { name: '关闭事件', exact: true }).click();
      await expect.poll(() => page.getByText('事件已关闭。').isVisible()).toBe(true);
      await expect.poll(() => page.locator('header .ui-badge', { hasText: '已关闭' }).isVisible()).toBe(true);
      const timeline = page.getByRole('region', { name: '时间线' });
      await expect.poll(() => timeline.getByText(`验证任务：${TASK}`).isVisible()).toBe(true);
      staff.assertNoConsoleErrors();
      partner.assertNoConsoleErrors();
    } finally {
      await staff.close();
      await partner.close();
    }
  });
});
