import { readFile } from 'node:fs/promises';
import { describe, expect, test } from 'vitest';
import { demo, e2eEnabled, newPage, signInAs, useBrowser } from '../support/e2e-fixtures.ts';

/** A roster file with one good row and one row with a bad number and a bad date. */
const file = (header: string) => ({
  name: 'roster.csv',
  mimeType: 'text/csv',
  buffer: Buffer.from(
    `\uFEFF${header}\r\nE2E 导入员,E2E-IMPORT-01,客户经理,agency,2025-01-06,\r\n坏行员,!!,客服,agency,2025-13-01,\r\n`,
    'utf8',
  ),
});
const zhHeader = '姓名,身份证号或工号,岗位,服务类别,入职日期,门户账号邮箱（可选）';
const enHeader = 'Name,ID or staff number,Role,Service category,Start date';

describe.skipIf(!e2eEnabled)('training roster import', () => {
  const browser = useBrowser();

  test('a partner administrator imports a roster file and reads the row-by-row report in Chinese and English', async () => {
    const { page, assertNoConsoleErrors, close } = await newPage(browser());
    try {
      await signInAs(page, demo.partnerAdmin.email);
      await page.request.post('/lang', { form: { locale: 'zh-CN', redirectTo: '/p' }, maxRedirects: 0 });
      await page.goto('/p/training/people');

      // The template: UTF-8 with a BOM, headings in Chinese.
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('link', { name: '下载模板（CSV）' }).click(),
      ]);
      const template = await readFile((await download.path())!, 'utf8');
      expect(template.startsWith(`\uFEFF${zhHeader}`)).toBe(true);
      // The partner's own training records, headed in Chinese.
      const [records] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('link', { name: '下载培训记录（CSV）' }).click(),
      ]);
      const recordsText = await readFile((await records.path())!, 'utf8');
      expect(recordsText.startsWith('\uFEFF姓名,身份证号或工号,课程,课程版本')).toBe(true);

      await page.getByLabel('名册文件', { exact: true }).setInputFiles(file(zhHeader));
      await page.getByRole('button', { name: '导入', exact: true }).click();
      const report = page.getByRole('table', { name: '导入报告' });
      await expect.poll(() => report.isVisible()).toBe(true);
      expect(await page.getByText(/^新增 [01] 人，更新 0 人，未变 [01] 人，拒绝 1 行。$/).isVisible()).toBe(
        true,
      );
      const bad = report.getByRole('row', { name: /坏行员/ });
      expect(await bad.textContent()).toContain('已拒绝');
      expect(await bad.textContent()).toContain('身份证号或工号：请使用 4–40 位字母、数字或连字符。');
      expect(await bad.textContent()).toContain('入职日期：请使用 YYYY-MM-DD 格式的日期。');
      // The good row is on the roster.
      await expect.poll(() => page.getByRole('rowheader', { name: 'E2E 导入员' }).count()).toBeGreaterThan(0);

      // English: the same file with English headings adds nobody a second time.
      await page.getByRole('button', { name: 'English', exact: true }).click();
      await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('en');
      await page.goto('/p/training/people');
      await page.getByLabel('Roster file', { exact: true }).setInputFiles(file(enHeader));
      await page.getByRole('button', { name: 'Import', exact: true }).click();
      const enReport = page.getByRole('table', { name: 'Import report' });
      await expect.poll(() => enReport.isVisible()).toBe(true);
      expect(await page.getByText('Added 0, updated 0, unchanged 1, refused 1.').isVisible()).toBe(true);
      const enBad = await enReport.getByRole('row', { name: /坏行员/ }).textContent();
      expect(enBad).toContain('ID or staff number: Use 4–40 letters, digits or hyphens.');
      expect(enBad).toContain('Start date: Use a date of the form YYYY-MM-DD.');
      expect(await page.getByRole('rowheader', { name: 'E2E 导入员' }).count()).toBe(1);

      // Back to Chinese, and the imported person off the shared demo roster again.
      await page.getByRole('button', { name: '中文', exact: true }).click();
      await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('zh-CN');
      await page.goto('/p/training/people');
      await page.getByRole('button', { name: /E2E 导入员/ }).click();
      await expect.poll(() => page.getByRole('rowheader', { name: 'E2E 导入员' }).count()).toBe(0);
      assertNoConsoleErrors();
    } finally {
      // The shared demo account keeps the language it was switched to; the other files expect Chinese.
      await page.request.post('/lang', { form: { locale: 'zh-CN', redirectTo: '/' }, maxRedirects: 0 });
      await close();
    }
  });
});
