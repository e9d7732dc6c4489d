import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { demo, e2eEnabled, followNavLink, newPage, signInAs, useBrowser } from '../support/e2e-fixtures.ts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const pdf = path.join(repoRoot, 'packages/core/test/fixtures/licence.pdf');

/** Yesterday in China (YYYY-MM-DD): a training date that is never in the future. */
const yesterday = () => new Date(Date.now() + 8 * 3600_000 - 86_400_000).toISOString().slice(0, 10);

describe.skipIf(!e2eEnabled)('training for staff', () => {
  const browser = useBrowser();

  test('staff write and assign a course; a partner member uploads external training and staff accept it', async () => {
    const stamp = Date.now().toString(36);
    const titleZh = `数据安全基础 ${stamp}`;
    const external = `外部反欺诈培训 ${stamp}`;
    const staff = await newPage(browser());
    const member = await newPage(browser());
    try {
      const { page } = staff;
      await signInAs(page, demo.admin.email);
      await page.request.post('/lang', { form: { locale: 'zh-CN', redirectTo: '/s' }, maxRedirects: 0 });
      await page.goto('/s');
      await followNavLink(page, '培训课程');
      await page.waitForURL('**/s/training/courses');
      await page.getByRole('link', { name: '新建课程' }).click();
      await page.waitForURL('**/s/training/courses/new');

      // Publishing with nothing filled in names each field that needs attention.
      await page.getByRole('button', { name: '创建并发布第 1 版' }).click();
      await expect.poll(() => page.getByText('标题（中文）：请填写 1–200 个字符。').isVisible()).toBe(true);
      expect(await page.getByText('考试题目：请至少添加一道题。').isVisible()).toBe(true);

      await page.getByLabel('类别', { exact: true }).selectOption('information_security');
      await page.getByLabel('标题（中文）', { exact: true }).fill(titleZh);
      await page.getByLabel('标题（英文）', { exact: true }).fill(`Data security basics ${stamp}`);
      await page.getByLabel('内容（中文，Markdown）', { exact: true }).fill('## 第一章\n\n密码不得外借。');
      await page
        .getByLabel('内容（英文，Markdown）', { exact: true })
        .fill('## Chapter 1\n\nNever lend a password.');
      await page.getByLabel('学时', { exact: true }).fill('1.5');
      const question = page.getByRole('group', { name: /^第 1 题/ });
      await question.getByLabel('题干（中文）', { exact: true }).fill('可以把密码告诉同事吗？');
      await question
        .getByLabel('题干（英文）', { exact: true })
        .fill('May you tell a colleague your password?');
      await question.getByLabel('选项 1（中文）', { exact: true }).fill('不可以');
      await question.getByLabel('选项 1（英文）', { exact: true }).fill('No');
      await question.getByLabel('选项 2（中文）', { exact: true }).fill('可以');
      await question.getByLabel('选项 2（英文）', { exact: true }).fill('Yes');
      await question.getByLabel('选项 1 为正确答案', { exact: true }).check();
      await page.getByRole('button', { name: '创建并发布第 1 版' }).click();
      await page.waitForURL(/\/s\/training\/courses\/[0-9a-f-]{36}\?published=1$/);
      await expect.poll(() => page.getByText('第 1 版已发布。').isVisible()).toBe(true);
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(titleZh);

      // Assign it to the demo partner with a due date.
      const assign = page.getByRole('form', { name: '分配课程' });
      await assign.getByLabel('合作伙伴', { exact: true }).selectOption({ label: demo.partnerAdmin.partner });
      await assign.getByLabel('截止日期', { exact: true }).fill('2030-06-30');
      await assign.getByRole('button', { name: '分配', exact: true }).click();
      await expect.poll(() => page.getByText('课程已分配。').isVisible()).toBe(true);
      await expect
        .poll(() => page.getByText(`合作伙伴：${demo.partnerAdmin.partner}`, { exact: true }).count())
        .toBe(1);

      // The partner member uploads a certificate of training done elsewhere.
      await signInAs(member.page, demo.partnerMember.email);
      await member.page.request.post('/lang', {
        form: { locale: 'zh-CN', redirectTo: '/p' },
        maxRedirects: 0,
      });
      await member.page.goto('/p/training');
      await member.page.getByRole('link', { name: '外部培训证明' }).click();
      await member.page.waitForURL('**/p/training/external');
      await member.page.getByLabel('培训名称', { exact: true }).fill(external);
      await member.page.getByLabel('培训机构', { exact: true }).fill('上海市保险同业公会');
      await member.page.getByLabel('培训日期', { exact: true }).fill(yesterday());
      await member.page.getByLabel('学时', { exact: true }).fill('2');
      await member.page.getByLabel('类别', { exact: true }).selectOption('risk_compliance');
      await member.page.getByLabel('证明文件（PDF、PNG 或 JPEG）', { exact: true }).setInputFiles(pdf);
      await member.page.getByRole('button', { name: '上传并提交审核' }).click();
      await expect.poll(() => member.page.getByText('已上传，等待保险公司审核。').isVisible()).toBe(true);
      const row = member.page.getByRole('row', { name: new RegExp(external) });
      await expect.poll(() => row.getByText('待审核').isVisible()).toBe(true);

      // Staff accept it from the queue.
      await page.goto('/s/training/external');
      const card = page
        .locator('li.card')
        .filter({ has: page.getByRole('heading', { level: 2, name: external }) });
      await card.getByRole('button', { name: '通过', exact: true }).click();
      await expect.poll(() => page.getByText('已通过，学时已记录。').isVisible()).toBe(true);
      await expect.poll(() => page.getByRole('heading', { level: 2, name: external }).count()).toBe(0);

      await member.page.reload();
      await expect
        .poll(() =>
          member.page
            .getByRole('row', { name: new RegExp(external) })
            .getByText('已通过')
            .isVisible(),
        )
        .toBe(true);
    } finally {
      await staff.close();
      await member.close();
    }
  });
});
