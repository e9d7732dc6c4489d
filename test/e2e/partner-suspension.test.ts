import { validCreditCode } from '@outpost/core/testing';
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import {
  baseUrl,
  demo,
  e2eEnabled,
  newPage,
  sessionCookieFor,
  signInAs,
  useBrowser,
} from '../support/e2e-fixtures.ts';

/** The real API, for the other side of each story. */
async function api(cookie: string, method: string, url: string, body?: object) {
  const response = await fetch(`${baseUrl}${url}`, {
    method,
    headers: { Cookie: cookie, ...(body ? { 'Content-Type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${url} → ${response.status}: ${text}`);
  return text ? JSON.parse(text) : null;
}

/** A partner of its own (the shared demo partners stay untouched), with an administrator who can sign in. */
async function newPartner(label: string) {
  const reviewer = await sessionCookieFor(demo.reviewer.email);
  const run = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 5)}`;
  const legalName = `${label} ${run}`;
  const email = `admin-${run}@suspension.test`;
  const password = 'suspension-password-2026';
  const creditCode = validCreditCode();
  const invited = await api(reviewer, 'POST', '/api/v1/invitations/partners', {
    legalName,
    creditCode,
    serviceCategories: ['it'],
    contactEmail: email,
  });
  const token = (invited.invitation.acceptUrl as string).split('/invitations/')[1]!;
  await api('', 'POST', `/api/v1/invitations/${token}/accept`, { displayName: '吴暂停', password });
  return { partnerId: invited.partnerId as string, legalName, creditCode, email, password };
}

/** Puts the shared demo admin back to Chinese, the language the other test files expect. */
async function backToChinese(page: Page) {
  await page.request.post('/lang', { form: { locale: 'zh-CN', redirectTo: '/' }, maxRedirects: 0 });
}

describe.skipIf(!e2eEnabled)('suspending a partner', () => {
  const browser = useBrowser();

  test('the blacklist previews the partner it would suspend (same code, another name), the partner sees why, staff lift it', async () => {
    const partner = await newPartner('预览测试科技有限公司');
    const staff = await newPage(browser());
    const partnerPage = await newPage(browser());
    try {
      const { page } = staff;
      await signInAs(page, demo.admin.email);
      await page.goto('/s/blacklist');
      const addForm = page
        .locator('form')
        .filter({ has: page.locator('input[name="intent"][value="preview"]') });
      await addForm.getByLabel('统一社会信用代码').fill(partner.creditCode);
      await addForm.getByLabel('机构名称').fill('另一个名字贸易公司');
      await addForm.getByLabel('原因：').fill('伪造理赔材料，已报案');
      await addForm.getByRole('button', { name: '预览影响' }).click();

      // The preview: the matched partner by name and credit code, the impact, nothing changed yet.
      const preview = page.getByRole('region', { name: '加入黑名单前请确认' });
      await expect.poll(() => preview.isVisible()).toBe(true);
      expect(await preview.getByText('加入该条目将暂停 1 个合作方：').isVisible()).toBe(true);
      const match = preview.getByRole('link', { name: new RegExp(partner.legalName) });
      expect(await match.textContent()).toContain(partner.creditCode);
      expect(await preview.getByText('没有进行中的申请。').isVisible()).toBe(true);
      const before = await api(
        await sessionCookieFor(demo.admin.email),
        'GET',
        `/api/v1/partners/${partner.partnerId}`,
      );
      expect(before.status).toBe('invited');

      await preview.getByLabel('合作方看到的原因').fill('贵机构正在接受合规调查，调查期间暂停合作。');
      await preview.getByRole('button', { name: '确认：加入黑名单' }).click();
      await expect.poll(() => page.getByText('已将 另一个名字贸易公司 列入黑名单。').isVisible()).toBe(true);

      // The partner sees the suspension with its reason and date on every page.
      await signInAs(partnerPage.page, partner.email, partner.password);
      const banner = partnerPage.page.getByTestId('partner-suspension');
      await expect.poll(() => banner.isVisible()).toBe(true);
      expect(await banner.textContent()).toContain('贵机构已被暂停合作');
      expect(await banner.textContent()).toContain('原因：贵机构正在接受合规调查，调查期间暂停合作。');
      expect(await banner.textContent()).toMatch(/自 .+ 起暂停。/);
      // A change is refused with a clear message (reads still work: the page itself loads).
      partnerPage.expectConsoleError(/status of 403/);
      await partnerPage.page.goto('/p/api-keys');
      await partnerPage.page.getByLabel('名称', { exact: true }).fill('理赔系统');
      await partnerPage.page.getByRole('button', { name: '创建密钥' }).click();
      await expect
        .poll(() =>
          partnerPage.page.getByText('贵机构已被暂停合作：可以查看数据，但不能做任何更改。').isVisible(),
        )
        .toBe(true);
      await partnerPage.page.goto('/inbox');
      await expect
        .poll(() => partnerPage.page.getByText(/已被暂停合作。原因：贵机构正在接受合规调查/).isVisible())
        .toBe(true);

      // Lifting needs the entry gone first; then staff lift it on the partner page, with a reason.
      const cookie = await sessionCookieFor(demo.admin.email);
      const list = await api(cookie, 'GET', `/api/v1/blacklist?q=${partner.creditCode}`);
      await api(cookie, 'POST', `/api/v1/blacklist/${list.items[0].id}/remove`, {
        reason: '调查结束，未发现问题',
      });
      await page.goto(`/s/partners/${partner.partnerId}`);
      const suspension = page.getByRole('region', { name: '暂停合作' });
      expect(await suspension.getByText(/原因：贵机构正在接受合规调查/).isVisible()).toBe(true);
      await suspension.locator('summary', { hasText: '解除暂停' }).click();
      await suspension.getByLabel('解除暂停的原因').fill('调查结束，未发现问题');
      await suspension.locator('button[type="submit"]', { hasText: '解除暂停' }).click();
      await expect
        .poll(() => suspension.getByText(`已解除 ${partner.legalName} 的暂停。`).isVisible())
        .toBe(true);

      // The history says who did what, in Chinese.
      const history = page.getByRole('region', { name: '历史记录' });
      const items = history.getByRole('listitem');
      await expect.poll(() => items.nth(0).textContent()).toContain('解除暂停');
      expect(await items.nth(0).textContent()).toContain('原因：调查结束，未发现问题');
      expect(await items.nth(1).textContent()).toContain('暂停合作');
      expect(await items.nth(1).textContent()).toContain('操作人：');

      await partnerPage.page.goto('/p');
      await expect.poll(() => partnerPage.page.getByTestId('partner-suspension').count()).toBe(0);

      // The partner turns one kind of e-mail off on the account page; the choice is kept.
      await partnerPage.page.goto('/account');
      const emailSettings = partnerPage.page.getByRole('region', { name: '邮件' });
      await emailSettings.getByLabel('本机构被暂停及解除暂停').uncheck();
      await emailSettings.getByRole('button', { name: '保存邮件设置' }).click();
      await expect.poll(() => emailSettings.getByText('邮件设置已保存。').isVisible()).toBe(true);
      await partnerPage.page.reload();
      expect(await emailSettings.getByLabel('本机构被暂停及解除暂停').isChecked()).toBe(false);
      expect(await emailSettings.getByLabel('季度考核结果').isChecked()).toBe(true);
      staff.assertNoConsoleErrors();
      partnerPage.assertNoConsoleErrors();
    } finally {
      await staff.close();
      await partnerPage.close();
    }
  });

  test('in English: staff suspend by hand, edit the profile (field errors named), read the history; the partner sees the reason', async () => {
    const partner = await newPartner('Suspension Test Ltd');
    const staff = await newPage(browser());
    const partnerPage = await newPage(browser());
    try {
      const { page } = staff;
      // The two refused forms below answer 422, which the browser logs.
      staff.expectConsoleError(/status of 422/);
      await signInAs(page, demo.admin.email);
      await page.goto(`/s/partners/${partner.partnerId}`);
      await page.getByRole('button', { name: 'English' }).click();
      const suspension = page.getByRole('region', { name: 'Suspension' });
      await expect.poll(() => suspension.isVisible()).toBe(true);
      await suspension.locator('summary', { hasText: 'Suspend partner' }).click();
      await suspension.getByLabel('Reason').fill('x');
      await suspension.locator('button[type="submit"]', { hasText: 'Suspend partner' }).click();
      await expect
        .poll(() => suspension.getByText('The partner sees this reason. At least 5 characters.').count())
        .toBeGreaterThan(0);
      expect(await suspension.locator('.ui-field__error').textContent()).toContain('At least 5 characters');
      await suspension.getByLabel('Reason').fill('Unpaid penalties since June');
      await suspension.locator('button[type="submit"]', { hasText: 'Suspend partner' }).click();
      await expect
        .poll(() => page.getByText(`${partner.legalName} has been suspended and told why.`).isVisible())
        .toBe(true);

      const profile = page.getByRole('region', { name: 'Profile and contacts' });
      await profile.locator('summary', { hasText: 'Edit profile' }).click();
      await profile.getByLabel('Contact e-mail').fill('not-an-address');
      await profile.getByRole('button', { name: 'Save profile' }).click();
      await expect.poll(() => profile.getByText('Enter a valid e-mail address.').isVisible()).toBe(true);
      await profile.getByLabel('Contact e-mail').fill('ops@suspension.test');
      await profile.getByLabel('Registered address').fill('1 Century Avenue, Shanghai');
      await profile.getByRole('button', { name: 'Save profile' }).click();
      await expect.poll(() => profile.getByText('The profile has been saved.').isVisible()).toBe(true);

      const history = page.getByRole('region', { name: 'History' });
      const items = history.getByRole('listitem');
      await expect.poll(() => items.nth(0).textContent()).toContain('Profile edited');
      expect(await items.nth(0).textContent()).toMatch(/Changed: .*Contact e-mail/);
      expect(await items.nth(0).textContent()).toContain('Registered address');
      expect(await items.nth(0).textContent()).toMatch(/by .+/);
      expect(await items.nth(1).textContent()).toContain('Suspended');
      expect(await items.nth(1).textContent()).toContain('Reason: Unpaid penalties since June');

      // The partner, in English, sees the suspension and its reason.
      await signInAs(partnerPage.page, partner.email, partner.password);
      await partnerPage.page.getByRole('button', { name: 'English' }).click();
      const banner = partnerPage.page.getByTestId('partner-suspension');
      await expect.poll(() => banner.textContent()).toContain('Your organisation is suspended');
      expect(await banner.textContent()).toContain('Reason: Unpaid penalties since June');

      // Lift it again.
      await suspension.locator('summary', { hasText: 'Lift suspension' }).click();
      await suspension.getByLabel('Why the suspension ends').fill('Penalties paid in full');
      await suspension.locator('button[type="submit"]', { hasText: 'Lift suspension' }).click();
      await expect
        .poll(() => page.getByText(`The suspension of ${partner.legalName} has been lifted.`).isVisible())
        .toBe(true);
      await expect.poll(() => items.nth(0).textContent()).toContain('Suspension lifted');
      staff.assertNoConsoleErrors();
      partnerPage.assertNoConsoleErrors();
    } finally {
      await backToChinese(staff.page);
      await staff.close();
      await partnerPage.close();
    }
  });
});
