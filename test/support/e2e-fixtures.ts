import { afterAll, beforeAll, expect, inject } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, openPage, type WatchedPage } from './browser.ts';

/** The demo data every fresh server starts with (apps/server/src/seed/). */
export const demo = {
  password: 'outpost-demo-2026',
  partnerAdmin: {
    email: 'partner.admin@huaan-agency.test',
    name: '张伟',
    partner: '华安保险代理有限公司',
  },
  partnerMember: { email: 'partner.member@huaan-agency.test' },
  otherPartner: { name: '信达理赔服务有限公司' },
  reviewer: { email: 'reviewer@outpost.test', name: '李晓梅' },
  committee: { email: 'committee2@outpost.test' },
  admin: { email: 'admin@outpost.test' },
} as const;

export const baseUrl = inject('baseUrl');
/** False when global setup skipped the run (no Chromium, not on CI). */
export const e2eEnabled = baseUrl !== '';

/** One browser per test file; each test opens its own context (own cookies). */
export function useBrowser(): () => Browser {
  let browser: Browser | undefined;
  beforeAll(async () => {
    if (e2eEnabled) browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });
  return () => {
    if (!browser) throw new Error('the browser is not running');
    return browser;
  };
}

export function newPage(browser: Browser, options?: Parameters<typeof openPage>[2]): Promise<WatchedPage> {
  return openPage(browser, baseUrl, options);
}

/**
 * Signs in through the form, as a person would (labels in Chinese, the default
 * language), and waits until the signed-in page has rendered — the URL changes a
 * moment before React commits the new page. Pass `expectFailure` to stay on the form.
 */
export async function signInAs(
  page: Page,
  email: string,
  password: string = demo.password,
  options: { expectFailure?: boolean } = {},
): Promise<void> {
  await page.goto('/sign-in');
  await page.getByLabel('电子邮箱', { exact: true }).fill(email);
  await page.getByLabel('密码', { exact: true }).fill(password);
  await page.getByRole('button', { name: '登录', exact: true }).click();
  // The sign-out form is in the header of every signed-in page (inside the menu on a phone, so
  // it is waited for in the page, not on the screen).
  if (!options.expectFailure) await page.locator('form[action="/sign-out"]').waitFor({ state: 'attached' });
}

/**
 * Follows a link of the header's main navigation as a person would: first opening the
 * phone menu and the drop-down (Partners ▾, Performance ▾…) that hold it, when they are closed.
 */
export async function followNavLink(page: Page, name: string): Promise<void> {
  const link = page
    .getByRole('navigation', { name: /^(主导航|Main navigation)$/, includeHidden: true })
    .getByRole('link', { name, exact: true, includeHidden: true });
  const menus = link.locator('xpath=ancestor::details');
  const count = await menus.count();
  // Outermost first: the phone menu, then the group inside it.
  for (let i = 0; i < count && !(await link.isVisible()); i++) {
    const summary = menus.nth(i).locator('xpath=./summary');
    if (await summary.isVisible()) await summary.click();
  }
  await link.click();
}

/** A session cookie for a demo account, through the API's sign-in (for requests without a browser). */
export async function sessionCookieFor(email: string): Promise<string> {
  const signIn = await fetch(`${baseUrl}/api/v1/sessions`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email, password: demo.password }),
  });
  expect(signIn.status).toBe(201);
  return signIn.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
}
