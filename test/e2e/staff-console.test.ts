import { describe, expect, test } from 'vitest';
import { demo, e2eEnabled, followNavLink, newPage, signInAs, useBrowser } from '../support/e2e-fixtures.ts';

describe.skipIf(!e2eEnabled)('staff console', () => {
  const browser = useBrowser();

  test('a staff member signs in to the work queue, opens the partner list, searches and signs out', async () => {
    const { page, assertNoConsoleErrors, close } = await newPage(browser());
    try {
      await signInAs(page, demo.reviewer.email);
      await page.waitForURL('**/s');
      await expect.poll(() => page.getByRole('heading', { level: 1, name: '工作台' }).isVisible()).toBe(true);
      await followNavLink(page, '合作伙伴名录');
      await page.waitForURL('**/s/partners');
      await expect
        .poll(() => page.getByRole('heading', { level: 1, name: '合作伙伴' }).isVisible())
        .toBe(true);
      const table = page.getByRole('table', { name: '合作伙伴' });
      expect(await table.getByRole('link', { name: demo.partnerAdmin.partner }).isVisible()).toBe(true);
      expect(await table.getByRole('link', { name: demo.otherPartner.name }).isVisible()).toBe(true);
      // The current section is marked for assistive technology.
      expect(
        await page
          .getByRole('link', { name: '合作伙伴名录', exact: true, includeHidden: true })
          .getAttribute('aria-current'),
      ).toBe('page');

      // Search narrows the list to matching partners.
      await page.getByRole('searchbox', { name: '按名称或信用代码搜索' }).fill('信达');
      await page.getByRole('button', { name: '搜索' }).click();
      await page.waitForURL((url) => url.searchParams.get('q') === '信达');
      await expect.poll(() => table.getByRole('link', { name: demo.partnerAdmin.partner }).count()).toBe(0);
      expect(await table.getByRole('link', { name: demo.otherPartner.name }).isVisible()).toBe(true);

      // A search that matches nothing says so instead of showing an empty table.
      await page.getByRole('searchbox', { name: '按名称或信用代码搜索' }).fill('不存在的公司');
      await page.getByRole('button', { name: '搜索' }).click();
      await expect.poll(() => page.getByText('没有符合条件的合作伙伴。').isVisible()).toBe(true);
      expect(await page.getByRole('table').count()).toBe(0);

      // A partner's page opens from the list.
      await page.getByRole('link', { name: '清除筛选' }).click();
      await page.getByRole('link', { name: demo.otherPartner.name }).click();
      await expect
        .poll(() => page.getByRole('heading', { level: 1 }).textContent())
        .toBe(demo.otherPartner.name);

      await page.getByRole('button', { name: '退出登录' }).click();
      await page.waitForURL('**/sign-in');
      assertNoConsoleErrors();
    } finally {
      await close();
    }
  });

  test('the inbox shows notifications in the reader’s language and marks them read', async () => {
    const { page, assertNoConsoleErrors, close } = await newPage(browser());
    try {
      // Seeding admitted eleven partners and notified admins of each; other tests on this
      // shared server may have added more, so the count is read rather than assumed.
      await signInAs(page, demo.admin.email);
      await page.waitForURL('**/s');
      const inboxLink = page.getByRole('link', { name: /^消息/ });
      await expect.poll(() => inboxLink.isVisible()).toBe(true);
      // What a screen reader hears ("N 条未读"); the visible badge repeats the number.
      const unreadText = inboxLink.locator('.visually-hidden');
      const unread = Number((await unreadText.textContent())?.match(/^(\d+) 条未读$/)?.[1]);
      expect(unread).toBeGreaterThanOrEqual(2);
      await inboxLink.click();
      await page.waitForURL('**/inbox');
      await expect.poll(() => page.getByRole('heading', { level: 1, name: '消息' }).isVisible()).toBe(true);
      // The demo's partners were admitted by the committee; administrators were told, in Chinese.
      expect(
        await page
          .getByText(/^审批委员会已批准 .+（同意 \d+，反对 \d+，弃权 \d+）。$/)
          .first()
          .isVisible(),
      ).toBe(true);

      await page.getByRole('button', { name: '标为已读', exact: true }).first().click();
      // The unread count in the header drops by one (the page itself lists at most 20).
      await expect.poll(() => unreadText.textContent()).toBe(`${unread - 1} 条未读`);

      await page.getByRole('button', { name: '全部标为已读' }).click();
      await expect.poll(() => page.getByRole('button', { name: '标为已读', exact: true }).count()).toBe(0);
      expect(await inboxLink.textContent()).toBe('消息');
      assertNoConsoleErrors();
    } finally {
      await close();
    }
  });
});
