import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { demo, e2eEnabled, newPage, signInAs, useBrowser } from '../support/e2e-fixtures.ts';

/**
 * Contract execution in both portals (decision record 038), on the demo data: staff find the
 * contracts by worst deviation from the contract archive, open the one breach and read its SLA
 * lines, evaluate a period again; the partner reads its own results on its contract page —
 * in Chinese and in English.
 */
const RISK = 'risk@outpost.test';

async function useLanguage(page: Page, locale: 'zh-CN' | 'en') {
  await page.request.post('/lang', { form: { locale, redirectTo: '/' }, maxRedirects: 0 });
}

describe.skipIf(!e2eEnabled)('contract execution', () => {
  const browser = useBrowser();

  test('staff read the worst deviation first, open the breach and evaluate again; in both languages', async () => {
    const { page, context } = await newPage(browser());
    try {
      await signInAs(page, RISK);
      await page.goto('/s/contracts');
      await page.getByRole('link', { name: '履约评估结果' }).click();
      await page.getByRole('heading', { level: 1, name: '合同履约评估' }).waitFor();
      // The newest evaluated period is shown; the one breach is the first row, its deviation flagged.
      const first = page.locator('tbody tr').first();
      await expect.poll(() => first.locator('.ui-badge--negative').count()).toBe(1);
      await first.getByRole('link').click();
      await page.getByRole('heading', { level: 2, name: '合同履约情况' }).waitFor();
      const section = page.locator('#execution');
      expect(await section.getByText('未达标', { exact: true }).count()).toBeGreaterThan(0);
      expect(await section.getByText('1 项违约').count()).toBeGreaterThan(0);

      // Evaluate the newest period again: the results are replaced, the page comes back.
      await section.getByRole('button', { name: '立即评估' }).click();
      await page.waitForURL(/\/s\/contracts\/[0-9a-f-]{36}/);
      await page.getByRole('heading', { level: 2, name: '合同履约情况' }).waitFor();

      await useLanguage(page, 'en');
      await page.goto('/s/contracts/execution');
      await page.getByRole('heading', { level: 1, name: 'Contract execution' }).waitFor();
      await page.getByRole('columnheader', { name: 'Deviation' }).waitFor();
      // A period without results for a category shows the empty state, not an error.
      await page.goto('/s/contracts/execution?period=2001-01');
      await page.getByText('No execution results yet').waitFor();
    } finally {
      await context.close();
    }
  });

  test('the partner reads its own contract’s execution, in both languages', async () => {
    const { page, context } = await newPage(browser());
    try {
      await signInAs(page, demo.partnerAdmin.email);
      await page.goto('/p/contracts');
      await page.locator('tbody tr a').first().click();
      await page.getByRole('heading', { level: 2, name: '合同履约情况' }).waitFor();
      const section = page.locator('#execution');
      expect(await section.locator('details').count()).toBeGreaterThan(1);
      // Read only: no evaluate button for the partner.
      expect(await section.getByRole('button', { name: '立即评估' }).count()).toBe(0);
      await useLanguage(page, 'en');
      await page.reload();
      await page.getByRole('heading', { level: 2, name: 'Execution against the contract' }).waitFor();
    } finally {
      await context.close();
    }
  });
});
