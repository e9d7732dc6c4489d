import { createHash } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import { e2eEnabled, newPage, signInAs, useBrowser } from '../support/e2e-fixtures.ts';

describe.skipIf(!e2eEnabled)('quarterly management reports (decision record 051)', () => {
  const browser = useBrowser();

  test('an auditor downloads the demo report; a risk officer asks for another quarter and sees its state', async () => {
    const auditor = await newPage(browser());
    try {
      const { page } = auditor;
      await signInAs(page, 'auditor@outpost.test');
      await page.request.post('/lang', { form: { locale: 'en', redirectTo: '/s' }, maxRedirects: 0 });
      await page.goto('/s/reports');
      await expect
        .poll(() => page.getByRole('heading', { level: 1 }).textContent())
        .toBe('Management reports');
      // Auditors read, never generate.
      expect(await page.getByRole('button', { name: 'Generate report' }).count()).toBe(0);
      const row = page.locator('tbody tr').first();
      expect(await row.getByRole('status').textContent()).toBe('Ready');
      const link = row.getByRole('link', { name: 'PDF (Chinese)' });
      const href = (await link.getAttribute('href'))!;
      const response = await page.request.get(href);
      expect(response.status()).toBe(200);
      expect(response.headers()['content-type']).toBe('application/pdf');
      const sha = createHash('sha256')
        .update(await response.body())
        .digest('hex');
      const shown = await row
        .getByRole('listitem')
        .filter({ hasText: 'PDF (Chinese)' })
        .locator('code')
        .getAttribute('title');
      expect(shown).toBe(sha);
    } finally {
      await auditor.close();
    }

    const risk = await newPage(browser());
    try {
      const { page } = risk;
      await signInAs(page, 'risk@outpost.test');
      await page.request.post('/lang', { form: { locale: 'zh-CN', redirectTo: '/s' }, maxRedirects: 0 });
      await page.goto('/s/reports');
      const quarter = page.getByRole('combobox', { name: '季度' });
      const chosen = await quarter.locator('option').first().getAttribute('value');
      await quarter.selectOption(chosen!);
      await page.getByRole('button', { name: '生成报告' }).click();
      await expect.poll(() => page.getByText(`${chosen} 的报告正在生成`).count()).toBe(1);
      const state = page.getByTestId(`report-${chosen}`).getByRole('status');
      await expect.poll(() => state.textContent()).toMatch(/^(排队中|生成中…|已完成)$/);
      // A quarter that has not closed is refused with a clear message, nothing queued.
      const form = await page.request.post('/s/reports', {
        form: { intent: 'generate', quarter: '2999-Q1' },
        maxRedirects: 0,
      });
      expect(form.status()).toBe(422);
    } finally {
      await risk.close();
    }
  });

  test('an administrator sets where the report goes: a wrong channel id is refused under its field', async () => {
    const admin = await newPage(browser());
    try {
      const { page } = admin;
      await signInAs(page, 'admin@outpost.test');
      await page.request.post('/lang', { form: { locale: 'en', redirectTo: '/s' }, maxRedirects: 0 });
      await page.goto('/s/settings');
      const card = page.locator('section', {
        has: page.getByRole('heading', { name: 'Quarterly management report' }),
      });
      await card.getByLabel('Management Slack channel id').fill('#management');
      await card.getByLabel('E-mail list').fill('board@insurer.test\ncfo@insurer.test en');
      await card.getByRole('button', { name: 'Save' }).click();
      await expect
        .poll(() => card.getByText('Use the Slack channel id, e.g. C0123ABCD, or leave it empty.').count())
        .toBeGreaterThan(0);
      await card.getByLabel('Management Slack channel id').fill('C0MGMT01');
      await card.getByLabel('E-mail list').fill('board@insurer.test\ncfo@insurer.test en');
      await card.getByRole('button', { name: 'Save' }).click();
      await expect
        .poll(() => card.getByLabel('E-mail list').inputValue())
        .toBe('board@insurer.test\ncfo@insurer.test en');
      expect(await card.getByLabel('Management Slack channel id').inputValue()).toBe('C0MGMT01');
    } finally {
      await admin.close();
    }
  });
});
