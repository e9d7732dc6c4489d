import { describe, expect, test } from 'vitest';
import { demo, e2eEnabled, followNavLink, newPage, signInAs, useBrowser } from '../support/e2e-fixtures.ts';

/** The law course of the demo (apps/server/src/seed-training.ts), untried by the demo member. */
const course = '保险法与销售行为规范（2026 年版）';

describe.skipIf(!e2eEnabled)('training', () => {
  const browser = useBrowser();

  test('a partner member fails an assessment, retries, passes, downloads the certificate and it verifies', async () => {
    const member = await newPage(browser());
    try {
      const { page } = member;
      await signInAs(page, demo.partnerMember.email);
      // Another file leaves this shared account's saved language English; this test reads Chinese.
      await page.request.post('/lang', { form: { locale: 'zh-CN', redirectTo: '/p' }, maxRedirects: 0 });
      await page.goto('/p');
      await followNavLink(page, '培训');
      await page.waitForURL('**/p/training');
      const total = page.getByRole('progressbar', { name: /^全部类别/ });
      const before = Number(await total.getAttribute('value'));

      await page.getByRole('link', { name: course }).click();
      await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe(course);
      // The answers are not in the page: only the options.
      expect(await page.content()).not.toContain('"correct"');

      // First attempt: one question answered wrong.
      await page
        .getByRole('group', { name: /^第 1 题/ })
        .getByLabel('否')
        .check();
      await page
        .getByRole('group', { name: /^第 2 题/ })
        .getByLabel('夸大保险产品收益')
        .check();
      await page
        .getByRole('group', { name: /^第 2 题/ })
        .getByLabel('隐瞒免责条款')
        .check();
      await page
        .getByRole('group', { name: /^第 3 题/ })
        .getByLabel('退还全部保费（扣除少量工本费）')
        .check();
      await page.getByRole('button', { name: '提交答案' }).click();
      await expect
        .poll(() => page.getByRole('status').filter({ hasText: '得分' }).first().textContent())
        .toMatch(/得分 66%，未达及格线 80%。还剩 2 次机会。答错的题目：第 1 题/);

      // Second attempt: all right.
      await expect.poll(() => page.getByText('第 2 次 / 共 3 次机会').isVisible()).toBe(true);
      await page
        .getByRole('group', { name: /^第 1 题/ })
        .getByLabel('是')
        .check();
      await page
        .getByRole('group', { name: /^第 2 题/ })
        .getByLabel('夸大保险产品收益')
        .check();
      await page
        .getByRole('group', { name: /^第 2 题/ })
        .getByLabel('隐瞒免责条款')
        .check();
      await page
        .getByRole('group', { name: /^第 3 题/ })
        .getByLabel('退还全部保费（扣除少量工本费）')
        .check();
      await page.getByRole('button', { name: '提交答案' }).click();
      await expect
        .poll(() => page.getByRole('status').filter({ hasText: '得分' }).first().textContent())
        .toContain('考试通过，得分 100%');

      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('link', { name: '下载培训证书（PDF）' }).click(),
      ]);
      const file = await download.path();
      const { readFile } = await import('node:fs/promises');
      const bytes = await readFile(file);
      expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
      const code = (await page.locator('code').first().textContent()) ?? '';
      expect(code).toMatch(/^[A-Z2-7]{4}-[A-Z2-7]{4}-[A-Z2-7]{4}$/);

      // The hours bar moved by the course's 6 hours (360 minutes).
      await followNavLink(page, '培训');
      await page.waitForURL('**/p/training');
      expect(Number(await page.getByRole('progressbar', { name: /^全部类别/ }).getAttribute('value'))).toBe(
        before + 360,
      );

      // The organisation's scorecard counts training like every other KPI.
      await followNavLink(page, '绩效记分卡');
      await page.waitForURL('**/p/scorecard**');
      const row = page.getByRole('row', { name: /培训达标率/ }).first();
      await expect.poll(() => row.isVisible()).toBe(true);
      expect(await row.textContent()).not.toContain('暂无数据');

      // Anyone can check the certificate, and sees only holder, course, date and hours.
      const visitor = await newPage(browser());
      try {
        await visitor.page.goto(`/verify/${code}`);
        await expect.poll(() => visitor.page.getByText('该证书真实有效。').isVisible()).toBe(true);
        expect(await visitor.page.locator('dl').textContent()).toContain(course);
        await visitor.page.goto('/verify/AAAA-BBBB-CCCC');
        await expect.poll(() => visitor.page.getByText('没有该验证码对应的证书。').isVisible()).toBe(true);
      } finally {
        await visitor.close();
      }
    } finally {
      await member.close();
    }
  });
});

describe.skipIf(!e2eEnabled)('training roster', () => {
  const browser = useBrowser();

  test('a partner administrator adds a person, sees the number masked, and is told what to fix', async () => {
    const admin = await newPage(browser());
    try {
      const { page } = admin;
      admin.expectConsoleError(/status of 422/);
      await signInAs(page, demo.partnerAdmin.email);
      await page.request.post('/lang', { form: { locale: 'zh-CN', redirectTo: '/p' }, maxRedirects: 0 });
      await page.goto('/p/training');
      await page.getByRole('link', { name: '培训人员名册' }).click();
      await page.waitForURL('**/p/training/people');

      // A bad number and no start date: each field says what to fix, nothing is added.
      await page.getByLabel('姓名', { exact: true }).fill('陈新员');
      await page.getByLabel('证件号或工号', { exact: true }).fill('a b');
      await page.getByLabel('岗位', { exact: true }).fill('坐席代表');
      await page.getByRole('button', { name: '加入名册' }).click();
      await expect
        .poll(() => page.getByText('请填写 4–40 位字母、数字或连字符组成的证件号或工号。').isVisible())
        .toBe(true);
      expect(await page.getByText('请按日期格式（YYYY-MM-DD）填写入职日期。').isVisible()).toBe(true);

      await page.getByLabel('证件号或工号', { exact: true }).fill('110101199001011234');
      await page.getByLabel('入职日期', { exact: true }).fill('2026-03-02');
      await page.getByRole('button', { name: '加入名册' }).click();
      await expect.poll(() => page.getByText('陈新员 已加入名册。').isVisible()).toBe(true);
      const row = page.getByRole('row', { name: /陈新员/ });
      expect(await row.textContent()).toContain('11••••••••••••••34');
      expect(await page.content()).not.toContain('110101199001011234');
    } finally {
      await admin.close();
    }
  });
});
