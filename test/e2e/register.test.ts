import { readFile } from 'node:fs/promises';
import { unzipSync } from 'fflate';
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { e2eEnabled, newPage, signInAs, useBrowser } from '../support/e2e-fixtures.ts';

/**
 * The outsourcing register (decision record 052) on the demo: a risk officer sees the count with
 * one incomplete arrangement, filters it, opens it and sees what is missing; a wrong value on a
 * critical arrangement is refused under its field; the DORA zip downloads with every template.
 * An auditor reads the same arrangement without a form.
 */
const useLanguage = (page: Page, locale: 'zh-CN' | 'en') =>
  page.request.post('/lang', { form: { locale, redirectTo: '/' }, maxRedirects: 0 });

describe.skipIf(!e2eEnabled)('outsourcing register', () => {
  const browser = useBrowser();

  test('completeness report, an arrangement, a refused field, the DORA zip; the auditor reads only', async () => {
    const risk = await newPage(browser());
    // The refused recovery objective answers 422, which the browser logs.
    risk.expectConsoleError(/status of 422/);
    try {
      const { page } = risk;
      await signInAs(page, 'risk@outpost.test');
      await useLanguage(page, 'en');
      await page.goto('/s/register');
      await expect.poll(() => page.getByTestId('register-count').textContent()).toMatch(/, 1 incomplete$/);
      await page.getByLabel('Completeness', { exact: true }).selectOption('incomplete');
      await page.getByRole('button', { name: 'Show', exact: true }).click();
      await page.waitForURL(/completeness=incomplete/);
      const rows = page.getByTestId('register-table').locator('tbody tr');
      await expect.poll(() => rows.count()).toBe(1);
      expect(await rows.first().textContent()).toContain('鼎信');
      await rows.first().getByRole('link').click();
      await page.waitForURL(/\/s\/register\/[0-9a-f-]{36}$/);
      expect(await page.getByTestId('register-missing').textContent()).toContain(
        'Last criticality assessment',
      );

      // A critical arrangement: a negative recovery time objective is refused under its field.
      await page.goto('/s/register?criticality=critical&completeness=complete');
      await rows.first().getByRole('link').click();
      await page.waitForURL(/\/s\/register\/[0-9a-f-]{36}$/);
      const url = new URL(page.url()).pathname;
      const rto = page.getByLabel('Recovery time objective (hours)', { exact: true });
      const before = await rto.inputValue();
      await rto.fill('-5');
      await page.getByRole('button', { name: 'Save', exact: true }).click();
      await expect
        .poll(() => page.locator('.ui-field__error').first().textContent())
        .toContain('Recovery time objective');
      await rto.fill(before);
      await page.getByRole('button', { name: 'Save', exact: true }).click();
      await expect.poll(() => page.getByText('Nothing changed.').isVisible()).toBe(true);

      // The DORA Register of Information: one zip, every core template.
      await page.goto('/s/register');
      const [zip] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('link', { name: 'DORA Register of Information (zip)' }).click(),
      ]);
      const files = unzipSync(new Uint8Array(await readFile((await zip.path())!)));
      expect(Object.keys(files)).toEqual([
        'b_01.01.csv',
        'b_02.01.csv',
        'b_02.02.csv',
        'b_05.01.csv',
        'b_06.01.csv',
        'b_07.01.csv',
      ]);
      expect(new TextDecoder().decode(files['b_07.01.csv']!).startsWith('c0010,c0020,c0030')).toBe(true);

      const auditor = await newPage(browser());
      try {
        await signInAs(auditor.page, 'auditor@outpost.test');
        await auditor.page.goto(url);
        await expect.poll(() => auditor.page.getByTestId('register-missing').isVisible()).toBe(true);
        expect(await auditor.page.getByRole('button', { name: /Save|保存/ }).count()).toBe(0);
      } finally {
        await auditor.close();
      }
    } finally {
      await useLanguage(risk.page, 'zh-CN');
      await risk.close();
    }
  });
});
