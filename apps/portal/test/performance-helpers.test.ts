import type { ImportIssueCode } from '@outpost/core';
import { translator } from '@outpost/i18n';
import { describe, expect, test } from 'vitest';
import { trendGeometry, trendSvgContent } from '../app/lib/performance/chart';
import { eventFields, formatMinutes, formatYuan, humaniseKey } from '../app/lib/performance/event-fields';
import { formatKpiValue } from '../app/lib/performance/format';
import { chunks, importErrorText } from '../app/lib/performance/import-errors';
import { kpiFromForm } from '../app/lib/performance/kpi-form';
import { asKind, periodLinks, periodParam, shiftPeriod } from '../app/lib/performance/period';

const NOW = new Date('2026-08-15T12:00:00+08:00');

describe('periods', () => {
  test('the query string period, or the current quarter for a missing or hand-edited one', () => {
    expect(periodParam(new URLSearchParams('period=2026-03'), NOW)).toEqual({
      kind: 'month',
      year: 2026,
      index: 3,
    });
    expect(periodParam(new URLSearchParams('period=2026-Q9'), NOW)).toEqual({
      kind: 'quarter',
      year: 2026,
      index: 3,
    });
    expect(periodParam(new URLSearchParams(), NOW)).toEqual({ kind: 'quarter', year: 2026, index: 3 });
  });
  test('shifts across year boundaries and switches kinds near the same time', () => {
    expect(shiftPeriod({ kind: 'quarter', year: 2026, index: 1 }, -1)).toEqual({
      kind: 'quarter',
      year: 2025,
      index: 4,
    });
    expect(shiftPeriod({ kind: 'month', year: 2025, index: 12 }, 1)).toEqual({
      kind: 'month',
      year: 2026,
      index: 1,
    });
    expect(asKind({ kind: 'quarter', year: 2026, index: 3 }, 'month')).toEqual({
      kind: 'month',
      year: 2026,
      index: 9,
    });
    expect(asKind({ kind: 'month', year: 2026, index: 5 }, 'quarter')).toEqual({
      kind: 'quarter',
      year: 2026,
      index: 2,
    });
  });
  test('no "next" link past the current period', () => {
    const current = periodLinks({ kind: 'quarter', year: 2026, index: 3 }, NOW);
    expect(current).toMatchObject({ label: '2026-Q3', previous: '2026-Q2', next: null });
    expect(current.kinds.map((k) => k.label)).toEqual(['2026-09', '2026-Q3', '2026']);
    expect(periodLinks({ kind: 'month', year: 2026, index: 7 }, NOW).next).toBe('2026-08');
    expect(periodLinks({ kind: 'month', year: 2026, index: 8 }, NOW).next).toBeNull();
  });
});

describe('trend chart geometry', () => {
  test('0–100 maps onto the plot; a quarter without data breaks the line', () => {
    const g = trendGeometry(
      [
        { period: '2026-Q1', score: 100 },
        { period: '2026-Q2', score: 0 },
        { period: '2026-Q3', score: null },
        { period: '2026-Q4', score: 50 },
        { period: '2027-Q1', score: 60 },
      ],
      640,
      240,
    );
    expect(g.points[0]!.y).toBe(g.plot.top);
    expect(g.points[1]!.y).toBe(g.plot.bottom);
    expect(g.points[2]!.y).toBeNull();
    expect(g.points[0]!.x).toBe(g.plot.left);
    expect(g.points[4]!.x).toBe(g.plot.right);
    expect(g.segments).toHaveLength(2);
    expect(g.segments[0]!.split(' ')).toHaveLength(2);
  });
  test('a single scored quarter draws a dot, no line', () => {
    expect(trendGeometry([{ period: '2026-Q1', score: 80 }]).segments).toEqual([]);
  });
});

describe('formatting and import helpers', () => {
  const zh = translator('zh-CN');
  const en = translator('en');
  test('KPI values carry their unit in the reader’s language', () => {
    expect(formatKpiValue('en', en, 96.14, 'percent')).toBe('96.1%');
    expect(formatKpiValue('en', en, 4.5, 'rating')).toBe('4.5 out of 5');
    expect(formatKpiValue('zh-CN', zh, null, 'percent')).toBe('暂无数据');
  });
  test('row problems are rendered from their code, naming the column and what to fix', () => {
    expect(importErrorText(zh, { code: 'unknown_column', path: 'colour', params: {} })).toBe(
      '未知列“colour”，请只使用下文列出的列。',
    );
    expect(importErrorText(zh, { code: 'too_big', path: 'rating', params: { max: 5 } })).toBe(
      'rating 不能大于 5。',
    );
    expect(importErrorText(en, { code: 'too_big', path: 'rating', params: { max: 5 } })).toBe(
      'rating must be at most 5.',
    );
    expect(
      importErrorText(zh, { code: 'invalid_type', path: 'amount', params: { expected: 'number' } }),
    ).toBe('amount 请填写数字。');
    expect(
      importErrorText(en, { code: 'invalid_type', path: 'passed', params: { expected: 'boolean' } }),
    ).toBe('Write true or false (是/否) in passed.');
    expect(
      importErrorText(en, {
        code: 'year_out_of_range',
        path: 'occurredAt',
        params: { fromYear: 2000, toYear: 9999 },
      }),
    ).toBe('Use a year from 2000 to 9999 in occurredAt.');
  });
  test('every code core can report has words in both languages', () => {
    // A Record, so the type checker fails here when core gains a code.
    const all: Record<ImportIssueCode, true> = {
      required: true,
      invalid_type: true,
      invalid_datetime: true,
      year_out_of_range: true,
      invalid_value: true,
      too_small: true,
      too_big: true,
      too_long: true,
      too_many_decimals: true,
      not_positive: true,
      not_for_type: true,
      invalid_characters: true,
      in_future: true,
      self_correction: true,
      duplicate_id: true,
      unknown_target: true,
      correction_of_correction: true,
      already_corrected: true,
      invalid: true,
      unknown_column: true,
      missing_column: true,
      duplicate_column: true,
      unnamed_column: true,
      no_rows: true,
      too_many_rows: true,
    };
    const codes = Object.keys(all) as ImportIssueCode[];
    for (const t of [zh, en]) {
      for (const code of codes) {
        const text = importErrorText(t, { code, path: 'x', params: {} });
        expect(text).not.toContain('performance.import.issue');
      }
    }
  });
  test('events go out in batches of at most the API’s size, in order', () => {
    expect(chunks([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
    expect(chunks([], 5000)).toEqual([]);
  });
  test('the KPI form becomes core input; empty numbers are left for core to refuse', () => {
    const form = new FormData();
    for (const [k, v] of Object.entries({
      key: 'nps',
      nameZh: '净推荐值',
      nameEn: 'NPS',
      unit: 'percent',
      computation: 'share_passed',
      direction: 'higher_better',
      target: '90',
      warningThreshold: '80',
      criticalThreshold: '',
      weight: '5',
    }))
      form.set(k, v);
    form.append('serviceCategories', 'claims');
    form.append('serviceCategories', 'it');
    const input = kpiFromForm(form);
    expect(input).toMatchObject({
      key: 'nps',
      target: 90,
      weight: 5,
      active: false,
      sortOrder: 0,
      serviceCategories: ['claims', 'it'],
    });
    expect(Number.isNaN(input.criticalThreshold)).toBe(true);
  });
  test('the SVG content: a titled chart with one dot per scored quarter, a label per quarter, text escaped', () => {
    const g = trendGeometry([
      { period: '2026-Q1', score: 70 },
      { period: '2026-Q2', score: null },
      { period: '2026-Q3', score: 80 },
      { period: '2026-Q4', score: 90 },
    ]);
    const svg = trendSvgContent(g, { id: 'c1-title', text: 'A & B <script>"x"</script>' });
    expect(
      svg.startsWith('<title id="c1-title">A &amp; B &lt;script&gt;&quot;x&quot;&lt;/script&gt;</title>'),
    ).toBe(true);
    expect(svg.match(/<circle /g)).toHaveLength(3);
    expect(svg.match(/class="trend-chart__label">26-Q\d</g)).toHaveLength(4);
    expect(svg.match(/<polyline points="([^"]+)"/g)).toHaveLength(1); // Q1 alone before the gap: a dot, no line
    expect(svg).toContain(`points="${g.segments[0]}"`);
    expect(svg).not.toContain('<script');
  });
});

describe('trend chart labels and provisional quarters', () => {
  test('every period label, and the "in progress" line, stays inside the view box', () => {
    const trend = [
      '2025-Q1',
      '2025-Q2',
      '2025-Q3',
      '2025-Q4',
      '2026-Q1',
      '2026-Q2',
      '2026-Q3',
      '2026-Q4',
    ].map((period, i) => ({ period, score: 70 + i, provisional: i === 7 }));
    const g = trendGeometry(trend);
    // 11 px text: "26-Q4" is about 32 px wide, "In progress" about 60 px; each is centred on its point.
    for (const p of g.points) {
      expect(p.x - 30).toBeGreaterThanOrEqual(0);
      expect(p.x + 30).toBeLessThanOrEqual(g.width);
    }
    expect(g.noteY + 4).toBeLessThanOrEqual(g.height);
    const svg = trendSvgContent(g, { id: 't', text: 'trend' }, '进行中');
    expect(svg.match(/trend-chart__label--provisional">进行中</g)).toHaveLength(1);
    expect(svg.match(/trend-chart__dot--provisional/g)).toHaveLength(1);
  });
});

describe('drill-down event fields', () => {
  const zh = translator('zh-CN');
  const en = translator('en');
  test('known payload fields are labelled and formatted: yuan, Beijing time, yes/no, ratings', () => {
    const payload = { slaDueAt: '2026-07-01T02:30:00Z', amount: 30605.26, caseId: 'C-1' };
    expect(eventFields('zh-CN', zh, payload)).toEqual([
      { key: 'caseId', label: '案件编号', value: 'C-1' },
      { key: 'amount', label: '金额', value: '¥30,605.26' },
      { key: 'slaDueAt', label: '时效截止', value: expect.stringContaining('10:30') },
    ]);
    expect(eventFields('en', en, { amount: 1000 })).toEqual([
      { key: 'amount', label: 'Amount', value: '¥1,000.00' },
    ]);
    expect(eventFields('en', en, { passed: false, rating: 4 }).map((f) => `${f.label}: ${f.value}`)).toEqual([
      'Rating: 4 out of 5',
      'Passed: No',
    ]);
    expect(eventFields('zh-CN', zh, { passed: true })[0]!.value).toBe('是');
  });
  test('an unknown key falls back to a humanised name; amounts and durations read naturally', () => {
    expect(eventFields('en', en, { handlerName: 'Li', extra_note: 'x' }).map((f) => f.label)).toEqual([
      'Handler name',
      'Extra note',
    ]);
    expect(humaniseKey('slaDueAt')).toBe('Sla due at');
    expect(formatYuan('zh-CN', 1234567.5)).toBe('¥1,234,567.50');
    expect(formatMinutes(zh, 60)).toBe('1 小时');
    expect(formatMinutes(en, 125)).toBe('2 hours 5 minutes');
    expect(formatMinutes(en, 1)).toBe('1 minute');
    expect(formatMinutes(zh, 26 * 60)).toBe('1 天 2 小时');
  });
});
