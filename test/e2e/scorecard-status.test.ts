import type { Page } from 'playwright-core';
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
const lateCase = `e2e-late-${run}`;
/** The current month in China, and its first second: the drill-down lists events oldest first. */
const chinaNow = new Date(Date.now() + 8 * 3_600_000);
const month = chinaNow.toISOString().slice(0, 7);
const closedAt = `${month}-01T00:00:01+08:00`;

/** The demo partner's system reports one case closed 2 h 5 min after its SLA, for 30,605.26 yuan. */
async function seedLateCase(): Promise<void> {
  const cookie = await sessionCookieFor(demo.partnerAdmin.email);
  const created = await fetch(`${baseUrl}/api/v1/api-keys`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Cookie: cookie },
    body: JSON.stringify({ name: `e2e scorecard ${run}`, scopes: ['events'] }),
  });
  expect(created.status).toBe(201);
  const { key } = (await created.json()) as { key: string };
  const due = new Date(Date.parse(closedAt) - 125 * 60_000).toISOString();
  const sent = await fetch(`${baseUrl}/api/v1/events`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${key}` },
    body: JSON.stringify({
      events: [
        {
          externalId: lateCase,
          type: 'case_closed',
          occurredAt: closedAt,
          caseId: `CASE-${run}`,
          slaDueAt: due,
          amount: 30605.26,
        },
      ],
    }),
  });
  expect(sent.status).toBe(200);
}

const words = {
  'zh-CN': { met: '达标', below_target: '未达目标', warning: '预警', critical: '严重', no_data: '暂无数据' },
  en: {
    met: 'Met',
    below_target: 'Below target',
    warning: 'Warning',
    critical: 'Critical',
    no_data: 'No data',
  },
} as const;

const number = (text: string) => Number.parseFloat(text.replace(/,/g, ''));

/**
 * Every KPI row of the scorecard: its status word must be the one its value, target and
 * thresholds (as shown in the same row) call for, in the KPI's direction.
 */
async function checkKpiStatuses(page: Page, locale: 'zh-CN' | 'en') {
  const w = words[locale];
  const rows = page.locator('table.kpi-table tbody tr');
  const count = await rows.count();
  expect(count).toBeGreaterThanOrEqual(5);
  const seen: string[] = [];
  for (let i = 0; i < count; i++) {
    const cells = await rows
      .nth(i)
      .locator('th, td')
      .evaluateAll((els) => els.map((el) => (el.textContent ?? '').trim()));
    const [name, value, status, target, warning, critical] = cells as [string, ...string[]];
    const word = status!.replace(/^[✓↓!✕–]\s*/, '');
    seen.push(word);
    expect(Object.values(w)).toContain(word);
    if (Number.isNaN(number(value!))) {
      expect(word, name).toBe(w.no_data);
      continue;
    }
    const lowerBetter = /越低越好|Lower is better/.test(name);
    const worse = (a: number, b: number) => (lowerBetter ? a > b : a < b);
    const v = number(value!);
    const judge = (x: number) =>
      worse(x, number(critical!))
        ? w.critical
        : worse(x, number(warning!))
          ? w.warning
          : worse(x, number(target!))
            ? w.below_target
            : w.met;
    // The value is shown rounded: one shown equal to a threshold may lie just beyond it, so the
    // status on either side of that threshold is right.
    const onEdge = [critical, warning, target].some((t) => number(t!) === v);
    const step = lowerBetter ? 1e-9 : -1e-9;
    const allowed = onEdge ? [judge(v), judge(v + step)] : [judge(v)];
    expect(allowed, `${name}: ${value} vs target ${target}`).toContain(word);
  }
  return seen;
}

/** Every x-axis label of the trend chart lies wholly inside the chart. */
async function checkChartLabels(page: Page) {
  const svg = page.locator('svg.trend-chart__svg');
  const box = (await svg.boundingBox())!;
  const labels = svg.locator('text.trend-chart__label');
  expect(await labels.count()).toBeGreaterThanOrEqual(8);
  for (const label of await labels.all()) {
    const b = (await label.boundingBox())!;
    expect(b.x).toBeGreaterThanOrEqual(box.x - 0.5);
    expect(b.x + b.width).toBeLessThanOrEqual(box.x + box.width + 0.5);
    expect(b.y + b.height).toBeLessThanOrEqual(box.y + box.height + 0.5);
  }
}

const screenshots = process.env.E2E_SCREENSHOTS;

describe.skipIf(!e2eEnabled)('scorecard statuses, the period in progress, labelled drill-down', () => {
  const browser = useBrowser();
  beforeAll(async () => {
    if (e2eEnabled) await seedLateCase();
  });

  test('the partner sees statuses that match target and thresholds, in Chinese and English, and this quarter in progress', async () => {
    const { page, assertNoConsoleErrors, close } = await newPage(browser());
    try {
      await signInAs(page, demo.partnerAdmin.email);
      await page.goto('/p/scorecard');
      await expect
        .poll(() => page.getByRole('heading', { level: 1, name: '绩效记分卡' }).isVisible())
        .toBe(true);
      await checkKpiStatuses(page, 'zh-CN');
      // The current quarter has not ended: the headline and the trend say so in words.
      const summary = page.getByRole('heading', { level: 2, name: /综合得分/ });
      expect(await summary.getByText('进行中').isVisible()).toBe(true);
      if (await page.getByText(/^等级 [A-E]$/).count())
        expect(await page.locator('.scorecard__score').getByText('暂定').isVisible()).toBe(true);
      expect(await page.getByText('本期尚未结束（按北京时间）', { exact: false }).isVisible()).toBe(true);
      const trendTable = page.getByRole('table', { name: '近 8 个季度综合得分趋势' });
      expect(await trendTable.getByRole('rowheader', { name: /（进行中，暂定）$/ }).count()).toBe(1);
      expect(await page.locator('svg.trend-chart__svg text', { hasText: '进行中' }).count()).toBe(1);
      await checkChartLabels(page);
      if (screenshots)
        await page.screenshot({ path: `${screenshots}/scorecard-zh-desktop.png`, fullPage: true });

      // A past quarter is final: no "in progress" in its headline.
      await page.goto('/p/scorecard?period=2025-Q1');
      await expect
        .poll(() => page.getByRole('heading', { level: 2, name: '综合得分', exact: true }).isVisible())
        .toBe(true);
      expect(await page.locator('.scorecard__summary').getByText('进行中').count()).toBe(0);

      await page.goto('/p/scorecard');
      await page.getByRole('button', { name: 'English', exact: true }).click();
      await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('en');
      await expect
        .poll(() => page.getByRole('heading', { level: 1, name: 'Scorecard' }).isVisible())
        .toBe(true);
      const seen = await checkKpiStatuses(page, 'en');
      expect(seen).not.toContain('On track');
      expect(
        await page
          .getByRole('heading', { level: 2, name: /Overall score/ })
          .getByText('In progress')
          .isVisible(),
      ).toBe(true);
      expect(await page.locator('svg.trend-chart__svg text', { hasText: 'In progress' }).count()).toBe(1);
      await checkChartLabels(page);

      // On a phone the chart shrinks with its labels; none is cut off.
      await page.setViewportSize({ width: 390, height: 844 });
      await checkChartLabels(page);
      // …and neither it nor its screen-reader table widens the page past the chart's card.
      const card = await page.locator('.trend-chart').evaluate((el) => {
        const figure = el.getBoundingClientRect();
        const hidden = el.querySelector('.visually-hidden')!.getBoundingClientRect();
        return { figure: figure.right, hidden: hidden.right };
      });
      expect(card.figure).toBeLessThanOrEqual(390);
      expect(card.hidden).toBeLessThanOrEqual(390);
      if (screenshots) await page.screenshot({ path: `${screenshots}/scorecard-en-390.png`, fullPage: true });
      assertNoConsoleErrors();
    } finally {
      // The shared demo account keeps its language; the other files expect Chinese.
      await page.request.post('/lang', { form: { locale: 'zh-CN', redirectTo: '/' }, maxRedirects: 0 });
      await close();
    }
  });

  test('staff drill down from the ranking to a KPI’s events and read labelled values with late cases marked', async () => {
    const { page, assertNoConsoleErrors, close } = await newPage(browser());
    try {
      await signInAs(page, demo.admin.email);
      await followNavLink(page, '绩效排名');
      await page.waitForURL('**/s/scorecards');
      // The current quarter is in progress, so the ranking says its grades are provisional.
      await expect
        .poll(() => page.getByText('本期尚未结束（按北京时间）：得分、等级和排名均为暂定。').isVisible())
        .toBe(true);
      const table = page.getByRole('table', { name: '合作伙伴绩效排名' });
      await table.getByRole('link', { name: demo.partnerAdmin.partner }).click();
      await expect
        .poll(() => page.getByRole('heading', { level: 1 }).textContent())
        .toBe(demo.partnerAdmin.partner);
      const url = new URL(page.url());
      url.searchParams.set('period', month);
      await page.goto(url.pathname + url.search);
      await page.getByRole('link', { name: '查看处理时效的明细事件' }).click();
      await page.waitForURL((u) => u.searchParams.get('kpi') === 'processing_timeliness');
      const events = page.getByRole('table', { name: /处理时效明细事件/ });
      const row = events.getByRole('row', { name: new RegExp(lateCase) });
      await expect.poll(() => row.isVisible()).toBe(true);
      const text = (await row.textContent()) ?? '';
      expect(text).toContain('逾期 2 小时 5 分钟');
      expect(text).toContain('金额');
      expect(text).toContain('¥30,605.26');
      expect(text).toContain('案件编号');
      expect(text).toContain('时效截止');
      // Closed at 00:00:01 Beijing time on the 1st; due 21:55 the day before, in Beijing time.
      expect(text).toMatch(/21:55/);
      expect(text).not.toMatch(/slaDueAt|amount:/);
      expect(await events.getByText('slaDueAt').count()).toBe(0);
      if (screenshots) await page.screenshot({ path: `${screenshots}/drill-down-zh.png`, fullPage: true });
      assertNoConsoleErrors();
    } finally {
      await close();
    }
  });
});
