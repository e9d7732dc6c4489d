import { describe, expect, test } from 'vitest';
import { demo, e2eEnabled, followNavLink, newPage, signInAs, useBrowser } from '../support/e2e-fixtures.ts';

describe.skipIf(!e2eEnabled)('partner portal', () => {
  const browser = useBrowser();

  test('a partner admin signs in, sees their organisation, switches language and signs out', async () => {
    const { page, assertNoConsoleErrors, close } = await newPage(browser());
    try {
      await page.goto('/');
      expect(new URL(page.url()).pathname).toBe('/sign-in');
      expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN');

      await signInAs(page, demo.partnerAdmin.email);
      await page.waitForURL('**/p');
      await expect
        .poll(() => page.getByRole('heading', { level: 1 }).textContent())
        .toBe(`欢迎，${demo.partnerAdmin.name}`);
      const card = page.getByRole('region', { name: demo.partnerAdmin.partner });
      expect(await card.isVisible()).toBe(true);
      expect(await card.getByText('统一社会信用代码').isVisible()).toBe(true);
      expect(await card.getByText('合作中').isVisible()).toBe(true);
      expect(await card.getByText('保险代理', { exact: true }).isVisible()).toBe(true);
      // Another partner's name appears nowhere on this partner's page.
      expect(await page.getByText(demo.otherPartner.name).count()).toBe(0);

      // zh-CN → en: the page changes language in place.
      await page.getByRole('button', { name: 'English' }).click();
      await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('en');
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(
        `Welcome, ${demo.partnerAdmin.name}`,
      );
      expect(await page.getByText('Unified social credit code').isVisible()).toBe(true);
      expect(await page.getByRole('button', { name: 'English' }).getAttribute('aria-pressed')).toBe('true');

      // …and stays that way after a reload.
      await page.reload();
      expect(await page.locator('html').getAttribute('lang')).toBe('en');
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(
        `Welcome, ${demo.partnerAdmin.name}`,
      );

      // en → zh-CN.
      await page.getByRole('button', { name: '中文' }).click();
      await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('zh-CN');
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(
        `欢迎，${demo.partnerAdmin.name}`,
      );

      await page.getByRole('button', { name: '退出登录' }).click();
      await page.waitForURL('**/sign-in');
      // The session is gone on the server too: the portal asks to sign in again.
      await page.goto('/p');
      expect(new URL(page.url()).pathname).toBe('/sign-in');
      expect(new URL(page.url()).searchParams.get('redirectTo')).toBe('/p');
      assertNoConsoleErrors();
    } finally {
      await close();
    }
  });

  test('the language chosen while signed in is saved for messages, not forced on the next browser', async () => {
    const first = await newPage(browser());
    try {
      await signInAs(first.page, demo.partnerMember.email);
      await first.page.waitForURL('**/p');
      await first.page.getByRole('button', { name: 'English' }).click();
      await expect.poll(() => first.page.locator('html').getAttribute('lang')).toBe('en');
      first.assertNoConsoleErrors();
    } finally {
      await first.close();
    }
    // A fresh browser (no language cookie) that prefers Chinese stays Chinese once signed in
    // (decision record 025): the saved preference is for Slack and e-mail only.
    const second = await newPage(browser(), { locale: 'zh-CN' });
    try {
      await signInAs(second.page, demo.partnerMember.email);
      await second.page.waitForURL('**/p');
      expect(await second.page.locator('html').getAttribute('lang')).toBe('zh-CN');
      // Switching here saves the preference back to Chinese (the shared demo account's default).
      await second.page.getByRole('button', { name: 'English' }).click();
      await expect.poll(() => second.page.locator('html').getAttribute('lang')).toBe('en');
      await second.page.getByRole('button', { name: '中文' }).click();
      await expect.poll(() => second.page.locator('html').getAttribute('lang')).toBe('zh-CN');
      second.assertNoConsoleErrors();
    } finally {
      await second.close();
    }
  });

  test('works on a 375px-wide phone screen', async () => {
    const { page, assertNoConsoleErrors, close } = await newPage(browser(), {
      viewport: { width: 375, height: 740 },
    });
    try {
      await signInAs(page, demo.partnerAdmin.email);
      await page.waitForURL('**/p');
      // The navigation sits behind the menu button, which opens it.
      const menu = page.locator('summary', { hasText: '菜单' });
      expect(await menu.isVisible()).toBe(true);
      expect(await page.getByRole('navigation', { name: '主导航' }).isVisible()).toBe(false);
      await menu.click();
      expect(await page.getByRole('navigation', { name: '主导航' }).isVisible()).toBe(true);
      // Nothing forces the page wider than the screen.
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      assertNoConsoleErrors();
    } finally {
      await close();
    }
  });
  test('header and period links navigate in place, mark the current page, and leave modified clicks to the browser', async () => {
    const { page, assertNoConsoleErrors, close } = await newPage(browser());
    try {
      await signInAs(page, demo.partnerAdmin.email);
      await page.waitForURL('**/p');
      const nav = page.getByRole('navigation', { name: '主导航' });
      expect(await nav.getByRole('link', { name: '首页' }).getAttribute('aria-current')).toBe('page');
      // A marker on the window survives only client-side navigation, not a page load.
      await page.evaluate(() => Object.assign(window, { outpostMarker: 'same document' }));
      const marker = () =>
        page.evaluate(() => (window as unknown as { outpostMarker?: string }).outpostMarker);

      await followNavLink(page, '绩效记分卡');
      await page.waitForURL('**/p/scorecard');
      await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('绩效记分卡');
      expect(
        await nav.getByRole('link', { name: '绩效记分卡', includeHidden: true }).getAttribute('aria-current'),
      ).toBe('page');
      expect(await nav.getByRole('link', { name: '首页' }).getAttribute('aria-current')).toBeNull();
      expect(await marker()).toBe('same document');

      const periods = page.getByRole('navigation', { name: '考核期间' });
      await periods.getByRole('link', { name: '年度' }).click();
      await page.waitForURL(/\/p\/scorecard\?period=\d{4}$/);
      await expect
        .poll(() => periods.getByRole('link', { name: '年度' }).getAttribute('aria-current'))
        .toBe('true');
      expect(await marker()).toBe('same document');
      await page.goBack();
      await page.waitForURL('**/p/scorecard');
      expect(await marker()).toBe('same document');

      // Ctrl+click opens a new tab, as on any link; this page stays where it is.
      const [tab] = await Promise.all([
        page.context().waitForEvent('page'),
        nav.getByRole('link', { name: '消息' }).click({ modifiers: ['ControlOrMeta'] }),
      ]);
      await tab.waitForLoadState();
      expect(new URL(tab.url()).pathname).toBe('/inbox');
      expect(new URL(page.url()).pathname).toBe('/p/scorecard');
      expect(await marker()).toBe('same document');
      assertNoConsoleErrors();
    } finally {
      await close();
    }
  });

  test('text that looks like markup in page data stays text, in the page and in the data it hydrates from', async () => {
    const { page, assertNoConsoleErrors, close } = await newPage(browser());
    try {
      await signInAs(page, demo.partnerAdmin.email);
      await page.waitForURL('**/p');
      const name = `</script><script>window.outpostInjected=1</script><!-- ${Date.now().toString(36)}`;
      await page.goto('/p/api-keys');
      await page.getByLabel('名称').fill(name);
      await page.getByRole('button', { name: '创建密钥' }).click();
      await expect.poll(() => page.getByRole('heading', { name, exact: true }).count()).toBe(1);
      // Rendered by the server, with the key's name in the loader data the browser hydrates from.
      await page.reload();
      expect(await page.getByRole('heading', { name, exact: true }).count()).toBe(1);
      expect(await page.evaluate(() => 'outpostInjected' in window)).toBe(false);
      // Hydrated: a client-side navigation still works after reading that data.
      await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '首页' }).click();
      await page.waitForURL('**/p');
      assertNoConsoleErrors();
    } finally {
      await close();
    }
  });
});
