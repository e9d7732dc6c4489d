import { describe, expect, test } from 'vitest';
import { demo, e2eEnabled, newPage, signInAs, useBrowser } from '../support/e2e-fixtures.ts';

describe.skipIf(!e2eEnabled)('training compliance dashboard', () => {
  const browser = useBrowser();

  test('staff see compliance per partner worst first, the monthly trend, and drill down to the people overdue', async () => {
    const staff = await newPage(browser());
    try {
      const { page } = staff;
      await signInAs(page, 'auditor@outpost.test');
      await page.request.post('/lang', { form: { locale: 'zh-CN', redirectTo: '/s' }, maxRedirects: 0 });
      await page.goto('/s/training');
      await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('培训合规');
      // The trend is a chart with a summary for screen readers, filled from the demo's KPI history.
      await expect.poll(() => page.getByRole('img', { name: /培训合规率/ }).count()).toBe(1);
      const table = page.getByRole('table', { name: '培训合规' });
      const rows = table.locator('tbody tr');
      expect(await rows.count()).toBeGreaterThanOrEqual(3);
      // Worst first: the rates in the table never go down.
      const rates = (await rows.locator('td:nth-child(2)').allTextContents())
        .map((text) => /(\d+)%/.exec(text)?.[1])
        .filter((v): v is string => v !== undefined)
        .map(Number);
      expect(rates.length).toBeGreaterThanOrEqual(3);
      expect(rates).toEqual([...rates].sort((a, b) => a - b));
      // The demo's security course fell due a fortnight ago: someone is overdue somewhere.
      const overdueRow = rows.filter({ hasText: /\d+ 人/ }).first();
      const name = (await overdueRow.locator('th').textContent())!.trim();
      await overdueRow.getByRole('link', { name }).click();
      await expect
        .poll(() => page.getByRole('heading', { level: 1 }).textContent())
        .toBe(`${name}的培训情况`);
      const people = page.getByRole('table', { name: `${name}的培训情况` });
      await expect.poll(() => people.getByText(/（截止 \d{4}-\d\d-\d\d）/).count()).toBeGreaterThan(0);
      // ID numbers are masked in the list.
      expect(await people.locator('tbody tr td:nth-child(2)').first().textContent()).toContain('•');

      // The same page in English.
      await page.request.post('/lang', {
        form: { locale: 'en', redirectTo: '/s/training' },
        maxRedirects: 0,
      });
      await page.goto('/s/training?category=agency');
      await expect
        .poll(() => page.getByRole('heading', { level: 1 }).textContent())
        .toBe('Training compliance');
      await expect.poll(() => page.getByRole('status').textContent()).toMatch(/\d+ partners?/);
    } finally {
      await staff.page.request.post('/lang', { form: { locale: 'zh-CN', redirectTo: '/' }, maxRedirects: 0 });
      await staff.close();
    }
  });

  test('a partner administrator sees the same for their own people only', async () => {
    const partner = await newPage(browser());
    try {
      const { page } = partner;
      await signInAs(page, demo.partnerAdmin.email);
      await page.request.post('/lang', { form: { locale: 'zh-CN', redirectTo: '/p' }, maxRedirects: 0 });
      await page.goto('/p/training');
      await page.getByRole('link', { name: '培训合规' }).click();
      await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('培训合规');
      const people = page.getByRole('table', { name: `${demo.partnerAdmin.partner}的培训情况` });
      expect(await people.locator('tbody tr').count()).toBeGreaterThan(0);
      // Another partner's page is not reachable from here: the staff console refuses partners.
      const foreign = await page.request.get('/s/training', { maxRedirects: 0 });
      expect(foreign.status()).toBe(403);
    } finally {
      await partner.close();
    }
  });
});
