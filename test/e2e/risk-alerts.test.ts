import { describe, expect, test } from 'vitest';
import { e2eEnabled, followNavLink, newPage, signInAs, useBrowser } from '../support/e2e-fixtures.ts';

const RISK_OFFICER = 'risk@outpost.test';
const HENGTAI = '恒泰保险销售服务有限公司';

describe.skipIf(!e2eEnabled)('risk alerts in the console', () => {
  const browser = useBrowser();

  test('the risk officer finds the overdue alert, cannot resolve it without a note, acknowledges it, and acknowledges another in bulk', async () => {
    const { page, expectConsoleError, assertNoConsoleErrors, close } = await newPage(browser());
    // The refused resolution answers 422, which the browser logs.
    expectConsoleError(/status of 422/);
    try {
      await signInAs(page, RISK_OFFICER);
      await page.request.post('/lang', { form: { locale: 'zh-CN', redirectTo: '/s' }, maxRedirects: 0 });
      await page.goto('/s');
      // The work queue lists the alerts nobody has acknowledged.
      expect(await page.getByRole('heading', { name: '待确认的风险预警' }).isVisible()).toBe(true);

      await followNavLink(page, '风险预警');
      await page.waitForURL('**/s/risk/alerts');
      const row = page.getByRole('row').filter({ hasText: HENGTAI }).filter({ hasText: '处理时效' });
      await expect.poll(() => row.getByText('已超期').isVisible()).toBe(true);
      expect(await row.locator('.ui-badge', { hasText: '严重' }).isVisible()).toBe(true);
      await row.getByRole('link').click();
      await page.waitForURL(/\/s\/risk\/alerts\/[0-9a-f-]{36}$/);
      await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toContain(HENGTAI);
      // The evidence links to the scorecard drill-down of the KPI.
      expect(await page.getByRole('link', { name: '查看计分卡明细' }).getAttribute('href')).toContain(
        'kpi=processing_timeliness',
      );

      // Resolving without a note is refused and changes nothing.
      await page.getByRole('button', { name: '解决', exact: true }).click();
      await expect.poll(() => page.getByText('处理说明：').first().isVisible()).toBe(true);
      expect(await page.locator('header .ui-badge', { hasText: '待响应' }).isVisible()).toBe(true);

      await page.getByRole('button', { name: '确认', exact: true }).click();
      await expect.poll(() => page.getByText('预警已确认。').isVisible()).toBe(true);
      await expect.poll(() => page.locator('header .ui-badge', { hasText: '已确认' }).isVisible()).toBe(true);
      const timeline = page.getByRole('region', { name: '时间线' });
      await expect.poll(() => timeline.getByText(/响应用时：[\d,]+ 分钟/).isVisible()).toBe(true);
      // The demo's shared alert also has comments by the same officer: look at the acknowledgement.
      const acknowledged = timeline.getByRole('listitem').filter({ hasText: /^确认 ·/ });
      expect(await acknowledged.getByText('孙立华').isVisible()).toBe(true);
      // Acknowledged: no longer offered.
      expect(await page.getByRole('button', { name: '确认', exact: true }).count()).toBe(0);

      // Back in the inbox, another open alert is acknowledged in bulk.
      await page.getByRole('link', { name: '全部预警' }).click();
      await page.waitForURL('**/s/risk/alerts');
      await page.getByRole('checkbox', { name: /^选择：合规率.*明诚保险公估有限公司$/ }).check();
      await page.getByRole('button', { name: '确认所选预警' }).click();
      await expect.poll(() => page.getByText('已确认 1 条预警。').isVisible()).toBe(true);
      const mingcheng = page
        .getByRole('row')
        .filter({ hasText: '明诚保险公估有限公司' })
        .filter({ hasText: '合规率' });
      await expect.poll(() => mingcheng.locator('.ui-badge', { hasText: '已确认' }).isVisible()).toBe(true);
      assertNoConsoleErrors();
    } finally {
      await close();
    }
  });
});
