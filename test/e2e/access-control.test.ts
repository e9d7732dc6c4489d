import { describe, expect, test } from 'vitest';
import { demo, e2eEnabled, newPage, signInAs, useBrowser } from '../support/e2e-fixtures.ts';

describe.skipIf(!e2eEnabled)('access control', () => {
  const browser = useBrowser();

  test('a partner user requesting the staff console is refused', async () => {
    const { page, expectConsoleError, assertNoConsoleErrors, close } = await newPage(browser());
    expectConsoleError(/status of 403/);
    try {
      await signInAs(page, 'admin@xinda-claims.test');
      await page.waitForURL('**/p');
      const response = await page.goto('/s');
      expect(response?.status()).toBe(403);
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('无权访问');
      // No partner list, not even the other partner's name.
      expect(await page.getByRole('table').count()).toBe(0);
      expect(await page.getByText(demo.partnerAdmin.partner).count()).toBe(0);
      // Still signed in: the header offers the way back.
      expect(await page.getByRole('button', { name: '退出登录' }).isVisible()).toBe(true);

      const detail = await page.goto('/s/partners/00000000-0000-4000-8000-000000000000');
      expect(detail?.status()).toBe(403);
      assertNoConsoleErrors();
    } finally {
      await close();
    }
  });

  test('staff requesting the partner portal are refused', async () => {
    const { page, expectConsoleError, assertNoConsoleErrors, close } = await newPage(browser());
    expectConsoleError(/status of 403/);
    try {
      await signInAs(page, demo.reviewer.email);
      await page.waitForURL('**/s');
      const response = await page.goto('/p');
      expect(response?.status()).toBe(403);
      assertNoConsoleErrors();
    } finally {
      await close();
    }
  });

  test('signed-out visitors are sent to sign in, and unknown pages say "not found"', async () => {
    const { page, expectConsoleError, assertNoConsoleErrors, close } = await newPage(browser());
    expectConsoleError(/status of 404/);
    try {
      await page.goto('/s');
      expect(new URL(page.url()).pathname).toBe('/sign-in');
      const response = await page.goto('/no-such-page');
      expect(response?.status()).toBe(404);
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('未找到');
      assertNoConsoleErrors();
    } finally {
      await close();
    }
  });
});
