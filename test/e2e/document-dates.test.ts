import { readFileSync } from 'node:fs';
import path from 'node:path';
import { addMonths, todayInChina } from '@outpost/i18n';
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { demo, e2eEnabled, newPage, signInAs, useBrowser } from '../support/e2e-fixtures.ts';
import { repoRoot } from '../support/e2e-paths.ts';

const licencePdf = readFileSync(path.join(repoRoot, 'packages/core/test/fixtures/licence.pdf'));

/** One requirement's card on the partner's documents page, by its name. */
const card = (page: Page, name: string) =>
  page.locator('li.doc-card').filter({ has: page.getByRole('heading', { level: 2, name, exact: true }) });

/**
 * Issue 9, defect 8: a document's dates obey its type. Nothing is stored by these attempts,
 * so the shared demo data is left as it was.
 */
describe.skipIf(!e2eEnabled)('document dates against their type', () => {
  const browser = useBrowser();

  for (const language of [
    {
      locale: 'zh-CN',
      button: '中文',
      yearly: '近两年经审计的财务报表',
      licence: '营业执照',
      issue: '签发日期',
      expiry: '有效期至',
      file: '文件',
      upload: '上传',
      beyond: (latest: string) =>
        `此类资料自签发之日起有效期为 12 个月，最晚到期日为 ${latest}，请核对两个日期。`,
      longTerm: '长期有效，无到期日期。',
    },
    {
      locale: 'en',
      button: 'English',
      yearly: 'Audited financial statements for the last two years',
      licence: 'Business licence',
      issue: 'Issue date',
      expiry: 'Expiry date',
      file: 'File',
      upload: 'Upload',
      beyond: (latest: string) =>
        `A document of this type is valid for 12 months from its issue date: it can run until ${latest} at the latest. Check both dates.`,
      longTerm: 'Valid long-term: no expiry date.',
    },
  ] as const) {
    test(`${language.locale}: an expiry beyond the type's validity is refused with the latest date; a long-term type asks for none`, async () => {
      // Signed in through the Chinese sign-in page, then the language is switched in the header.
      const { page, assertNoConsoleErrors, close } = await newPage(browser());
      try {
        await signInAs(page, demo.partnerAdmin.email);
        await page.getByRole('button', { name: language.button, exact: true }).click();
        await expect.poll(() => page.locator('html').getAttribute('lang')).toBe(language.locale);
        await page.goto('/p/documents');

        const yearly = card(page, language.yearly);
        const issueDate = addMonths(todayInChina(), -2);
        await yearly.getByLabel(language.file, { exact: true }).setInputFiles({
          name: 'financials.pdf',
          mimeType: 'application/pdf',
          buffer: licencePdf,
        });
        await yearly.getByLabel(language.issue, { exact: true }).fill(issueDate);
        await yearly.getByLabel(language.expiry, { exact: true }).fill(addMonths(issueDate, 23));
        await yearly.getByRole('button', { name: language.upload, exact: true }).click();
        const latest = new Intl.DateTimeFormat(language.locale, {
          dateStyle: 'medium',
          timeZone: 'UTC',
        }).format(new Date(`${addMonths(issueDate, 12)}T00:00:00Z`));
        // The field is marked and says the latest possible date (formatted for the reader or as ISO).
        const expiryField = yearly.getByLabel(language.expiry, { exact: true });
        await expect.poll(() => expiryField.getAttribute('aria-invalid')).toBe('true');
        const message = await yearly.locator('.field-error, [id$="-expiry-error"]').first().textContent();
        expect([language.beyond(addMonths(issueDate, 12)), language.beyond(latest)]).toContain(
          message?.trim(),
        );

        const licence = card(page, language.licence);
        expect(await licence.getByLabel(language.expiry, { exact: true }).count()).toBe(0);
        expect(await licence.getByText(language.longTerm).isVisible()).toBe(true);
        // The language choice is saved on the shared demo account: leave it Chinese for other tests.
        await page.getByRole('button', { name: '中文', exact: true }).click();
        await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('zh-CN');
        assertNoConsoleErrors();
      } finally {
        // The shared demo account keeps the language it was switched to; the other files expect Chinese.
        await page.request.post('/lang', { form: { locale: 'zh-CN', redirectTo: '/' }, maxRedirects: 0 });
        await close();
      }
    });
  }
});
