import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { e2eEnabled, newPage, signInAs, useBrowser } from '../support/e2e-fixtures.ts';

/**
 * Contract renewal (decision record 047) on the demo: legal finds 明诚's renewed contract, starts
 * another renewal from its page (a new end date and annual value), submits it to legal review, sees
 * "renewal under way" in the list, then withdraws it with a reason — in Chinese and in English. The
 * partner sees its contract renewed with both countersigned copies, each listed once. The demo's
 * state is left as it was (the withdrawn version stays in the history).
 */
const useLanguage = (page: Page, locale: 'zh-CN' | 'en') =>
  page.request.post('/lang', { form: { locale, redirectTo: '/' }, maxRedirects: 0 });

describe.skipIf(!e2eEnabled)('contract renewal', () => {
  const browser = useBrowser();

  test('a renewal started, submitted, marked in the list and withdrawn with a reason; the partner sees it renewed', async () => {
    const legal = await newPage(browser());
    try {
      const { page } = legal;
      await signInAs(page, 'legal@outpost.test');
      await useLanguage(page, 'zh-CN');
      await page.goto('/s/contracts?status=renewed');
      const table = page.getByRole('table', { name: '合同' });
      await expect.poll(() => table.locator('tbody tr').count()).toBe(1);
      const row = table.locator('tbody tr').first();
      expect(await row.textContent()).toContain('明诚');
      expect(await row.getByText('已续签', { exact: true }).isVisible()).toBe(true);
      await row.locator('th a').first().click();
      await page.waitForURL(/\/s\/contracts\/[0-9a-f-]{36}$/);
      const contractUrl = new URL(page.url()).pathname;

      // Start a renewal: the new end date and a new annual value (above legal's threshold).
      const renewal = page.getByRole('region', { name: '续签', exact: true });
      await renewal.getByLabel('新的结束日期', { exact: true }).fill('2036-12-31');
      await renewal.getByLabel(/新期限的年度金额/).fill('1500000');
      await renewal.getByRole('button', { name: '发起续签' }).click();
      await page.waitForURL(/\/amendment$/);
      await expect
        .poll(() => page.getByRole('heading', { level: 1 }).textContent())
        .toMatch(/续签（第 3 版）/);
      expect(await page.getByText(/新期限：.+2036/).isVisible()).toBe(true);
      await page.getByRole('button', { name: '提交审核' }).click();
      await expect.poll(() => page.getByText('法务正在审核此版本。').isVisible()).toBe(true);

      // The list marks it.
      await page.goto('/s/contracts?status=renewed');
      await expect
        .poll(() => table.locator('tbody tr').first().getByText('续签进行中', { exact: true }).isVisible())
        .toBe(true);

      // Withdrawn in legal review, with its reason, in English.
      await useLanguage(page, 'en');
      await page.goto(`${contractUrl}/amendment`);
      await page
        .getByLabel('Why is it withdrawn?', { exact: true })
        .fill('The partner asked to wait a year.');
      await page.getByRole('button', { name: 'Withdraw the renewal' }).click();
      await page.waitForURL((url) => url.pathname === contractUrl);
      await expect.poll(() => page.getByText('Renewed', { exact: true }).first().isVisible()).toBe(true);
      expect(
        await page.getByRole('region', { name: 'Renewal', exact: true }).getByRole('button').textContent(),
      ).toBe('Start a renewal');
      expect(
        await page.getByRole('region', { name: 'History' }).getByText('Withdrawn', { exact: true }).count(),
      ).toBe(1);
      await page.goto('/s/contracts?status=renewed');
      expect(await page.getByText('Renewal under way').count()).toBe(0);
      legal.assertNoConsoleErrors();
    } finally {
      await legal.close();
    }

    const partner = await newPage(browser());
    try {
      const { page } = partner;
      await signInAs(page, 'admin@mingcheng-adjusters.test');
      await useLanguage(page, 'zh-CN');
      await page.goto('/p/contracts');
      const table = page.getByRole('table');
      await expect.poll(() => table.getByText('已续签', { exact: true }).isVisible()).toBe(true);
      await table.locator('tbody tr th a').first().click();
      await page.waitForURL(/\/p\/contracts\/[0-9a-f-]{36}$/);
      const copies = page.getByRole('region', { name: '回签件' });
      await expect.poll(() => copies.locator('code').count()).toBe(2);
      // Each hash once on the page; nothing of the withdrawn renewal.
      for (const hash of await copies.locator('code').allTextContents()) {
        expect(await page.getByText(hash, { exact: true }).count()).toBe(1);
      }
      expect(await page.getByText('The partner asked to wait a year.').count()).toBe(0);
      partner.assertNoConsoleErrors();
    } finally {
      await partner.close();
    }
  });
});
