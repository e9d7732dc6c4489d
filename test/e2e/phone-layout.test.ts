import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { demo, e2eEnabled, newPage, signInAs, useBrowser } from '../support/e2e-fixtures.ts';

const phone = { width: 390, height: 844 };

/** The top edge of each top-level navigation item and of the tools (language, sign-out). */
const rowTops = (page: Page) =>
  page.evaluate(() =>
    [...document.querySelectorAll('.main-nav__list > li, .site-header__tools')].map(
      (e) => e.getBoundingClientRect().top,
    ),
  );
const headerHeight = (page: Page) =>
  page.locator('header.site-header').evaluate((e) => e.getBoundingClientRect().height);
const focusedText = (page: Page) => page.evaluate(() => document.activeElement?.textContent?.trim() ?? '');

/** Puts a shared demo account back to Chinese, the language the other test files expect. */
async function backToChinese(page: Page) {
  await page.request.post('/lang', { form: { locale: 'zh-CN', redirectTo: '/' }, maxRedirects: 0 });
}

describe.skipIf(!e2eEnabled)('header and tables on a laptop and a phone', () => {
  const browser = useBrowser();

  test('at 1280px the header is one row in both languages, for staff and partners', async () => {
    for (const email of [demo.admin.email, demo.partnerAdmin.email]) {
      const { page, assertNoConsoleErrors, close } = await newPage(browser());
      try {
        await signInAs(page, email);
        for (const language of ['中文', 'English']) {
          await page.getByRole('button', { name: language }).click();
          await expect
            .poll(() => page.getByRole('button', { name: language }).getAttribute('aria-pressed'))
            .toBe('true');
          const tops = await rowTops(page);
          expect(tops.length).toBeGreaterThanOrEqual(6);
          // Every item starts on the first row (within a few pixels of the others).
          const spread = Math.max(...tops) - Math.min(...tops);
          expect({ email, language, oneRow: spread <= 4 }).toEqual({ email, language, oneRow: true });
          expect(await headerHeight(page)).toBeLessThan(72);
          expect(await page.getByRole('button', { name: /^(退出登录|Sign out)$/ }).isVisible()).toBe(true);
          // …and that row fits the window: the partner header once ran to 1,737px in English,
          // the language switch and sign-out off the screen (demo audit).
          const signOutRight = await page
            .getByRole('button', { name: /^(退出登录|Sign out)$/ })
            .evaluate((e) => e.getBoundingClientRect().right);
          expect({ email, language, signOutRight: signOutRight <= 1280 }).toEqual({
            email,
            language,
            signOutRight: true,
          });
          expect(
            await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth),
          ).toBeLessThanOrEqual(0);
        }
        assertNoConsoleErrors();
      } finally {
        await backToChinese(page);
        await close();
      }
    }
  });

  test('a drop-down of the staff navigation works from the keyboard and marks the current page', async () => {
    const { page, assertNoConsoleErrors, close } = await newPage(browser());
    try {
      await signInAs(page, demo.admin.email);
      await page.waitForURL('**/s');
      const nav = page.getByRole('navigation', { name: '主导航' });
      const performance = nav.locator('summary', { hasText: '绩效' });
      const kpis = nav.getByRole('link', { name: '考核指标', exact: true });
      expect(await kpis.isVisible()).toBe(false);

      await performance.focus();
      await page.keyboard.press('Enter');
      await expect.poll(() => performance.getAttribute('aria-expanded')).toBe('true');
      expect(await kpis.isVisible()).toBe(true);
      // Escape closes it and gives the focus back to its button.
      await page.keyboard.press('Escape');
      await expect.poll(() => performance.getAttribute('aria-expanded')).toBe('false');
      expect(await kpis.isVisible()).toBe(false);
      expect(await focusedText(page)).toBe('绩效');

      // Opening another group closes this one.
      await page.keyboard.press('Enter');
      const partners = nav.locator('summary', { hasText: '合作伙伴' });
      await partners.click();
      await expect.poll(() => performance.getAttribute('aria-expanded')).toBe('false');
      expect(await partners.getAttribute('aria-expanded')).toBe('true');

      // Tab from the button into its links, Enter follows one; the page is then marked current.
      await performance.focus();
      await page.keyboard.press('Enter');
      while ((await focusedText(page)) !== '考核指标') await page.keyboard.press('Tab');
      await page.keyboard.press('Enter');
      await page.waitForURL('**/s/kpis');
      await expect.poll(() => performance.getAttribute('aria-expanded')).toBe('false');
      expect(
        await nav
          .getByRole('link', { name: '考核指标', exact: true, includeHidden: true })
          .getAttribute('aria-current'),
      ).toBe('page');
      expect(await page.locator('.nav-group--active').textContent()).toContain('绩效');
      assertNoConsoleErrors();
    } finally {
      await close();
    }
  });

  test('on a 390px phone the header is one short row and its menu works from the keyboard', async () => {
    const { page, assertNoConsoleErrors, close } = await newPage(browser(), { viewport: phone });
    try {
      await signInAs(page, demo.reviewer.email);
      await page.waitForURL('**/s');
      const header = await headerHeight(page);
      expect(header).toBeLessThanOrEqual(phone.height * 0.15);
      const nav = page.getByRole('navigation', { name: '主导航' });
      const menu = page.locator('summary', { hasText: '菜单' });
      expect(await nav.isVisible()).toBe(false);
      expect(await menu.isVisible()).toBe(true);

      // Open with the keyboard; the focus moves on into the menu's links, in order.
      await menu.focus();
      await page.keyboard.press('Enter');
      await expect.poll(() => menu.getAttribute('aria-expanded')).toBe('true');
      expect(await nav.isVisible()).toBe(true);
      await page.keyboard.press('Tab');
      expect(await focusedText(page)).toBe('工作台');
      // Every page is one tap away: the groups are listed open, under their names.
      expect(await nav.getByRole('link', { name: '考核指标', exact: true }).isVisible()).toBe(true);
      expect(await page.getByRole('button', { name: '退出登录' }).isVisible()).toBe(true);

      while ((await focusedText(page)) !== '考核指标') await page.keyboard.press('Tab');
      await page.keyboard.press('Enter');
      await page.waitForURL('**/s/kpis');
      // The menu closed behind the navigation, and the header is still small.
      await expect.poll(() => nav.isVisible()).toBe(false);
      expect(await headerHeight(page)).toBe(header);

      await menu.focus();
      await page.keyboard.press('Enter');
      expect(
        await nav.getByRole('link', { name: '考核指标', exact: true }).getAttribute('aria-current'),
      ).toBe('page');
      await page.keyboard.press('Escape');
      await expect.poll(() => nav.isVisible()).toBe(false);
      expect(await focusedText(page)).toMatch(/^菜单/);
      // Nothing forces the page wider than the screen.
      expect(
        await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth),
      ).toBeLessThanOrEqual(0);
      assertNoConsoleErrors();
    } finally {
      await close();
    }
  });

  test('/s/kpis on a phone: names keep their words together and the table scrolls in its labelled region', async () => {
    const { page, assertNoConsoleErrors, close } = await newPage(browser(), { viewport: phone });
    try {
      await signInAs(page, demo.admin.email);
      await page.goto('/s/kpis');
      const region = page.getByRole('region', { name: '考核指标定义' });
      await region.waitFor();
      // Each KPI name's characters per line, measured from the rendered text (Range rects).
      const lines = await region.locator('tbody th').evaluateAll((cells) =>
        cells.map((cell) => {
          const text = [...cell.childNodes].find(
            (n) => n.nodeType === Node.TEXT_NODE && n.textContent?.trim(),
          );
          const name = text?.textContent?.trim() ?? '';
          const tops = new Map<number, number>();
          const range = document.createRange();
          for (let i = 0; i < (text?.textContent?.length ?? 0); i++) {
            if (!text?.textContent?.[i]?.trim()) continue;
            range.setStart(text, i);
            range.setEnd(text, i + 1);
            const top = Math.round(range.getBoundingClientRect().top);
            tops.set(top, (tops.get(top) ?? 0) + 1);
          }
          return { name, lines: tops.size };
        }),
      );
      expect(lines.length).toBeGreaterThanOrEqual(4);
      for (const line of lines) {
        // Defect 7: "客户满意度" used to stand one character per line.
        expect(line).toEqual({ name: line.name, lines: 1 });
      }
      // The column headings stay on one line too.
      const headings = await region
        .locator('thead th')
        .evaluateAll((cells) => cells.map((c) => Math.round(c.getBoundingClientRect().height)));
      expect(Math.max(...headings) - Math.min(...headings)).toBeLessThanOrEqual(1);

      // The table is wider than the phone: it scrolls inside the region, with a hint, by keyboard too.
      const hint = page.getByText('表格比屏幕宽，可左右滑动查看全部列。');
      expect(await hint.isVisible()).toBe(true);
      expect(await region.getAttribute('tabindex')).toBe('0');
      expect(await region.evaluate((e) => e.scrollWidth > e.clientWidth)).toBe(true);
      await region.focus();
      await page.keyboard.press('ArrowRight');
      await expect.poll(() => region.evaluate((e) => e.scrollLeft)).toBeGreaterThan(0);
      expect(
        await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth),
      ).toBeLessThanOrEqual(0);

      // On a laptop the table fits, and the hint is gone.
      await page.setViewportSize({ width: 1280, height: 800 });
      await expect.poll(() => hint.isVisible()).toBe(false);
      assertNoConsoleErrors();
    } finally {
      await close();
    }
  });

  test('/s/register on a phone: the page hydrates and its table scrolls in its labelled region', async () => {
    const { page, assertNoConsoleErrors, close } = await newPage(browser(), { viewport: phone });
    try {
      await signInAs(page, demo.admin.email);
      await page.goto('/s/register');
      // The page's bundle used to take the database package with it and threw in the browser
      // (AsyncLocalStorage is not a constructor): assertNoConsoleErrors below catches that.
      const region = page.getByRole('region', { name: '外包登记册' });
      await region.waitFor();
      expect(await region.locator('tbody tr').count()).toBeGreaterThan(0);
      expect(await region.evaluate((e) => e.scrollWidth > e.clientWidth)).toBe(true);
      // End dates as a Chinese reader writes them, not 2027-01-31.
      const endDates = await region.locator('tbody td:nth-child(5)').allTextContents();
      for (const day of endDates) expect(day).toMatch(/^\d{4}年\d{1,2}月\d{1,2}日$/);
      expect(
        await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth),
      ).toBeLessThanOrEqual(0);
      assertNoConsoleErrors();
    } finally {
      await close();
    }
  });
});
