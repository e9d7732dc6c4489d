import { readFile } from 'node:fs/promises';
import { describe, expect, test } from 'vitest';
import { demo, e2eEnabled, newPage, signInAs, useBrowser } from '../support/e2e-fixtures.ts';

/**
 * Incentives in the browser (decision record 048), on the first-run demo: the configuration
 * refuses overlapping grades with a message, an approver approves a record awaiting approval in
 * the console, the allocation table adds up to 100 % and downloads as CSV, and a partner reads its
 * own records with their reasons but never a staff page.
 */
describe.skipIf(!e2eEnabled)('incentives and penalties (decision record 048)', () => {
  const browser = useBrowser();

  test('staff configure, approve and export; the tables add up to 100 %', async () => {
    const staff = await newPage(browser());
    try {
      const { page } = staff;
      // The refused save answers 422, which Chromium logs; nothing else may (the approvers'
      // list once used an inline style, which the CSP refused on every load — demo audit).
      staff.expectConsoleError(/status of 422/);
      await signInAs(page, demo.admin.email);
      await page.request.post('/lang', { form: { locale: 'en', redirectTo: '/s' }, maxRedirects: 0 });
      await page.goto('/s/incentives?category=claims');
      await expect
        .poll(() => page.getByRole('heading', { level: 1 }).textContent())
        .toBe('Incentives and penalties');
      // Grade B in two tiers: refused with what to fix, nothing saved.
      await page.locator('input[name="tier.0.grades"]').fill('A,B');
      await page.getByRole('button', { name: 'Save as new version' }).click();
      await expect
        .poll(() => page.getByRole('alert').first().textContent())
        .toContain('A grade is in two tiers');

      // A record awaiting approval: the administrator approves it in the console.
      await page.goto('/s/incentives?status=pending_approval');
      const first = page.locator('table tbody tr th a').first();
      await first.click();
      await page.waitForURL(/\/s\/incentives\/records\/[0-9a-f-]{36}$/);
      await expect.poll(() => page.getByText('Awaiting approval').count()).toBeGreaterThan(0);
      await page.getByRole('button', { name: 'Approve', exact: true }).click();
      await expect.poll(() => page.getByText('Your decision was recorded.').count()).toBe(1);

      await page.goto('/s/incentives/allocation');
      const totals = await page.locator('tfoot td:nth-child(3)').allTextContents();
      expect(totals.length).toBeGreaterThan(0);
      for (const total of totals) expect(['100.00%', '0.00%']).toContain(total);
      const [csv] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('link', { name: 'Download CSV' }).first().click(),
      ]);
      const text = await readFile((await csv.path())!, 'utf8');
      expect(text.startsWith('\uFEFFPartner id,Partner,Share (%)')).toBe(true);
      const shares = text
        .trim()
        .split(/\r?\n/)
        .slice(1)
        .map((line) => Number(line.split(',').at(-3)));
      expect(shares.reduce((a, b) => a + b, 0).toFixed(2)).toBe('100.00');
      staff.assertNoConsoleErrors();
    } finally {
      await staff.page.request.post('/lang', { form: { locale: 'zh-CN', redirectTo: '/' }, maxRedirects: 0 });
      await staff.close();
    }
  });

  test('a partner reads its own records with the reasons, and no staff page', async () => {
    const partner = await newPage(browser());
    try {
      const { page } = partner;
      await signInAs(page, demo.partnerAdmin.email);
      // The home leads to the records (华安 was recognised for its grade-A quarter).
      await page.goto('/p');
      await page.getByRole('region', { name: '表彰' }).getByRole('link', { name: '激励与处罚' }).click();
      await page.waitForURL(/\/p\/incentives$/);
      await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('激励与处罚');
      // 华安's finalised review of the quarter before last brought a record per category, with why.
      await expect.poll(() => page.getByText(/季度考核：得分/).count()).toBeGreaterThan(0);
      expect(await page.getByText('服务费基数').count()).toBeGreaterThan(0);
      expect(await page.getByText(demo.otherPartner.name).count()).toBe(0);
      expect((await page.request.get('/s/incentives', { maxRedirects: 0 })).status()).toBe(403);
      expect((await page.request.get('/s/incentives/allocation', { maxRedirects: 0 })).status()).toBe(403);
    } finally {
      await partner.close();
    }
  });
});
