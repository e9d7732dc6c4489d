import { describe, expect, test } from 'vitest';
import { demo, e2eEnabled, newPage, signInAs, useBrowser } from '../support/e2e-fixtures.ts';

/**
 * Staff administration end to end (decision record 042): an administrator (Chinese) invites a
 * member of staff, who accepts in English (a common password refused first), the link cannot be
 * used twice, the administrator changes the role and deactivates them — and their open session
 * ends at once.
 */
describe.skipIf(!e2eEnabled)('people and roles', () => {
  const browser = useBrowser();

  test('invite, accept, change role, deactivate: the deactivated person’s session ends', async () => {
    const admin = await newPage(browser());
    const invitee = await newPage(browser(), { locale: 'en' });
    invitee.expectConsoleError(/status of 422/);
    invitee.expectConsoleError(/status of 410/);
    const email = `e2e.staff.${Date.now().toString(36)}@outpost.test`;
    try {
      const { page } = admin;
      await signInAs(page, demo.admin.email);
      await page.goto('/s/people');
      await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('人员');
      // The demo's deactivated person is listed as such.
      await expect
        .poll(() => page.getByRole('row').filter({ hasText: 'former.analyst@outpost.test' }).textContent())
        .toContain('已停用');

      const invite = page.getByRole('region', { name: '邀请员工' });
      await invite.getByLabel('邮箱').fill(email);
      await invite.getByLabel('审核员').check();
      await invite.getByLabel('部门').selectOption({ label: '法律部' });
      await invite.getByLabel('邮件语言').selectOption('en');
      await invite.getByRole('button', { name: '发送邀请' }).click();
      const linkField = invite.getByLabel('邀请链接');
      await linkField.waitFor();
      const link = new URL(await linkField.inputValue());

      // The invitee, in English.
      const other = invitee.page;
      await other.goto(link.pathname);
      await expect.poll(() => other.getByRole('heading', { level: 1 }).textContent()).toBe('Join Outpost');
      await other.getByLabel('Your name').fill('E2E 新同事');
      await other.getByLabel('Password', { exact: true }).fill('password1234');
      await other.getByLabel('Repeat the password').fill('password1234');
      await other.getByRole('button', { name: 'Create my account' }).click();
      await expect.poll(() => other.getByText('common or breached passwords').first().isVisible()).toBe(true);
      await other.getByLabel('Password', { exact: true }).fill('a quiet lake at dawn');
      await other.getByLabel('Repeat the password').fill('a quiet lake at dawn');
      await other.getByRole('button', { name: 'Create my account' }).click();
      await other.waitForURL('**/s');
      await other.locator('form[action="/sign-out"]').waitFor({ state: 'attached' });

      // The link works once.
      const second = await newPage(browser(), { locale: 'en' });
      second.expectConsoleError(/status of 410/);
      await second.page.goto(link.pathname);
      await expect.poll(() => second.page.getByText('already been used').isVisible()).toBe(true);
      await second.close();

      // The administrator finds them, changes the role, then deactivates them.
      await page.goto(`/s/people?q=${encodeURIComponent(email)}`);
      const row = page.getByRole('row').filter({ hasText: email });
      await expect.poll(() => row.textContent()).toContain('审核员');
      await row.getByText('修改角色或部门').click();
      await row.getByLabel('风险官').check();
      await row.getByRole('button', { name: '保存' }).click();
      await expect.poll(() => row.getByRole('status').first().textContent()).toContain('角色和部门已保存');
      await expect.poll(() => row.textContent()).toContain('风险官');
      await row.getByText('停用…').click();
      await row.getByLabel('原因（可选）').fill('E2E：离职');
      await row.getByRole('button', { name: /^停用 / }).click();
      await expect.poll(() => row.textContent()).toContain('已停用');

      // Their open session has ended: the next page asks them to sign in.
      await other.goto('/s');
      await other.waitForURL('**/sign-in**');
      admin.assertNoConsoleErrors();
    } finally {
      await admin.close();
      await invitee.close();
    }
  });
});

describe.skipIf(!e2eEnabled)('forgot password', () => {
  const browser = useBrowser();

  test('the sign-in page links to it; an unknown address gets the same answer; a bad link explains itself', async () => {
    const { page, expectConsoleError, assertNoConsoleErrors, close } = await newPage(browser(), {
      locale: 'en',
    });
    expectConsoleError(/status of 404/);
    try {
      await page.goto('/sign-in');
      await page.getByRole('link', { name: 'Forgot password?' }).click();
      await page.waitForURL('**/forgot-password');
      await page.getByLabel('E-mail').fill('nobody-at-all@outpost.test');
      await page.getByRole('button', { name: 'Send the link' }).click();
      await expect
        .poll(() => page.getByRole('status').first().textContent())
        .toContain('If nobody-at-all@outpost.test belongs to an account');
      await page.goto('/reset-password/not.a-real-link');
      await expect
        .poll(() => page.getByRole('heading', { level: 1 }).textContent())
        .toBe('This link cannot be used');
      assertNoConsoleErrors();
    } finally {
      await close();
    }
  });
});
