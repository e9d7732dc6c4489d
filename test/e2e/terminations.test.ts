import { addDays, todayInChina } from '@outpost/i18n';
import { describe, expect, test } from 'vitest';
import { e2eEnabled, newPage, signInAs, useBrowser } from '../support/e2e-fixtures.ts';

const RISK_OFFICER = 'risk@outpost.test';
// The demo's termination approvers (seed/terminations.ts).
const APPROVERS = ['committee1@outpost.test', 'admin@outpost.test'];
// Not a showcase partner: no other browser test relies on its status.
const JINDUN = '金盾风险管理有限公司';
const JINDUN_ADMIN = 'admin@jindun-risk.test';
const REASON = '金盾风险管理多次数据泄露，依约解除合作。';

describe.skipIf(!e2eEnabled)('a termination case from opening to approval', () => {
  const browser = useBrowser();

  test('staff open a case for cause, both approvers approve in the console, the partner sees its exit tasks', async () => {
    const staff = await newPage(browser());
    const partner = await newPage(browser());
    try {
      const { page } = staff;
      await signInAs(page, RISK_OFFICER);
      await page.goto('/s/terminations');
      await expect
        .poll(() => page.getByRole('heading', { name: '退出案件', level: 1 }).isVisible())
        .toBe(true);
      // The demo's case is listed with its department and responsible person.
      await expect
        .poll(() => page.getByRole('row').filter({ hasText: '华信承保服务有限公司' }).isVisible())
        .toBe(true);

      const form = page.getByRole('region', { name: '发起退出案件' });
      await form.getByLabel('合作机构', { exact: true }).selectOption({ label: JINDUN });
      await form.getByLabel('来源', { exact: true }).selectOption('non_renewal');
      await form.getByLabel('类型', { exact: true }).selectOption('for_cause');
      await form.getByLabel('原因', { exact: true }).fill(REASON);
      await form.getByLabel('生效日期', { exact: true }).fill(addDays(todayInChina(), 20));
      await form.getByLabel('部门', { exact: true }).selectOption({ index: 1 });
      await form.getByRole('button', { name: '发起退出案件' }).click();
      await page.waitForURL(/\/s\/terminations\/[0-9a-f-]{36}$/);
      const caseUrl = page.url();
      await expect.poll(() => page.getByText(REASON).isVisible()).toBe(true);
      await expect.poll(() => page.getByText('审批中').first().isVisible()).toBe(true);

      for (const email of APPROVERS) {
        await page.context().clearCookies();
        await signInAs(page, email);
        await page.goto(caseUrl);
        await page.getByRole('button', { name: '批准', exact: true }).click();
        await expect.poll(() => page.getByText('已保存。').isVisible()).toBe(true);
      }
      await page.reload();
      await expect.poll(() => page.getByText('退出进行中').first().isVisible()).toBe(true);
      await expect.poll(() => page.getByRole('heading', { name: '完成最终结算' }).isVisible()).toBe(true);

      // The partner's administrator sees the case and its own tasks only.
      await signInAs(partner.page, JINDUN_ADMIN);
      await partner.page.goto('/p/termination');
      await expect.poll(() => partner.page.getByText(REASON).isVisible()).toBe(true);
      await expect
        .poll(() => partner.page.getByRole('heading', { name: '返还或销毁数据并上传销毁证明' }).isVisible())
        .toBe(true);
      expect(await partner.page.getByRole('heading', { name: '完成最终结算' }).count()).toBe(0);
    } finally {
      await staff.close();
      await partner.close();
    }
  });
});
