import { describe, expect, test } from 'vitest';
import { demo, e2eEnabled, followNavLink, newPage, signInAs, useBrowser } from '../support/e2e-fixtures.ts';

/**
 * The first-run demo shows the product without anyone pushing anything: a partner's
 * scorecard is filled (eight quarters of trend, peers), its home lists next steps, and staff
 * see a ranking with every category's partners scored (apps/server/src/seed/).
 */
describe.skipIf(!e2eEnabled)('the first-run demo', () => {
  const browser = useBrowser();

  test('a partner sees a filled scorecard with its trend chart and peers, and next steps at home', async () => {
    const { page, assertNoConsoleErrors, close } = await newPage(browser());
    try {
      await signInAs(page, demo.partnerAdmin.email);
      await page.waitForURL('**/p');
      const steps = page.getByRole('region', { name: '下一步', exact: true });
      await steps.waitFor();
      expect(await steps.getByRole('listitem').count()).toBeGreaterThan(0);
      // Every required document is in and accepted: nothing to upload.
      expect(await page.getByText(/份未上传/).count()).toBe(0);

      await followNavLink(page, '绩效记分卡');
      await page.waitForURL('**/p/scorecard');
      const chart = page.getByRole('img', { name: /综合得分/ });
      await chart.waitFor();
      // A line through eight quarters, each with a score in the accessible table.
      expect(await page.locator('svg[role="img"] polyline').count()).toBe(1);
      expect(await page.locator('svg[role="img"] circle.trend-chart__dot').count()).toBe(8);
      const rows = page.getByRole('table', { name: '近 8 个季度综合得分趋势' }).locator('tbody tr');
      expect(await rows.count()).toBe(8);
      for (const text of await rows.allTextContents()) expect(text).toMatch(/\d/);
      expect(await page.getByText(/^等级 [A-E]$/).isVisible()).toBe(true);
      // Peers appear as a percentile, never by name.
      expect(await page.getByText(/优于.*类别中 \d+ 家合作伙伴的 \d+%/).count()).toBeGreaterThan(0);
      expect(await page.getByText(demo.otherPartner.name).count()).toBe(0);
      assertNoConsoleErrors();
    } finally {
      await close();
    }
  });

  test('staff see every category ranked with at least three scored partners', async () => {
    const { page, assertNoConsoleErrors, close } = await newPage(browser());
    try {
      await signInAs(page, demo.admin.email);
      await page.waitForURL('**/s');
      await followNavLink(page, '绩效排名');
      await page.waitForURL('**/s/scorecards');
      const table = page.getByRole('table', { name: '合作伙伴绩效排名' });
      await table.waitFor();
      // Ranked rows start with a number; partners without data would show "—".
      const ranked = table
        .locator('tbody tr')
        .filter({ has: page.locator('td:first-child', { hasText: /^\d+$/ }) });
      expect(await ranked.count()).toBeGreaterThanOrEqual(11);

      await page.locator('#ranking-category').selectOption('underwriting');
      await page.getByRole('button', { name: '筛选', exact: true }).click();
      await page.waitForURL((url) => url.searchParams.get('category') === 'underwriting');
      await expect.poll(() => ranked.count()).toBeGreaterThanOrEqual(3);
      // The partner's own scorecard behind the first row is filled too.
      await ranked.first().getByRole('link').click();
      await page.waitForURL('**/s/scorecards/*');
      await page.getByRole('img', { name: /综合得分/ }).waitFor();
      expect(
        await page.getByRole('table', { name: '近 8 个季度综合得分趋势' }).locator('tbody tr').count(),
      ).toBe(8);
      assertNoConsoleErrors();
    } finally {
      await close();
    }
  });

  test("恒泰's inbox names its remediation tasks' due dates as a reader writes them, in both languages", async () => {
    const { page, assertNoConsoleErrors, close } = await newPage(browser());
    try {
      await signInAs(page, 'admin@hengtai-sales.test');
      await page.goto('/inbox');
      const tasks = page.locator('.inbox__text', { hasText: /^整改任务：.*截止$/ });
      await tasks.first().waitFor();
      // Demo audit: the stored day used to show as "2026-12-12" on the Chinese and English pages.
      for (const text of await tasks.allTextContents()) {
        expect(text).toMatch(/\d{4}年\d{1,2}月\d{1,2}日/);
        expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}/);
      }
      await page.request.post('/lang', { form: { locale: 'en', redirectTo: '/inbox' }, maxRedirects: 0 });
      await page.reload();
      const english = page.locator('.inbox__text', { hasText: /^Remediation task: .*, due / });
      await english.first().waitFor();
      for (const text of await english.allTextContents()) {
        expect(text).toMatch(/[A-Z][a-z]{2} \d{1,2}, \d{4}/);
        expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}/);
      }
      assertNoConsoleErrors();
    } finally {
      await page.request.post('/lang', { form: { locale: 'zh-CN', redirectTo: '/' }, maxRedirects: 0 });
      await close();
    }
  });
});
