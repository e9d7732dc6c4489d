import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { e2eEnabled, newPage, signInAs, useBrowser } from '../support/e2e-fixtures.ts';

/**
 * The contract archive (decision record 039) on the demo: legal searches by clause text and by
 * expiry window, downloads the filtered list as CSV (Chinese headings) and XLSX (English), edits
 * 金盾's register fields (a bad country code refused under its field, then saved), and reads the
 * History section and the diff of version 2 — in Chinese and in English.
 */
const useLanguage = (page: Page, locale: 'zh-CN' | 'en') =>
  page.request.post('/lang', { form: { locale, redirectTo: '/' }, maxRedirects: 0 });

describe.skipIf(!e2eEnabled)('contract archive', () => {
  const browser = useBrowser();

  test('search, export, register fields and history in both languages', async () => {
    const legal = await newPage(browser());
    // The refused country code answers 422, which the browser logs.
    legal.expectConsoleError(/status of 422/);
    try {
      const { page } = legal;
      await signInAs(page, 'legal@outpost.test');
      await useLanguage(page, 'zh-CN');

      // Full text over clause texts: only 金盾's contract has the edited sub-contracting clause.
      await page.goto('/s/contracts');
      await page.locator('#contracts-q').fill('核心服务分包');
      await page.getByRole('button', { name: '搜索', exact: true }).click();
      await page.waitForURL(/q=/);
      const table = page.getByRole('table', { name: '合同' });
      await expect.poll(() => table.locator('tbody tr').count()).toBe(1);
      expect(await table.locator('tbody tr').first().textContent()).toContain('金盾');

      // The quick expiry window: 鼎信's contract ends within 60 days.
      await page.goto('/s/contracts');
      await page.getByLabel('期限届满', { exact: true }).selectOption({ label: '60 天内' });
      await page.getByRole('button', { name: '搜索', exact: true }).click();
      await page.waitForURL(/within=60/);
      await expect.poll(() => table.locator('tbody tr').count()).toBe(1);
      expect(await table.locator('tbody tr').first().textContent()).toContain('鼎信');

      // The same filters as CSV, headed in Chinese.
      const [csv] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('link', { name: '下载 CSV' }).click(),
      ]);
      const text = await readFile((await csv.path())!, 'utf8');
      expect(text.startsWith('\uFEFF合同编号,合作机构,服务类别,状态')).toBe(true);
      expect(text.trim().split(/\r?\n/)).toHaveLength(2);
      expect(text).toContain('鼎信');

      // 金盾's register record: a bad country code is refused under its field, then saved.
      await page.goto('/s/contracts?status=legal_review');
      await table.locator('tbody tr th a').first().click();
      await page.waitForURL(/\/s\/contracts\/[0-9a-f-]{36}$/);
      const contractUrl = new URL(page.url()).pathname;
      await expect
        .poll(() => page.getByRole('heading', { name: /登记册信息/ }).textContent())
        .toContain('不完整');
      await page.getByRole('link', { name: '编辑登记册字段' }).click();
      await page.waitForURL('**/register');
      await page.getByLabel('服务所在国家/地区', { exact: true }).fill('CN, ZZ');
      await page.getByLabel('涉及的数据', { exact: true }).fill('核心系统数据 · Core system data');
      await page.getByRole('button', { name: '保存登记册字段' }).click();
      await expect
        .poll(() => page.locator('.ui-field__error').first().textContent())
        .toContain('服务所在国家/地区');
      await page.getByLabel('服务所在国家/地区', { exact: true }).fill('CN, HK');
      await page.getByRole('button', { name: '保存登记册字段' }).click();
      await expect.poll(() => page.getByText('登记册字段已保存。').isVisible()).toBe(true);
      await page.goto(contractUrl);
      await expect.poll(() => page.getByText('核心系统数据 · Core system data').isVisible()).toBe(true);

      // The History section: two versions, legal's comment, and the diff of version 2.
      const history = page.getByRole('region', { name: '历史记录' });
      await expect.poll(() => history.getByText('第 2 版', { exact: true }).isVisible()).toBe(true);
      expect(await history.getByText('已退回').count()).toBeGreaterThan(0);
      await history.getByRole('link', { name: '第 2 版的变更' }).click();
      await page.waitForURL('**/versions/2');
      await expect.poll(() => page.getByText('与第 1 版比较。').isVisible()).toBe(true);
      expect(await page.getByRole('row', { name: /通知期（天）/ }).textContent()).toContain('90');

      // In English: the page, and the list exported as XLSX.
      await useLanguage(page, 'en');
      await page.goto(`${contractUrl}/versions/2`);
      await expect.poll(() => page.getByText('Compared with version 1.').isVisible()).toBe(true);
      expect(await page.getByRole('row', { name: /Notice period \(days\)/ }).count()).toBe(1);
      await page.goto(contractUrl);
      await expect.poll(() => page.getByRole('heading', { name: /Register record/ }).isVisible()).toBe(true);
      expect(await page.getByText(/\(HK\)/).count()).toBeGreaterThan(0);
      await page.goto('/s/contracts?within=60');
      const [xlsx] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('link', { name: 'Download Excel (XLSX)' }).click(),
      ]);
      expect(xlsx.suggestedFilename()).toMatch(/^contracts-\d{4}-\d{2}-\d{2}\.xlsx$/);
      const bytes = await readFile((await xlsx.path())!);
      expect(bytes.subarray(0, 2).toString('latin1')).toBe('PK');
    } finally {
      await useLanguage(legal.page, 'zh-CN');
      await legal.close();
    }
  });
});
