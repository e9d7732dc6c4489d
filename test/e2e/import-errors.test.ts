import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { demo, e2eEnabled, newPage, signInAs, useBrowser } from '../support/e2e-fixtures.ts';

const run = Date.now().toString(36);
/** Beijing wall-clock time `hours` ago, written as people do: `2026-11-01 09:00`, no zone. */
const beijingHoursAgo = (hours: number) =>
  new Date(Date.now() - hours * 3_600_000 + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');

const header = 'externalId,type,occurredAt,caseId,slaDueAt,rating';
const badFile = () =>
  Buffer.from(
    [
      header,
      // Four bad columns on one row: a time that is not one, no case id, no SLA deadline, a rating on a case.
      `ie-${run}-a,case_opened,yesterday,,,7`,
      // A zone-less time is fine; the rating is not a number.
      `ie-${run}-b,customer_rating,${beijingHoursAgo(3)},,,five`,
      '',
    ].join('\n'),
  );

const zh = { partner: '合作伙伴', file: 'CSV 或 XLSX 文件', submit: '校验并导入' };
const en = { partner: 'Partner', file: 'CSV or XLSX file', submit: 'Check and import' };

/** Chooses the demo partner, picks the file and asks for the check, with the page's labels. */
async function upload(page: Page, labels: typeof zh, buffer: Buffer) {
  await page.getByLabel(labels.partner, { exact: true }).selectOption({ label: demo.partnerAdmin.partner });
  await page.getByLabel(labels.file).setInputFiles({ name: 'events.csv', mimeType: 'text/csv', buffer });
  await page.getByRole('button', { name: labels.submit }).click();
}

describe.skipIf(!e2eEnabled)('event import errors in the reader’s language', () => {
  const browser = useBrowser();

  test('every bad column is named in Chinese, then in English, and a zone-less time imports', async () => {
    const { page, assertNoConsoleErrors, expectConsoleError, close } = await newPage(browser());
    // The check answers 422 when rows are bad; Chromium logs that response.
    expectConsoleError(/422/);
    try {
      await signInAs(page, demo.admin.email);
      await page.waitForURL('**/s');
      // Another file may have left this shared account's saved language English.
      await page.request.post('/lang', { form: { locale: 'zh-CN', redirectTo: '/s' }, maxRedirects: 0 });
      await page.goto('/s/import');
      await upload(page, zh, badFile());
      const report = page.getByRole('region', { name: '发现 5 个问题' });
      // The check runs in a worker thread; on a loaded machine its start takes a while.
      await expect.poll(() => report.isVisible(), { timeout: 30_000 }).toBe(true);
      const row2 = report.getByRole('row', { name: /^2 / });
      expect(await row2.count()).toBe(4);
      for (const text of [
        '无法识别的时间：occurredAt 请写成 2026-11-01 09:00（北京时间）或 2026-11-01T09:00:00+08:00。',
        '请填写 caseId：该类型的事件必须填写此列。',
        '请填写 slaDueAt：该类型的事件必须填写此列。',
        'case_opened 类型的事件不使用 rating，请留空。',
      ]) {
        expect(await row2.getByText(text, { exact: true }).isVisible(), text).toBe(true);
      }
      const row3 = report.getByRole('row', { name: /^3 / });
      expect(await row3.count()).toBe(1);
      expect(await row3.getByText('rating 请填写数字。', { exact: true }).isVisible()).toBe(true);
      // No developer English in the Chinese page.
      expect(await report.getByText(/Invalid input|expected|received/).count()).toBe(0);

      // The same file, read in English.
      await page.request.post('/lang', { form: { locale: 'en', redirectTo: '/s/import' }, maxRedirects: 0 });
      await page.goto('/s/import');
      await upload(page, en, badFile());
      const english = page.getByRole('region', { name: '5 problems found' });
      await expect.poll(() => english.isVisible(), { timeout: 30_000 }).toBe(true);
      const en2 = english.getByRole('row', { name: /^2 / });
      for (const text of [
        'Not a time: write occurredAt like 2026-11-01 09:00 (Beijing time) or 2026-11-01T09:00:00+08:00.',
        'Fill in caseId: this type of event needs it.',
        'Fill in slaDueAt: this type of event needs it.',
        'A case_opened event does not use rating; leave it empty.',
      ]) {
        expect(await en2.getByText(text, { exact: true }).isVisible(), text).toBe(true);
      }
      expect(
        await english
          .getByRole('row', { name: /^3 / })
          .getByText('Write a number in rating.', { exact: true })
          .isVisible(),
      ).toBe(true);

      // A time without a zone is Beijing time, as the page says: the row imports.
      await upload(
        page,
        en,
        Buffer.from([header, `ie-${run}-c,customer_rating,${beijingHoursAgo(2)},,,5`].join('\n')),
      );
      await expect
        .poll(() => page.getByText('Import complete: 1 new events stored, 0 already received.').isVisible(), {
          timeout: 30_000,
        })
        .toBe(true);
      assertNoConsoleErrors();
    } finally {
      // The demo administrator is shared by other files: leave it in Chinese.
      await page.request.post('/lang', { form: { locale: 'zh-CN', redirectTo: '/s' }, maxRedirects: 0 });
      await close();
    }
  });
});
