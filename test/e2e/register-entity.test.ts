import { describe, expect, test } from 'vitest';
import { e2eEnabled, newPage, signInAs, useBrowser } from '../support/e2e-fixtures.ts';

/** Decision record 060: an administrator corrects "Our legal entity" under Settings. */
describe.skipIf(!e2eEnabled)('our legal entity (decision record 060)', () => {
  const browser = useBrowser();

  test('the demo entity is shown; a mistyped LEI is refused for its check digits; the right one is saved', async () => {
    const admin = await newPage(browser());
    try {
      const { page } = admin;
      await signInAs(page, 'admin@outpost.test');
      await page.request.post('/lang', { form: { locale: 'en', redirectTo: '/s' }, maxRedirects: 0 });
      await page.goto('/s/settings');
      const card = page.locator('section', { has: page.getByRole('heading', { name: 'Our legal entity' }) });
      const lei = card.getByLabel('LEI', { exact: true });
      await expect.poll(() => lei.inputValue()).toBe('300300OUTPOST0000123');
      expect(await card.getByLabel('Type of entity').inputValue()).toBe('insurance_undertaking');
      await lei.fill('300300OUTPOST0000132');
      await card.getByRole('button', { name: 'Save' }).click();
      await expect
        .poll(() => card.getByText('The check digits (the last two characters) are wrong').count())
        .toBeGreaterThan(0);
      await card.getByLabel('LEI', { exact: true }).fill('300300outpost0000123');
      await card.getByLabel('Competent authority').fill('NFRA');
      await card.getByRole('button', { name: 'Save' }).click();
      // Saved: the form shows the stored values, the LEI upper-cased by core.
      await expect
        .poll(() => card.getByLabel('LEI', { exact: true }).inputValue())
        .toBe('300300OUTPOST0000123');
      expect(await card.getByLabel('Competent authority').inputValue()).toBe('NFRA');
      expect(await card.getByText('The check digits').count()).toBe(0);
    } finally {
      await admin.close();
    }
  });
});
