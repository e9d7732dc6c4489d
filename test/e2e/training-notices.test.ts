import { addDays, todayInChina } from '@outpost/i18n';
import { describe, expect, test } from 'vitest';
import { demo, e2eEnabled, followNavLink, newPage, signInAs, useBrowser } from '../support/e2e-fixtures.ts';

const title = `数据安全新规（浏览器测试 ${Date.now().toString(36)}）`;

describe.skipIf(!e2eEnabled)('policy notices', () => {
  const browser = useBrowser();

  test('staff publish a notice to 华安; its member sees it unread first and confirms it; staff withdraw it again', async () => {
    const staff = await newPage(browser());
    const member = await newPage(browser());
    let noticeUrl = '';
    try {
      // Staff publish, after being told which field is missing.
      staff.expectConsoleError(/status of 422/);
      await signInAs(staff.page, demo.admin.email);
      await staff.page.request.post('/lang', {
        form: { locale: 'zh-CN', redirectTo: '/s' },
        maxRedirects: 0,
      });
      await staff.page.goto('/s/training/notices');
      await staff.page.getByRole('link', { name: '新建通知' }).click();
      await staff.page.waitForURL('**/s/training/notices/new');
      const form = staff.page;
      await form.getByLabel('标题（中文）', { exact: true }).fill(title);
      await form.getByLabel('正文（中文，Markdown）', { exact: true }).fill('客户数据**不得**离开境内。');
      await form
        .getByLabel('正文（英文，Markdown）', { exact: true })
        .fill('Customer data **must not** leave the country.');
      await form.getByLabel('合作方', { exact: true }).selectOption({ label: demo.partnerAdmin.partner });
      await form.getByLabel('每人须确认已阅读并将遵守').check();
      await form.getByRole('button', { name: '发布通知' }).click();
      await expect
        .poll(() => form.locator('.ui-field__error').filter({ hasText: '标题（英文）' }).first().isVisible())
        .toBe(true);
      expect(await form.locator('.ui-field__error').filter({ hasText: '确认截止日期' }).count()).toBe(1);

      await form.getByLabel('标题（中文）', { exact: true }).fill(title);
      await form.getByLabel('标题（英文）', { exact: true }).fill('New data-security rule (browser test)');
      await form.getByLabel('正文（中文，Markdown）', { exact: true }).fill('客户数据**不得**离开境内。');
      await form
        .getByLabel('正文（英文，Markdown）', { exact: true })
        .fill('Customer data **must not** leave the country.');
      await form.getByLabel('合作方', { exact: true }).selectOption({ label: demo.partnerAdmin.partner });
      await form.getByLabel('每人须确认已阅读并将遵守').check();
      await form.getByLabel('确认截止日期', { exact: true }).fill(addDays(todayInChina(), 7));
      await form.getByRole('button', { name: '发布通知' }).click();
      await form.waitForURL('**/s/training/notices/*?published=1');
      noticeUrl = new URL(form.url()).pathname;
      await expect.poll(() => form.getByText('通知已发布。').isVisible()).toBe(true);

      // The member's notices open on the unread ones, newest first: this one.
      await signInAs(member.page, demo.partnerMember.email);
      await member.page.request.post('/lang', {
        form: { locale: 'zh-CN', redirectTo: '/p' },
        maxRedirects: 0,
      });
      await member.page.goto('/p');
      await followNavLink(member.page, '通知');
      await member.page.waitForURL('**/p/training/notices');
      const items = member.page.getByRole('list', { name: '通知' }).getByRole('listitem');
      await expect.poll(() => items.first().getByRole('heading').textContent()).toBe(title);
      expect(await items.first().textContent()).toContain('未读');

      await items.first().getByRole('link', { name: title }).click();
      await expect.poll(() => member.page.getByRole('heading', { level: 1 }).textContent()).toBe(title);
      expect(await member.page.locator('article strong').textContent()).toBe('不得');
      await member.page.getByRole('button', { name: '我已阅读本通知并将遵守' }).click();
      await expect
        .poll(() => member.page.getByRole('status').filter({ hasText: '您的确认已记录' }).isVisible())
        .toBe(true);

      // Back on the list it is read and confirmed, after the notices still unread.
      await member.page.getByRole('link', { name: '返回通知列表' }).click();
      await member.page.waitForURL('**/p/training/notices');
      const mine = items.filter({ hasText: title });
      await expect.poll(() => mine.textContent()).toMatch(/已于 .+ 确认/);
      expect(await mine.textContent()).toContain('已读');
      const texts = await items.allTextContents();
      const at = texts.findIndex((t) => t.includes(title));
      expect(texts.slice(0, at).every((t) => t.includes('未读'))).toBe(true);

      // Staff see the confirmation on the notice's page.
      await staff.page.goto(noticeUrl);
      const row = staff.page.getByRole('row', { name: new RegExp(demo.partnerAdmin.partner) });
      // Cells after the partner's name: people reached, read, confirmed, rate — the member's one confirmation.
      await expect.poll(() => row.getByRole('cell').nth(2).textContent()).toBe('1');
    } finally {
      // The demo is shared: withdraw the notice so it is in no one's list and counts nowhere.
      if (noticeUrl) {
        await staff.page.goto(noticeUrl);
        await staff.page.getByRole('button', { name: '撤回通知' }).click();
        await expect.poll(() => staff.page.getByText('通知已撤回。').isVisible()).toBe(true);
      }
      await member.close();
      await staff.close();
    }
  });
});
