import { describe, expect, test } from 'vitest';
import { demo, e2eEnabled, newPage, signInAs, useBrowser } from '../support/e2e-fixtures.ts';

describe.skipIf(!e2eEnabled)('account', () => {
  const browser = useBrowser();

  test('a person changes their password (with validation) and signs in with the new one', async () => {
    const { page, expectConsoleError, assertNoConsoleErrors, close } = await newPage(browser());
    expectConsoleError(/status of 400/);
    const newPassword = 'a-much-longer-passphrase-2026';
    try {
      await signInAs(page, 'committee3@outpost.test');
      await page.waitForURL('**/s');
      await page.getByRole('link', { name: '账户' }).click();
      await page.waitForURL('**/account');

      // Slack is not configured on this server, and the page says so.
      await expect
        .poll(() => page.getByText('本系统尚未连接 Slack，请联系管理员配置。').isVisible())
        .toBe(true);

      const form = page.getByRole('region', { name: '修改密码' });
      await form.getByLabel('当前密码').fill(demo.password);
      await form.getByLabel('新密码', { exact: true }).fill(newPassword);
      await form.getByLabel('再次输入新密码').fill(`${newPassword}-typo`);
      await form.getByRole('button', { name: '修改密码' }).click();
      const repeat = form.getByLabel('再次输入新密码');
      await expect.poll(() => repeat.getAttribute('aria-invalid')).toBe('true');

      await form.getByLabel('当前密码').fill(demo.password);
      await form.getByLabel('新密码', { exact: true }).fill(newPassword);
      await repeat.fill(newPassword);
      await form.getByRole('button', { name: '修改密码' }).click();
      await expect.poll(() => form.getByRole('status').textContent()).toContain('密码已修改');

      await page.getByRole('button', { name: '退出登录' }).click();
      await page.waitForURL('**/sign-in');
      await signInAs(page, 'committee3@outpost.test', newPassword);
      await page.waitForURL('**/s');
      assertNoConsoleErrors();
    } finally {
      await close();
    }
  });
});
