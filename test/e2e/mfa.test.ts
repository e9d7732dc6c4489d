import { decodeBase32IgnorePadding } from '@oslojs/encoding';
import { totpCode, totpStep } from '@outpost/auth';
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { baseUrl, demo, e2eEnabled, newPage, signInAs, useBrowser } from '../support/e2e-fixtures.ts';

/**
 * Two-step sign-in and the session list (decision record 043), as people use them: an administrator
 * requires it for a role, a person of that role is sent to the setup from every page, reads the key
 * off the page into "their app" (here: the RFC 6238 code computed from it), signs in again with a code,
 * is refused the same code twice, signs in with a recovery code once and is refused it the second time;
 * then loses the phone: an administrator resets it, the person's session ends and the setup starts again.
 * The demo starts with the requirement off; this test puts everything back as it found it.
 */
const legal = 'legal@outpost.test';

async function setRequiredRoles(page: Page, roles: string[]) {
  await page.goto('/s/settings');
  const card = page.getByRole('region', { name: '两步登录' });
  for (const role of ['管理员', '审批委员会委员', '风险官', '审核员', '法务', '审计（只读）']) {
    const box = card.getByRole('checkbox', { name: role, exact: true });
    if ((await box.count()) === 0) continue;
    if ((await box.isChecked()) !== roles.includes(role)) await box.click();
  }
  await card.getByRole('button', { name: '保存' }).click();
  await expect.poll(() => card.getByRole('status').textContent()).toBeTruthy();
}

async function signInWithCode(page: Page, email: string, code: string, expectError?: string) {
  await signInAs(page, email, demo.password, { expectFailure: true });
  await page.waitForURL('**/sign-in/verify');
  await page.getByLabel('验证码', { exact: true }).fill(code);
  await page.getByRole('button', { name: '验证' }).click();
  if (expectError) {
    await expect.poll(() => page.locator('.ui-field__error').textContent()).toContain(expectError);
  } else {
    await page.locator('form[action="/sign-out"]').waitFor({ state: 'attached' });
  }
}

async function signOut(page: Page) {
  await page.getByRole('button', { name: '退出登录' }).click();
  await page.waitForURL('**/sign-in');
}

describe.skipIf(!e2eEnabled)('two-step sign-in', () => {
  const browser = useBrowser();

  test('required for a role: set up from the page, then a code, a used code refused, a recovery code once', async () => {
    const admin = await newPage(browser());
    const person = await newPage(browser());
    admin.expectConsoleError(/status of (400|401|422|429)/);
    person.expectConsoleError(/status of (400|401|422|429)/);
    try {
      await signInAs(admin.page, demo.admin.email);
      await setRequiredRoles(admin.page, ['法务']);

      // Legal must set it up first: signing in lands on the setup, and every other page sends back there.
      const { page } = person;
      await signInAs(page, legal);
      await page.waitForURL('**/account/mfa');
      expect(await page.getByText('您的角色要求启用两步登录').first().isVisible()).toBe(true);
      await page.goto('/s/partners');
      await page.waitForURL('**/account/mfa');
      await page.goto('/inbox');
      await page.waitForURL('**/account/mfa');

      await page.getByRole('button', { name: '设置两步登录' }).click();
      const keyText = await page.getByTestId('totp-key').textContent();
      expect(keyText).toMatch(/^[A-Z2-7 ]{32,}$/);
      expect(
        await page.getByRole('img', { name: '将 Outpost 添加到身份验证器应用的二维码' }).isVisible(),
      ).toBe(true);
      const key = decodeBase32IgnorePadding(keyText!.replace(/\s/g, ''));

      // A wrong code changes nothing; the right one turns it on and shows ten recovery codes once.
      await page.getByLabel('应用中的验证码').fill('000000');
      await page.getByRole('button', { name: '开启两步登录' }).click();
      await expect.poll(() => page.locator('.ui-field__error').textContent()).toContain('验证码不正确');
      const step = totpStep();
      await page.getByLabel('应用中的验证码').fill(totpCode(key, step));
      await page.getByRole('button', { name: '开启两步登录' }).click();
      const codes = page.getByRole('list', { name: '您的恢复码' }).getByRole('listitem');
      await expect.poll(() => codes.count()).toBe(10);
      const recovery = (await codes.allTextContents()).map((c) => c.trim());
      expect(recovery[0]).toMatch(/^[a-z2-7]{4}(-[a-z2-7]{4}){3}$/);
      await page.getByRole('link', { name: '继续' }).click();
      await page.waitForURL('**/s');

      // Signing in again needs a code: the next one the app shows (this step's was spent on setup).
      await signOut(page);
      const next = totpCode(key, step + 1);
      await signInWithCode(page, legal, next);
      await page.waitForURL('**/s');
      await signOut(page);
      // The same code again: refused, nothing signed in.
      await signInWithCode(page, legal, next, '该验证码已使用过');
      expect(await page.locator('form[action="/sign-out"]').count()).toBe(0);
      // A recovery code works once…
      await page.getByLabel('验证码', { exact: true }).fill(recovery[0]!);
      await page.getByRole('button', { name: '验证' }).click();
      await page.locator('form[action="/sign-out"]').waitFor({ state: 'attached' });
      await signOut(page);
      // …and never twice.
      await signInWithCode(page, legal, recovery[0]!, '该恢复码已使用过');
      await page.getByLabel('验证码', { exact: true }).fill(recovery[1]!);
      await page.getByRole('button', { name: '验证' }).click();
      await page.locator('form[action="/sign-out"]').waitFor({ state: 'attached' });

      // Legal's phone is lost: the administrator resets two-step sign-in from the people page, with a reason.
      await admin.page.goto(`/s/people?q=${encodeURIComponent(legal)}`);
      const row = admin.page.getByRole('row').filter({ hasText: legal });
      expect(await row.textContent()).toContain('已启用两步验证');
      await row.getByText('重置两步验证…').click();
      await row.getByRole('button', { name: /^重置 .* 的两步验证$/ }).click();
      await expect
        .poll(() => row.locator('.ui-field__error').textContent())
        .toContain('请说明重置验证器的原因');
      await row.getByLabel('原因（必填，例如：手机丢失、工单号）').fill('手机丢失，工单 4711');
      await row.getByRole('button', { name: /^重置 .* 的两步验证$/ }).click();
      await expect.poll(() => admin.page.getByText(/的两步验证（结束了 1 个会话）/).count()).toBe(1);
      // Legal's session ended; the password alone signs in and leads straight to a new setup.
      await page.goto('/s');
      await page.waitForURL('**/sign-in**');
      await signInAs(page, legal);
      await page.waitForURL('**/account/mfa');
      expect(await page.getByRole('button', { name: '设置两步登录' }).count()).toBe(1);

      // Put things back: the administrator lifts the requirement.
      await setRequiredRoles(admin.page, []);
      admin.assertNoConsoleErrors();
      person.assertNoConsoleErrors();
    } finally {
      await admin.close();
      await person.close();
    }
  });

  test('in English: the setup page, a wrong code, and signing out another session from the account page', async () => {
    const here = await newPage(browser(), { locale: 'en' });
    here.expectConsoleError(/status of (400|422)/);
    const phone = await browser().newContext({
      baseURL: baseUrl,
      locale: 'en',
      userAgent:
        'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1',
    });
    try {
      const { page } = here;
      const email = 'committee1@outpost.test';
      await page.goto('/sign-in');
      await page.getByLabel('E-mail', { exact: true }).fill(email);
      await page.getByLabel('Password', { exact: true }).fill(demo.password);
      await page.getByRole('button', { name: 'Sign in', exact: true }).click();
      await page.locator('form[action="/sign-out"]').waitFor({ state: 'attached' });

      // A second session, from a phone.
      const phonePage = await phone.newPage();
      await phonePage.goto('/sign-in');
      await phonePage.getByLabel('E-mail', { exact: true }).fill(email);
      await phonePage.getByLabel('Password', { exact: true }).fill(demo.password);
      await phonePage.getByRole('button', { name: 'Sign in', exact: true }).click();
      await phonePage.locator('form[action="/sign-out"]').waitFor({ state: 'attached' });

      await page.goto('/account');
      const list = page.getByRole('list', { name: 'Where you are signed in' });
      const current = list.getByRole('listitem').filter({ hasText: 'This device' });
      expect(await current.count()).toBe(1);
      expect(await current.textContent()).toContain('Local network');
      const iphone = list.getByRole('listitem').filter({ hasText: 'Safari on iOS' });
      expect(await iphone.count()).toBe(1);
      await iphone.getByRole('button', { name: 'Sign out this one' }).click();
      await expect.poll(() => page.getByText('That session has been signed out.').count()).toBe(1);
      await expect
        .poll(() => list.getByRole('listitem').filter({ hasText: 'Safari on iOS' }).count(), {
          timeout: 10_000,
        })
        .toBe(0);
      // The phone is signed out.
      await phonePage.goto('/s');
      await phonePage.waitForURL('**/sign-in**');

      // The setup page in English; a wrong code is refused with what to do.
      await page.getByRole('link', { name: 'Manage two-step sign-in' }).click();
      await page.waitForURL('**/account/mfa');
      await page.getByRole('button', { name: 'Set up two-step sign-in' }).click();
      await page.getByLabel('Code from the app').fill('123456');
      await page.getByRole('button', { name: 'Turn on two-step sign-in' }).click();
      await expect
        .poll(() => page.locator('.ui-field__error').textContent())
        .toContain('The code is not correct');
      expect(await page.getByText('Two-step sign-in is off.').count()).toBeGreaterThan(0);
      here.assertNoConsoleErrors();
    } finally {
      await phone.close();
      await here.close();
    }
  });
});
