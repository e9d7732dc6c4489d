import { validCreditCode } from '@outpost/core/testing';
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import {
  baseUrl,
  demo,
  e2eEnabled,
  followNavLink,
  newPage,
  sessionCookieFor,
  useBrowser,
} from '../support/e2e-fixtures.ts';

/**
 * Decision record 025: pages follow the language cookie, then Accept-Language, then zh-CN —
 * never a preference saved on the account; exports follow the page; form errors name the
 * field and say what to do.
 */
const htmlLang = (page: Page) => page.locator('html').getAttribute('lang');
const beijingTime = /\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} \+08:00/;

async function signInInEnglish(page: Page, email: string) {
  await page.goto('/sign-in');
  await page.getByLabel('E-mail', { exact: true }).fill(email);
  await page.getByLabel('Password', { exact: true }).fill(demo.password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.locator('form[action="/sign-out"]').waitFor({ state: 'attached' });
}

/** The blacklist CSV the page's export link downloads, as text after its BOM. */
async function exportedCsv(page: Page): Promise<string> {
  const link = page.locator('a[href^="/api/v1/blacklist/export.csv"]');
  const response = await page.request.get((await link.getAttribute('href'))!);
  expect(response.status()).toBe(200);
  const bytes = await response.body();
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // BOM: Excel reads UTF-8 (Chinese) correctly
  return bytes.subarray(3).toString('utf8');
}

describe.skipIf(!e2eEnabled)('language', () => {
  const browser = useBrowser();

  test('an English browser stays English after signing in; the switch to Chinese shows and sticks', async () => {
    // An entry of our own, so the export has a row whose time we can check.
    const creditCode = validCreditCode();
    const added = await fetch(`${baseUrl}/api/v1/blacklist`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Cookie: await sessionCookieFor(demo.admin.email) },
      body: JSON.stringify({ creditCode, name: '语言测试失信机构', reason: 'Language test entry' }),
    });
    expect(added.status).toBe(201);
    const addedAt = new Date(((await added.json()) as { entry: { createdAt: string } }).entry.createdAt);
    const beijing = new Date(addedAt.getTime() + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');
    const { page, assertNoConsoleErrors, close } = await newPage(browser(), { locale: 'en-US' });
    try {
      await page.goto('/sign-in');
      expect(await htmlLang(page)).toBe('en');
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Sign in to Outpost');

      await signInInEnglish(page, demo.reviewer.email);
      await page.waitForURL('**/s');
      expect(await htmlLang(page)).toBe('en');
      expect(await page.getByRole('button', { name: 'English' }).getAttribute('aria-pressed')).toBe('true');

      // The blacklist export speaks the page's language and shows Beijing time.
      await followNavLink(page, 'Blacklist');
      await page.waitForURL('**/s/blacklist');
      const english = await exportedCsv(page);
      expect(english.split('\r\n')[0]).toBe(
        'Unified social credit code,Entity name,Reason,Evidence,Added (Beijing time UTC+8),Removed (Beijing time UTC+8),Reason for removal',
      );
      const row = (text: string) => text.split('\r\n').find((line) => line.startsWith(creditCode)) ?? '';
      expect(row(english)).toMatch(beijingTime);
      // The same minute as the entry was added, in Beijing time (UTC+8), not UTC.
      expect(row(english)).toContain(beijing);
      expect(english).not.toMatch(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}/);

      // Switch to Chinese: visible at once, and kept on the next page.
      await page.getByRole('button', { name: '中文' }).click();
      await expect.poll(() => htmlLang(page)).toBe('zh-CN');
      expect(await page.getByRole('heading', { level: 1, name: '黑名单' }).isVisible()).toBe(true);
      expect(await page.getByRole('button', { name: '中文' }).getAttribute('aria-pressed')).toBe('true');
      const chinese = await exportedCsv(page);
      expect(chinese.split('\r\n')[0]).toBe(
        '统一社会信用代码,机构名称,列入原因,证据,列入时间（北京时间，UTC+8）,移除时间（北京时间，UTC+8）,移除原因',
      );
      expect(row(chinese)).toContain(`${creditCode},语言测试失信机构,Language test entry,,${beijing}`);
      await page.reload();
      expect(await htmlLang(page)).toBe('zh-CN');
      // The switch to 中文 also saved the shared demo account's preference back to zh-CN.
      assertNoConsoleErrors();
    } finally {
      await close();
    }
  });

  test('a past due date says it is in the past, naming the item, in Chinese and English', async () => {
    const { page, expectConsoleError, assertNoConsoleErrors, close } = await newPage(browser());
    expectConsoleError(/status of 422/); // the refused saves answer 422, which Chromium logs
    try {
      await page.goto('/sign-in');
      await page.getByLabel('电子邮箱', { exact: true }).fill('risk@outpost.test');
      await page.getByLabel('密码', { exact: true }).fill(demo.password);
      await page.getByRole('button', { name: '登录', exact: true }).click();
      await page.waitForURL('**/s');
      await page.goto('/s/reviews?status=draft');
      const table = page.getByRole('table', { name: '季度考核' });
      // Some draft (drafting is idempotent; other files may draft or finalise theirs).
      let links = await table.getByRole('link').count();
      if (links === 0) {
        const draft = page.getByRole('button', { name: /生成 .* 季度考核草稿/ });
        await draft.click();
        await page.goto('/s/reviews?status=draft');
        links = await table.getByRole('link').count();
      }
      expect(links).toBeGreaterThan(0);
      await table.getByRole('link').first().click();
      await page.getByLabel('事项 1：截止日期', { exact: true }).waitFor();
      await page.getByLabel('事项 1：整改内容', { exact: true }).fill('建立投诉 48 小时响应机制');
      await page.getByLabel('事项 1：截止日期', { exact: true }).fill('2020-01-01');
      await page.getByRole('button', { name: '保存草稿', exact: true }).click();
      await expect
        .poll(() => page.getByText('截止日期（事项 1）：不能早于今天').first().isVisible())
        .toBe(true);
      expect(await page.getByText('请填写截止日期').count()).toBe(0);

      await page.getByRole('button', { name: 'English' }).click();
      await expect.poll(() => htmlLang(page)).toBe('en');
      await page
        .getByLabel('Item 1: what must be rectified', { exact: true })
        .fill('Respond within 48 hours');
      await page.getByLabel('Item 1: due date', { exact: true }).fill('2020-01-01');
      await page.getByRole('button', { name: 'Save draft', exact: true }).click();
      await expect
        .poll(() => page.getByText('Due date (item 1): must not be in the past').first().isVisible())
        .toBe(true);
      // Back to Chinese: the risk officer is a shared demo account.
      await page.getByRole('button', { name: '中文' }).click();
      await expect.poll(() => htmlLang(page)).toBe('zh-CN');
      assertNoConsoleErrors();
    } finally {
      await close();
    }
  });

  test('an application without a service category names the field and says what to do', async () => {
    const email = `lang-${Date.now().toString(36)}@xingyun-it.test`;
    const signIn = await fetch(`${baseUrl}/api/v1/sessions`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ email: demo.reviewer.email, password: demo.password }),
    });
    const cookie = signIn.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    const invited = await fetch(`${baseUrl}/api/v1/invitations/partners`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Cookie: cookie },
      body: JSON.stringify({
        legalName: `语言测试科技有限公司 ${Date.now().toString(36)}`,
        creditCode: validCreditCode(),
        serviceCategories: ['it'],
        contactEmail: email,
      }),
    });
    expect(invited.status).toBe(201);
    const { invitation } = (await invited.json()) as { invitation: { acceptUrl: string } };

    const { page, expectConsoleError, assertNoConsoleErrors, close } = await newPage(browser());
    expectConsoleError(/status of 422/);
    try {
      await page.goto(invitation.acceptUrl);
      await page.getByLabel('您的姓名').fill('吴语言');
      await page.getByLabel('设置密码').fill('language-password-2026');
      await page.getByLabel('确认密码').fill('language-password-2026');
      await page.getByRole('button', { name: '创建账户' }).click();
      await page.waitForURL('**/p');
      await page.goto('/p/application');
      const submit = async (button: string) => {
        for (const box of await page.locator('input[name="serviceCategories"]').all()) await box.uncheck();
        await page.getByRole('button', { name: button }).click();
      };
      await submit('提交准入申请');
      await expect.poll(() => page.getByText('申请的服务类别：请至少选择一项').isVisible()).toBe(true);

      await page.getByRole('button', { name: 'English' }).click();
      await expect.poll(() => htmlLang(page)).toBe('en');
      await submit('Submit the application');
      await expect
        .poll(() => page.getByText('Service categories applied for: choose at least one').isVisible())
        .toBe(true);
      assertNoConsoleErrors();
    } finally {
      await close();
    }
  });
});
