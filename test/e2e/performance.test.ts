import { todayInChina } from '@outpost/i18n';
import { beforeAll, describe, expect, test } from 'vitest';
import {
  baseUrl,
  demo,
  e2eEnabled,
  followNavLink,
  newPage,
  sessionCookieFor,
  signInAs,
  useBrowser,
} from '../support/e2e-fixtures.ts';

const run = Date.now().toString(36);
const hoursAgo = (h: number) => new Date(Date.now() - h * 3_600_000).toISOString();

/**
 * The demo partner's system sends events through the real API: its admin creates an
 * events key, then posts a batch for this quarter and one for a quarter ago (for the trend).
 */
async function seedEvents(): Promise<void> {
  const cookie = await sessionCookieFor(demo.partnerAdmin.email);
  const created = await fetch(`${baseUrl}/api/v1/api-keys`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Cookie: cookie },
    body: JSON.stringify({ name: `e2e performance ${run}`, scopes: ['events'] }),
  });
  expect(created.status).toBe(201);
  const { key } = (await created.json()) as { key: string };
  const batch = (suffix: string, hours: number) => [
    {
      externalId: `e2e-${run}-${suffix}-r1`,
      type: 'customer_rating',
      occurredAt: hoursAgo(hours),
      rating: 5,
    },
    {
      externalId: `e2e-${run}-${suffix}-r2`,
      type: 'customer_rating',
      occurredAt: hoursAgo(hours),
      rating: 4,
    },
    {
      externalId: `e2e-${run}-${suffix}-c1`,
      type: 'case_closed',
      occurredAt: hoursAgo(hours),
      caseId: `CASE-${suffix}`,
      slaDueAt: hoursAgo(hours - 24),
      amount: 10000,
    },
    {
      externalId: `e2e-${run}-${suffix}-k1`,
      type: 'compliance_check',
      occurredAt: hoursAgo(hours),
      passed: true,
    },
  ];
  for (const events of [batch('now', 1), batch('before', 24 * 95)]) {
    const sent = await fetch(`${baseUrl}/api/v1/events`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${key}` },
      body: JSON.stringify({ events }),
    });
    expect(sent.status).toBe(200);
    expect(((await sent.json()) as { accepted: number }).accepted).toBe(4);
  }
}

describe.skipIf(!e2eEnabled)('performance scorecards and event import', () => {
  const browser = useBrowser();
  beforeAll(async () => {
    if (e2eEnabled) await seedEvents();
  });

  test('the partner sees its scorecard with KPI statuses in words and an accessible trend chart', async () => {
    const { page, assertNoConsoleErrors, close } = await newPage(browser());
    try {
      await signInAs(page, demo.partnerAdmin.email);
      await page.waitForURL('**/p');
      await followNavLink(page, '绩效记分卡');
      await page.waitForURL('**/p/scorecard');
      await expect
        .poll(() => page.getByRole('heading', { level: 1, name: '绩效记分卡' }).isVisible())
        .toBe(true);
      // The status is said in words, not only coloured (scorecard-status.test.ts checks which word).
      const kpis = page.getByRole('region', { name: '考核指标' });
      const satisfaction = kpis.getByRole('row', { name: /客户满意度/ });
      expect(await satisfaction.getByText(/(达标|未达目标|预警|严重)$/).isVisible()).toBe(true);
      expect(await page.getByText(/^等级 [A-E]$/).isVisible()).toBe(true);
      // The chart is an image with a summary as its name, and its numbers are in a table for screen readers.
      const chart = page.getByRole('img', { name: /综合得分/ });
      expect(await chart.count()).toBe(1);
      expect(await chart.evaluate((el) => el.tagName.toLowerCase())).toBe('svg');
      expect(await page.locator('svg[role="img"] polyline').count()).toBeGreaterThanOrEqual(1);
      expect(
        await page.getByRole('table', { name: '近 8 个季度综合得分趋势' }).locator('tbody tr').count(),
      ).toBe(8);
      // Peers are a percentile, never names.
      expect(await page.getByText(demo.otherPartner.name).count()).toBe(0);

      // An earlier year with no events says so instead of showing zeros.
      await page.goto('/p/scorecard?period=2019');
      await expect.poll(() => page.getByText('暂无事件').isVisible()).toBe(true);
      assertNoConsoleErrors();
    } finally {
      await close();
    }
  });

  test('staff see the ranked table and drill down to the events behind a KPI', async () => {
    const { page, assertNoConsoleErrors, expectConsoleError, close } = await newPage(browser());
    // The refused KPI form answers 422; Chromium logs that response.
    expectConsoleError(/422/);
    try {
      await signInAs(page, demo.admin.email);
      await page.waitForURL('**/s');
      await followNavLink(page, '绩效排名');
      await page.waitForURL('**/s/scorecards');
      const table = page.getByRole('table', { name: '合作伙伴绩效排名' });
      await table.getByRole('link', { name: demo.partnerAdmin.partner }).click();
      await expect
        .poll(() => page.getByRole('heading', { level: 1 }).textContent())
        .toBe(demo.partnerAdmin.partner);
      await page.getByRole('link', { name: '查看客户满意度的明细事件' }).click();
      await page.waitForURL((url) => url.searchParams.get('kpi') === 'customer_satisfaction');
      // The demo holds two years of events, listed oldest first: this month's page starts near ours.
      const url = new URL(page.url());
      url.searchParams.set('period', todayInChina(new Date(Date.now() - 3_600_000)).slice(0, 7));
      await page.goto(url.pathname + url.search);
      const events = page.getByRole('table', { name: /客户满意度明细事件/ });
      await expect.poll(() => events.getByText(`e2e-${run}-now-r1`).isVisible()).toBe(true);
      expect(await events.getByText(`e2e-${run}-now-r2`).isVisible()).toBe(true);

      // KPI definitions: administrators open a KPI's form from the list; core refuses a bad threshold order.
      await followNavLink(page, '考核指标');
      await page.getByRole('link', { name: '编辑客户满意度' }).click();
      const warning = page.getByLabel('预警阈值');
      await warning.fill('4.9');
      await page.getByRole('button', { name: '保存指标' }).click();
      await expect.poll(() => warning.getAttribute('aria-invalid')).toBe('true');
      assertNoConsoleErrors();
    } finally {
      await close();
    }
  });

  test('an import with a bad row reports the row and stores nothing; a good file imports with progress', async () => {
    const { page, assertNoConsoleErrors, expectConsoleError, close } = await newPage(browser());
    // The check answers 422 when rows are bad; Chromium logs that response.
    expectConsoleError(/422/);
    try {
      await signInAs(page, demo.admin.email);
      await page.goto('/s/import');
      await page.getByLabel('合作伙伴', { exact: true }).selectOption({ label: demo.partnerAdmin.partner });
      const at = hoursAgo(2);
      const header = 'externalId,type,occurredAt,rating';
      await page.getByLabel('CSV 或 XLSX 文件').setInputFiles({
        name: 'events.csv',
        mimeType: 'text/csv',
        buffer: Buffer.from(
          [header, `imp-${run}-1,customer_rating,${at},5`, `imp-${run}-2,customer_rating,${at},9`, ''].join(
            '\n',
          ),
        ),
      });
      await page.getByRole('button', { name: '校验并导入' }).click();
      const report = page.getByRole('region', { name: '发现 1 个问题' });
      // The file is checked in a worker thread; on a loaded machine its start takes a while.
      await expect.poll(() => report.isVisible(), { timeout: 30_000 }).toBe(true);
      const row = report.getByRole('row', { name: /^3 / });
      expect(await row.getByText('rating', { exact: true }).isVisible()).toBe(true);
      expect(await page.getByText('未保存任何数据').isVisible()).toBe(true);

      await page.getByLabel('CSV 或 XLSX 文件').setInputFiles({
        name: 'events.csv',
        mimeType: 'text/csv',
        buffer: Buffer.from(
          [header, `imp-${run}-1,customer_rating,${at},5`, `imp-${run}-2,customer_rating,${at},4`].join('\n'),
        ),
      });
      await page.getByRole('button', { name: '校验并导入' }).click();
      // "2 new, 0 already received": the good row of the refused file was not stored then.
      await expect
        .poll(() => page.getByText('导入完成：新增 2 条事件，0 条此前已接收。').isVisible(), {
          timeout: 30_000,
        })
        .toBe(true);
      expect(await page.locator('progress').getAttribute('value')).toBe('2');
      assertNoConsoleErrors();
    } finally {
      await close();
    }
  });
});
