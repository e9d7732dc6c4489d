import { describe, expect, test } from 'vitest';
import { baseUrl, demo, e2eEnabled, newPage, signInAs, useBrowser } from '../support/e2e-fixtures.ts';

describe.skipIf(!e2eEnabled)('sign-in', () => {
  const browser = useBrowser();

  test('a wrong password shows an error and stays on the sign-in page', async () => {
    const { page, expectConsoleError, assertNoConsoleErrors, close } = await newPage(browser());
    // The form posts and gets 401 back, which Chromium logs as a failed resource.
    expectConsoleError(/status of 401/);
    try {
      await signInAs(page, demo.committee.email, 'not-the-password', { expectFailure: true });
      const alert = page.getByRole('alert');
      await expect.poll(() => alert.textContent()).toBe('邮箱或密码不正确。');
      expect(new URL(page.url()).pathname).toBe('/sign-in');
      // The e-mail is kept so only the password has to be typed again.
      expect(await page.getByLabel('电子邮箱', { exact: true }).inputValue()).toBe(demo.committee.email);
      assertNoConsoleErrors();
    } finally {
      await close();
    }
  });

  test('empty fields get their own errors, tied to the inputs', async () => {
    const { page, expectConsoleError, assertNoConsoleErrors, close } = await newPage(browser());
    expectConsoleError(/status of 400/);
    try {
      await page.goto('/sign-in');
      await page.getByRole('button', { name: '登录', exact: true }).click();
      const email = page.getByLabel('电子邮箱', { exact: true });
      await expect.poll(() => email.getAttribute('aria-invalid')).toBe('true');
      const describedBy = await email.getAttribute('aria-describedby');
      expect(await page.locator(`[id="${describedBy}"]`).textContent()).toBe('请输入电子邮箱。');
      expect(await page.getByLabel('密码', { exact: true }).getAttribute('aria-invalid')).toBe('true');
      assertNoConsoleErrors();
    } finally {
      await close();
    }
  });

  test('after signing in, a person returns to the page they asked for — on this site only', async () => {
    const { page, assertNoConsoleErrors, close } = await newPage(browser());
    try {
      await page.goto('/inbox');
      expect(new URL(page.url()).searchParams.get('redirectTo')).toBe('/inbox');
      await page.getByLabel('电子邮箱', { exact: true }).fill(demo.reviewer.email);
      await page.getByLabel('密码', { exact: true }).fill(demo.password);
      await page.getByRole('button', { name: '登录', exact: true }).click();
      await page.waitForURL('**/inbox');
      assertNoConsoleErrors();
    } finally {
      await close();
    }

    const offsite = await newPage(browser());
    try {
      await offsite.page.goto('/sign-in?redirectTo=//evil.example/steal');
      await offsite.page.getByLabel('电子邮箱', { exact: true }).fill(demo.reviewer.email);
      await offsite.page.getByLabel('密码', { exact: true }).fill(demo.password);
      await offsite.page.getByRole('button', { name: '登录', exact: true }).click();
      await offsite.page.waitForURL('**/s');
      expect(new URL(offsite.page.url()).origin).toBe(baseUrl);
      offsite.assertNoConsoleErrors();
    } finally {
      await offsite.close();
    }
  });
});
